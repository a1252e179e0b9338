# Bulkhead: a separation kernel for i386.
#
#   make run     build and boot the demo system in QEMU (ends by itself)
#   make check   every test: host unit tests, the virq model check, QEMU tests
#   make bench   path-length and TCG timing benchmarks -> docs/benchmarks.md
#   make iso     a GRUB rescue ISO of the demo system
#
# `run`, `check`, `bench` and `iso` first install missing Debian packages
# (mk/deps.sh). Everything is built under $(BUILD).

BUILD ?= build
HOSTCC ?= gcc
CC32 ?= gcc
QEMU ?= qemu-system-i386

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:

WARN := -Wall -Wextra -Werror -Wconversion -Wsign-conversion -Wvla \
	-Wmissing-prototypes -Wstrict-prototypes -Wshadow
TARGET := -m32 -ffreestanding -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -std=c11 -O2 -g
KCFLAGS := $(TARGET) $(WARN) -mgeneral-regs-only -mpreferred-stack-boundary=2 \
	-Iinclude -Ikernel/include -Ikernel/arch/x86/include -Icommon -MMD -MP
GCFLAGS := $(TARGET) $(WARN) -Iinclude -Iguest/include -Icommon -Itests/qemu/lib -MMD -MP
LDFLAGS32 := -m32 -nostdlib -no-pie -static -Wl,--build-id=none

# Fragments may add to these: libraries every partition links (before the
# guest library), libraries only test and benchmark partitions link, and
# targets `make check` runs.
PART_LIBS :=
TEST_PART_LIBS :=
CHECK_TARGETS :=

include tools/bhcfg/bhcfg.mk
include tools/bhtrace/bhtrace.mk

# ------------------------------------------------------------------ kernel

# The kernel is built twice: the normal objects ($(BUILD)/kobj), and the
# benchmark objects ($(BUILD)/kobj-bench), compiled with BH_BENCH=1 and with
# the benchmark module (kernel/arch/x86/bench/) added. Only the systems
# listed in BENCH_KERNEL_SYSTEMS (mk/bench.mk adds bench/*) link the latter;
# every other image contains no benchmark code (tests/image checks).
KERNEL_SRCS := $(sort $(wildcard kernel/core/*.c kernel/arch/x86/*.c kernel/arch/x86/*.S)) \
	common/fmt.c common/string.c
KERNEL_OBJS := $(patsubst %,$(BUILD)/kobj/%.o,$(KERNEL_SRCS))
KERNEL_BENCH_SRCS := $(KERNEL_SRCS) \
	$(sort $(wildcard kernel/arch/x86/bench/*.c kernel/arch/x86/bench/*.S))
KERNEL_BENCH_OBJS := $(patsubst %,$(BUILD)/kobj-bench/%.o,$(KERNEL_BENCH_SRCS))
KERNEL_LD := kernel/arch/x86/kernel.ld
BENCH_KERNEL_SYSTEMS :=

$(BUILD)/kobj/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC32) $(KCFLAGS) -c $< -o $@

$(BUILD)/kobj/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC32) $(KCFLAGS) -c $< -o $@

$(BUILD)/kobj-bench/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC32) $(KCFLAGS) -DBH_BENCH=1 -c $< -o $@

$(BUILD)/kobj-bench/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC32) $(KCFLAGS) -DBH_BENCH=1 -c $< -o $@

# ------------------------------------------------------------ guest side

GUEST_LIB_SRCS := $(sort $(wildcard guest/lib/*.c guest/lib/*.S)) common/fmt.c common/string.c
GUEST_LIB := $(BUILD)/guest/libbhguest.a
TEST_LIB_SRCS := $(sort $(wildcard tests/qemu/lib/*.c tests/qemu/lib/*.S))
TEST_LIB := $(BUILD)/guest/libbhtest.a
GUEST_LD := guest/sdk/partition.ld

$(BUILD)/gobj/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC32) $(GCFLAGS) -c $< -o $@

$(BUILD)/gobj/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC32) $(GCFLAGS) -c $< -o $@

$(GUEST_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(GUEST_LIB_SRCS))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(TEST_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(TEST_LIB_SRCS))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

include $(sort $(wildcard mk/*.mk))

# A partition is a directory of sources; its image is $(BUILD)/part/<dir>.elf.
# Test and benchmark partitions also link the test libraries.
PART_DIRS := $(sort $(dir $(wildcard demo/*/*.c tests/qemu/guests/*/*.c bench/guests/*/*.c)))

