# `make bench`: boots every benchmark system (bench/<name>/ with system.cfg
# and bench.conf) in QEMU, prints one BENCH line per figure and writes the
# table (bench/run.sh) to $(BUILD)/bench-logs/benchmarks.md; `make bench
# BENCH_UPDATE=1` rewrites the one in docs/benchmarks.md instead. Benchmark
# partitions live in bench/guests/<name>/ and may include
# bench/include/bhbench.h. The systems
# are built by `make all` like every other; `make check` never runs them.

BENCH_DIRS := $(sort $(patsubst %/system.cfg,%,$(wildcard bench/*/system.cfg)))
# Benchmark systems link the kernel built with BH_BENCH=1 (the Makefile).
BENCH_KERNEL_SYSTEMS += $(BENCH_DIRS)
BENCH_IMAGES := $(patsubst %,$(BUILD)/sys/%/kernel.elf,$(BENCH_DIRS))

GCFLAGS += -Ibench/include

.PHONY: bench
bench:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(BHCFG_TOOL) $(BENCH_IMAGES)
	@BUILD=$(BUILD) QEMU=$(QEMU) BENCH_UPDATE=$(BENCH_UPDATE) bash bench/run.sh $(BENCH_DIRS)
