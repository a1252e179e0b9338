# `make bench`: boots every benchmark system (bench/<name>/ with system.cfg
# and bench.conf) in QEMU, prints one BENCH line per figure and writes the
# table (bench/run.sh) to $(BUILD)/bench-logs/benchmarks.md; `make bench
# BENCH_UPDATE=1` rewrites the one in docs/benchmarks.md instead. Benchmark
# partitions live in bench/guests/<name>/ and may include
# bench/include/bhbench.h. The systems
# are built by `make all` like every other. `make check` runs none of them
# for its figures: it runs bench/virq only to check the tools against it
# (bench-tools-test: tests/bench/tools.sh), with no target held.

BENCH_DIRS := $(sort $(patsubst %/system.cfg,%,$(wildcard bench/*/system.cfg)))
# Benchmark systems link the `bench` kernel variant (the Makefile, "kernel"):
# built with BH_BENCH=1 and the benchmark module; never installed.
KERNEL_VARIANTS += bench
# It also holds the guest executive's portable code and thread switch, run in
# ring 0 as the native baseline of irq_to_thread (kernel/arch/x86/bench/rt0_*).
KVARIANT_CFLAGS.bench := -DBH_BENCH=1 -Iguest/include -Iguest/rtos/include -Iguest/rtos/src \
	-Ikernel/arch/x86/bench
KVARIANT_SRCS.bench := $(sort $(wildcard kernel/arch/x86/bench/*.c kernel/arch/x86/bench/*.S)) \
	$(sort $(wildcard guest/rtos/src/*.c)) guest/rtos/port/i386/switch.S
$(foreach d,$(BENCH_DIRS),$(eval SYS_VARIANT.$(d) := bench))
# The holdoff kernel: the bench kernel with every entry and exit stamped
# (bh/holdoff.h), so the other benchmarks' paths keep their length.
KERNEL_VARIANTS += holdoff
KVARIANT_CFLAGS.holdoff := $(KVARIANT_CFLAGS.bench) -DBH_HOLDOFF=1
KVARIANT_SRCS.holdoff := $(KVARIANT_SRCS.bench)
SYS_VARIANT.bench/holdoff := holdoff
BENCH_IMAGES := $(patsubst %,$(BUILD)/sys/%/kernel.elf,$(BENCH_DIRS))

GCFLAGS += -Ibench/include

.PHONY: bench
bench:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(BHCFG_TOOL) $(BENCH_IMAGES)
	@BUILD=$(BUILD) QEMU=$(QEMU) BENCH_UPDATE=$(BENCH_UPDATE) bash bench/run.sh $(BENCH_DIRS)

.PHONY: bench-tools-test
bench-tools-test: $(BUILD)/sys/bench/virq/kernel.elf $(BUILD)/sys/bench/rtos_irq/kernel.elf
	@echo "== bench-tools-test"
	@BUILD=$(BUILD) QEMU=$(QEMU) bash tests/bench/tools.sh
CHECK_TARGETS += bench-tools-test