define PART_template
$(BUILD)/part/$(notdir $(1:/=)).elf: $(patsubst %,$(BUILD)/gobj/%.o,$(wildcard $(1)*.c $(1)*.S)) \
		$(if $(filter demo/%,$(1)),,$(TEST_PART_LIBS) $(TEST_LIB)) $(PART_LIBS) \
		$(GUEST_LIB) $(GUEST_LD)
	@mkdir -p $$(@D)
	$(CC32) $(LDFLAGS32) -T $(GUEST_LD) -o $$@ $$(filter %.o %.a,$$^) -lgcc
endef
$(foreach d,$(PART_DIRS),$(eval $(call PART_template,$(d))))

# The demo partitions share their message layouts (demo/include).
$(BUILD)/gobj/demo/%: GCFLAGS += -Idemo/include

# --------------------------------------------------------------- systems

# A system is a directory holding system.cfg; its bootable image is
# $(BUILD)/sys/<dir>/kernel.elf. Image names in the config are looked up in
# $(BUILD)/part.
SYSTEM_DIRS := demo $(patsubst %/system.cfg,%,$(wildcard tests/qemu/*/system.cfg bench/*/system.cfg))
# The kernel objects a system links: benchmark ones for BENCH_KERNEL_SYSTEMS.
sys_kobjs = $(if $(filter $(1),$(BENCH_KERNEL_SYSTEMS)),$(KERNEL_BENCH_OBJS),$(KERNEL_OBJS))
cfg_images = $(addprefix $(BUILD)/part/,$(shell sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' $(1)/system.cfg))

define SYS_template
$(BUILD)/sys/$(1)/config.c: $(1)/system.cfg $(BHCFG_TOOL) $(call cfg_images,$(1))
	@mkdir -p $$(@D)
	$(BHCFG_TOOL) tables --image-dir $(BUILD)/part $(1)/system.cfg -o $$@

$(BUILD)/sys/$(1)/images.S: $(1)/system.cfg $(BHCFG_TOOL) $(call cfg_images,$(1))
	@mkdir -p $$(@D)
	$(BHCFG_TOOL) image --image-dir $(BUILD)/part $(1)/system.cfg -o $$@

$(BUILD)/sys/$(1)/kernel.elf: $(call sys_kobjs,$(1)) $(BUILD)/sys/$(1)/config.c.o \
		$(BUILD)/sys/$(1)/images.S.o $(KERNEL_LD)
	$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $$@ $(call sys_kobjs,$(1)) \
		$(BUILD)/sys/$(1)/config.c.o $(BUILD)/sys/$(1)/images.S.o -lgcc
endef
$(foreach s,$(SYSTEM_DIRS),$(eval $(call SYS_template,$(s))))

$(BUILD)/sys/%/config.c.o: $(BUILD)/sys/%/config.c
	$(CC32) $(KCFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/sys/%/images.S.o: $(BUILD)/sys/%/images.S
	$(CC32) -m32 -c $< -o $@

SYSTEM_IMAGES := $(patsubst %,$(BUILD)/sys/%/kernel.elf,$(SYSTEM_DIRS))

# ------------------------------------------------- host unit tests (cmocka)

# The arch-neutral core built for the host against kernel/arch/host, with
# address and undefined-behaviour sanitizers. Each tests/unit/test_*.c (but
# bhcfg's, in its own fragment) becomes one binary, linked with the core and
# tests/unit/support/*.c.
HOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CFLAGS := -std=c11 -O1 -g $(WARN) $(HOST_SAN) -Iinclude -Ikernel/include \
	-Ikernel/arch/host/include -Ikernel/arch/x86/include -Icommon -Itests/unit/support -MMD -MP
HOST_CORE_SRCS := $(sort $(wildcard kernel/core/*.c kernel/arch/host/*.c)) \
	kernel/arch/x86/regs.c common/fmt.c
HOST_CORE_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(HOST_CORE_SRCS))
UNIT_SUPPORT_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(wildcard tests/unit/support/*.c))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,\
	$(filter-out tests/unit/test_bhcfg%,$(wildcard tests/unit/test_*.c)))

$(BUILD)/host/%.c.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/unit/%: $(BUILD)/host/tests/unit/%.c.o $(HOST_CORE_OBJS) $(UNIT_SUPPORT_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_SAN) -o $@ $^ -lcmocka

# ------------------------------------------------------------ top level

QEMU_FLAGS := -display none -no-reboot -m 256 \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
DEMO_ARGS ?= frames=50

.PHONY: all deps run check iso debug systems unit-test qemu-test clean

all: $(BHCFG_TOOL) $(BHTRACE_TOOL) $(GUEST_LIB) $(SYSTEM_IMAGES)

systems: $(SYSTEM_IMAGES)

deps:
	@sh mk/deps.sh

# The demo: boots, prints what each partition does, and halts by itself
# after DEMO_ARGS' number of major frames (QEMU status 33 means a clean end).
run:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/sys/demo/kernel.elf
	@status=0; timeout 60 $(QEMU) $(QEMU_FLAGS) -serial stdio \
		-kernel $(BUILD)/sys/demo/kernel.elf -append "$(DEMO_ARGS)" || status=$$?; \
	if [ $$status -ne 33 ]; then echo "demo ended with QEMU status $$status (expected 33)"; exit 1; fi

check:
	@sh mk/deps.sh
	@MAKE="$(MAKE)" bash mk/check.sh $(BUILD) "unit-test $(CHECK_TARGETS)"

unit-test: $(UNIT_TESTS)
	@echo "== bhcfg"
	@$(MAKE) --no-print-directory bhcfg-test
	@$(MAKE) --no-print-directory bhtrace-test
	@set -e; for t in $(UNIT_TESTS); do \
		echo "== $$t"; \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout 120 $$t; \
	done

qemu-test: $(SYSTEM_IMAGES)
	@BUILD=$(BUILD) QEMU=$(QEMU) bash tests/qemu/run.sh $(patsubst %/system.cfg,%,$(wildcard tests/qemu/*/system.cfg))

# A GRUB rescue ISO of the demo: boot it with `qemu-system-i386 -cdrom`.
iso:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/sys/demo/kernel.elf
	bash mk/mkiso.sh $(BUILD)/sys/demo/kernel.elf "$(DEMO_ARGS)" $(BUILD)/bulkhead.iso
	@echo "built $(BUILD)/bulkhead.iso"

# Debugging: SYSTEM=<dir of a system.cfg> (default demo). QEMU waits for GDB
# on :1234 before the first instruction; see README "Debugging".
SYSTEM ?= demo
debug:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/sys/$(SYSTEM)/kernel.elf
	@echo "QEMU is waiting for GDB: gdb $(BUILD)/sys/$(SYSTEM)/kernel.elf -ex 'target remote :1234'"
	$(QEMU) $(QEMU_FLAGS) -serial stdio -s -S -kernel $(BUILD)/sys/$(SYSTEM)/kernel.elf \
		-append "$(DEMO_ARGS)"

clean:
	rm -rf $(BUILD)

# Header dependencies of every object built so far, at any depth.
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
