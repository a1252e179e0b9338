# Bulkhead: a separation kernel for i386.
#
#   make run     build and boot the demo system in QEMU (ends by itself)
#   make check   every test: host unit tests, the virq model check, QEMU tests
#   make bench   path-length and TCG timing benchmarks -> docs/benchmarks.md
#   make iso     a GRUB rescue ISO of the demo system
#
# `run`, `check`, `bench` and `iso` first install missing Debian packages
# (mk/deps.sh). Everything is built under $(BUILD). Output is one short line
# per step; `make V=1` prints the commands.

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
# Partitions see the compiler's own headers (stdint.h, stddef.h, ...) and
# the SDK's C library headers (guest/libc: what the guest library provides),
# never the build host's.
GCC_INCLUDE := $(shell $(CC32) -print-file-name=include)
GCFLAGS := $(TARGET) $(WARN) -nostdinc -isystem $(GCC_INCLUDE) -isystem guest/libc \
	-Iinclude -Iguest/include -Icommon -Itests/qemu/lib -MMD -MP
LDFLAGS32 := -m32 -nostdlib -no-pie -static -Wl,--build-id=none

# Quiet output: $(call say,WHAT,FILE) starts a recipe line, printing
# "  WHAT FILE" instead of the command; V=1 prints the commands instead.
V ?= 0
ifeq ($(V),1)
say =
else
say = @printf '  %-6s %s\n' '$(1)' '$(2)';
endif

# Fragments may add to these: libraries every partition links (before the
# guest library), libraries only test and benchmark partitions link,
# targets `make check` runs, and files it builds before it runs anything.
PART_LIBS :=
TEST_PART_LIBS :=
CHECK_TARGETS :=
CHECK_BUILD :=

include tools/bhcfg/bhcfg.mk
include tools/bhtrace/bhtrace.mk

# ------------------------------------------------------------------ kernel

# The kernel is a library, $(BUILD)/lib/libbhkernel.a, that a system links
# whole (--whole-archive) with its config.c and images.S; the SDK installs
# the same archive and bh_system links it the same way.
#
# Variants are the kernel built again with more flags and sources, into
# $(BUILD)/kobj-<v>/ and $(BUILD)/lib/libbhkernel-<v>.a. A fragment adds
#   KERNEL_VARIANTS += v
#   KVARIANT_CFLAGS.v := -DBH_V=1       (added to KCFLAGS)
#   KVARIANT_SRCS.v := ...              (sources beyond KERNEL_SRCS)
#   KVARIANT_SDK += v                   (make sdk installs it too)
#   KVARIANT_CFG += v                   (a config may ask for it: built for
#                                        every system, since which system asks
#                                        is known only at link time)
# A system links the archive `bhcfg info` names (kernel_library, from what
# its config asks for), unless SYS_VARIANT.<dir> forces a variant
# (mk/bench.mk: bench/* link `bench`, which is never installed). So an
# image holds no code of a variant it did not ask for (tests/image checks
# that for the benchmark code).
KERNEL_SRCS := $(sort $(wildcard kernel/core/*.c kernel/arch/x86/*.c kernel/arch/x86/*.S)) \
	common/fmt.c common/string.c
KERNEL_OBJS := $(patsubst %,$(BUILD)/kobj/%.o,$(KERNEL_SRCS))
KERNEL_LD := kernel/arch/x86/kernel.ld
KERNEL_LIB := $(BUILD)/lib/libbhkernel.a
KERNEL_VARIANTS :=
KVARIANT_SDK :=
KVARIANT_CFG :=
kvariant_objs = $(patsubst %,$(BUILD)/kobj-$(1)/%.o,$(KERNEL_SRCS) $(KVARIANT_SRCS.$(1)))
kvariant_lib = $(BUILD)/lib/libbhkernel-$(1).a

$(BUILD)/kobj/%.c.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC32) $(KCFLAGS) -c $< -o $@

$(BUILD)/kobj/%.S.o: %.S
	@mkdir -p $(@D)
	$(call say,AS,$<)$(CC32) $(KCFLAGS) -c $< -o $@

$(KERNEL_LIB): $(KERNEL_OBJS)
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

define KVARIANT_template
$(BUILD)/kobj-$(1)/%.c.o: %.c
	@mkdir -p $$(@D)
	$$(call say,CC,$$<)$(CC32) $(KCFLAGS) $(KVARIANT_CFLAGS.$(1)) -c $$< -o $$@

$(BUILD)/kobj-$(1)/%.S.o: %.S
	@mkdir -p $$(@D)
	$$(call say,AS,$$<)$(CC32) $(KCFLAGS) $(KVARIANT_CFLAGS.$(1)) -c $$< -o $$@

$(call kvariant_lib,$(1)): $(call kvariant_objs,$(1))
	@mkdir -p $$(@D)
	$$(call say,AR,$$@)rm -f $$@ && ar rcs $$@ $$^
endef

# ------------------------------------------------------------ guest side

GUEST_LIB_SRCS := $(sort $(wildcard guest/lib/*.c guest/lib/*.S)) common/fmt.c common/string.c
GUEST_LIB := $(BUILD)/guest/libbhguest.a
TEST_LIB_SRCS := $(sort $(wildcard tests/qemu/lib/*.c tests/qemu/lib/*.S))
TEST_LIB := $(BUILD)/guest/libbhtest.a
GUEST_LD := guest/sdk/partition.ld

$(BUILD)/gobj/%.c.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC32) $(GCFLAGS) -c $< -o $@

$(BUILD)/gobj/%.S.o: %.S
	@mkdir -p $(@D)
	$(call say,AS,$<)$(CC32) $(GCFLAGS) -c $< -o $@

$(BUILD)/gobj/common/string.c.o: GCFLAGS += -DBH_GUEST_LIBC

$(GUEST_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(GUEST_LIB_SRCS))
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(TEST_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(TEST_LIB_SRCS))
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

include $(sort $(wildcard mk/*.mk))

$(foreach v,$(KERNEL_VARIANTS),$(eval $(call KVARIANT_template,$(v))))

# ---------------------------------------------------- the system to run

# `make run`, `debug` and `iso` boot SYSTEM: any directory holding a
# system.cfg, in the tree or outside it (default: the demo). A folder
# <SYSTEM>/<name>/ of sources is a partition of that system, built to
# <name>.elf like the demo's; an image may also sit next to system.cfg.
SYSTEM ?= demo
SYSTEM_DIR := $(patsubst $(CURDIR)/%,%,$(abspath $(SYSTEM)))
ifneq ($(filter run debug iso,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(SYSTEM_DIR)/system.cfg),)
$(error SYSTEM=$(SYSTEM): there is no $(SYSTEM_DIR)/system.cfg (SYSTEM must name a directory that holds a system.cfg))
endif
endif

# ------------------------------------------------------------ partitions

# A partition is a directory of sources; its image is $(BUILD)/part/<dir>.elf.
# Test and benchmark partitions also link the test libraries.
# Systems that keep their partitions in their own folder (tests/sdk).
OWN_PART_SYSTEMS := $(patsubst %/system.cfg,%,$(wildcard tests/sdk/systems/*/system.cfg))
part_dirs_in = $(sort $(dir $(wildcard $(addsuffix /*/*.c,$(1)) $(addsuffix /*/*.S,$(1)))))
PART_ROOTS := demo tests/qemu/guests bench/guests $(OWN_PART_SYSTEMS)
PART_ROOTS += $(filter-out $(PART_ROOTS),$(if $(wildcard $(SYSTEM_DIR)/system.cfg),$(SYSTEM_DIR)))
PART_DIRS := $(call part_dirs_in,$(PART_ROOTS))
PART_NAMES := $(notdir $(patsubst %/,%,$(PART_DIRS)))
PART_DUPS := $(strip $(foreach n,$(sort $(PART_NAMES)),$(if $(word 2,$(filter $(n),$(PART_NAMES))),$(n))))
ifneq ($(PART_DUPS),)
$(error partition folders with the same name: $(foreach n,$(PART_DUPS),$(filter %/$(n)/,$(PART_DIRS))) (each builds $(BUILD)/part/<name>.elf))
endif

# SYSTEM's images must all come from somewhere: a partition folder, a file
# next to its system.cfg, or a rule of a fragment (OTHER_PART_IMAGES).
ifneq ($(filter run debug iso,$(MAKECMDGOALS)),)
SYSTEM_NO_SOURCE := $(strip $(foreach i,$(shell sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' \
	$(SYSTEM_DIR)/system.cfg),$(if $(or $(filter /%,$(i)),$(wildcard $(SYSTEM_DIR)/$(i)),\
	$(filter $(i),$(addsuffix .elf,$(PART_NAMES)) $(OTHER_PART_IMAGES))),,$(i))))
ifneq ($(SYSTEM_NO_SOURCE),)
$(error SYSTEM=$(SYSTEM): nothing builds $(SYSTEM_NO_SOURCE): a partition <name>.elf comes from a folder $(SYSTEM_DIR)/<name>/ of sources, or sits next to system.cfg)
endif
endif

define PART_template
$(BUILD)/part/$(notdir $(1:/=)).elf: $(patsubst %,$(BUILD)/gobj/%.o,$(wildcard $(1)*.c $(1)*.S)) \
		$(if $(filter tests/qemu/guests/% bench/guests/%,$(1)),$(TEST_PART_LIBS) $(TEST_LIB)) \
		$(PART_LIBS) $(GUEST_LIB) $(GUEST_LD)
	@mkdir -p $$(@D)
	$$(call say,LD,$$@)$(CC32) $(LDFLAGS32) -T $(GUEST_LD) -o $$@ $$(filter %.o %.a,$$^) -lgcc
endef
$(foreach d,$(PART_DIRS),$(eval $(call PART_template,$(d))))

# The demo partitions share their message layouts (demo/include).
$(BUILD)/gobj/demo/%: GCFLAGS += -Idemo/include

# --------------------------------------------------------------- systems

# A system is a directory holding system.cfg; its bootable image is
# $(BUILD)/sys/<dir>/kernel.elf (<dir> relative to the tree, or under
# $(BUILD)/sys/ext/ for a directory outside it). bhcfg looks image names up
# in $(BUILD)/part, then next to system.cfg.
SYSTEM_DIRS := demo $(patsubst %/system.cfg,%,$(wildcard tests/qemu/*/system.cfg bench/*/system.cfg)) \
	$(OWN_PART_SYSTEMS)
SYSTEM_DIRS += $(filter-out $(SYSTEM_DIRS),$(if $(wildcard $(SYSTEM_DIR)/system.cfg),$(SYSTEM_DIR)))
sys_out = $(BUILD)/sys/$(patsubst /%,ext/%,$(1))
cfg_image_names = $(shell sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' $(1)/system.cfg)
cfg_images = $(foreach i,$(call cfg_image_names,$(1)),$(if $(filter /%,$(i)),$(i),$(or \
	$(wildcard $(1)/$(i)),$(BUILD)/part/$(i))))
# The kernel archives a system may link, and the shell command that prints
# the one it links (see "kernel" above).
sys_klibs = $(if $(SYS_VARIANT.$(1)),$(call kvariant_lib,$(SYS_VARIANT.$(1))),\
	$(KERNEL_LIB) $(foreach v,$(KVARIANT_CFG),$(call kvariant_lib,$(v))))
sys_klib_cmd = $(if $(SYS_VARIANT.$(1)),echo $(call kvariant_lib,$(SYS_VARIANT.$(1))),\
	echo $(BUILD)/lib/$$$$($(BHCFG_TOOL) info $(1)/system.cfg | sed -n 's/^kernel_library //p'))

define SYS_template
$(call sys_out,$(1))/config.c: $(1)/system.cfg $(BHCFG_TOOL) $(call cfg_images,$(1))
	@mkdir -p $$(@D)
	$$(call say,BHCFG,$$@)$(BHCFG_TOOL) tables --image-dir $(BUILD)/part --image-dir $(1) \
		$(1)/system.cfg -o $$@

$(call sys_out,$(1))/images.S: $(1)/system.cfg $(BHCFG_TOOL) $(call cfg_images,$(1))
	@mkdir -p $$(@D)
	$$(call say,BHCFG,$$@)$(BHCFG_TOOL) image --image-dir $(BUILD)/part --image-dir $(1) \
		$(1)/system.cfg -o $$@

$(call sys_out,$(1))/kernel.elf: $(call sys_klibs,$(1)) $(call sys_out,$(1))/config.c.o \
		$(call sys_out,$(1))/images.S.o $(KERNEL_LD) $(BHCFG_TOOL)
	$$(call say,LD,$$@)lib=$$$$($(call sys_klib_cmd,$(1))) && \
	{ [ -f "$$$$lib" ] || { echo "$(1): no kernel library $$$$lib (KVARIANT_CFG)" >&2; exit 1; }; } && \
	$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $$@ -Wl,--whole-archive "$$$$lib" \
		-Wl,--no-whole-archive $(call sys_out,$(1))/config.c.o $(call sys_out,$(1))/images.S.o -lgcc
endef
$(foreach s,$(SYSTEM_DIRS),$(eval $(call SYS_template,$(s))))

$(BUILD)/sys/%/config.c.o: $(BUILD)/sys/%/config.c
	$(call say,CC,$<)$(CC32) $(KCFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/sys/%/images.S.o: $(BUILD)/sys/%/images.S
	$(call say,AS,$<)$(CC32) -m32 -c $< -o $@

SYSTEM_IMAGES := $(foreach s,$(SYSTEM_DIRS),$(call sys_out,$(s))/kernel.elf)
SYSTEM_IMAGE := $(call sys_out,$(SYSTEM_DIR))/kernel.elf

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
	$(call say,HOSTCC,$<)$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/unit/%: $(BUILD)/host/tests/unit/%.c.o $(HOST_CORE_OBJS) $(UNIT_SUPPORT_OBJS)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(HOSTCC) $(HOST_SAN) -o $@ $^ -lcmocka

# ------------------------------------------------------------ top level

# make run / debug / iso act on SYSTEM (see "the system to run" above),
# through bhrun (tools/bhrun), which gives QEMU the devices the system uses.
#   FRAMES=N       halt after N major frames (0: run until the system halts)
#   TIMEOUT=S      give up after S seconds (0: never)
#   KERNEL_ARGS=.. more kernel command line
#   QEMU_ARGS=..   more QEMU arguments, e.g. QEMU_ARGS="-icount shift=0"
BHRUN := tools/bhrun/bhrun
FRAMES ?= 50
TIMEOUT ?= 60
KERNEL_ARGS ?=
QEMU_ARGS ?=
GDB_PORT ?= 1234
BHRUN_FLAGS = --qemu $(QEMU) $(if $(filter-out 0,$(FRAMES)),--frames $(FRAMES)) \
	--timeout $(TIMEOUT) $(if $(KERNEL_ARGS),--args '$(KERNEL_ARGS)')

.PHONY: all deps run check check-build iso debug systems unit-test qemu-test clean

all: $(BHCFG_TOOL) $(BHTRACE_TOOL) $(GUEST_LIB) $(SYSTEM_IMAGES)

systems: $(SYSTEM_IMAGES)

deps:
	@sh mk/deps.sh

# Boots SYSTEM, prints what each partition does, and halts by itself after
# FRAMES major frames. bhrun says how the run ended and exits 0 only for a
# clean halt. A system whose configuration says `trace on` (the demo does)
# is recorded: its kernel trace goes to $(BUILD)/trace/<name>.bin, and
# mk/trace-out.sh turns it into <name>.svg, .json and .txt (docs/trace.md).
RUN_TRACE = $(BUILD)/trace/$(notdir $(SYSTEM_DIR))
run:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(SYSTEM_IMAGE) $(BHTRACE_TOOL)
	@mkdir -p $(BUILD)/trace && rm -f $(RUN_TRACE).bin
	@status=0; $(BHRUN) $(BHRUN_FLAGS) $(if $(call cfg_traced,$(SYSTEM_DIR)),--trace $(RUN_TRACE).bin) \
		$(SYSTEM_IMAGE) -- $(QEMU_ARGS) || status=$$?; \
	sh mk/trace-out.sh $(BHTRACE_TOOL) $(RUN_TRACE).bin $(RUN_TRACE); exit $$status

check:
	@sh mk/deps.sh
	@MAKE="$(MAKE)" bash mk/check.sh $(BUILD) "unit-test $(CHECK_TARGETS)"

# What `make check` builds first, quietly (mk/check.sh).
check-build: all $(UNIT_TESTS) $(BHCFG_TEST_BIN) $(BHTRACE_TESTS) $(CHECK_BUILD)

unit-test: $(UNIT_TESTS)
	@echo "== bhcfg"
	@$(MAKE) --no-print-directory bhcfg-test
	@$(MAKE) --no-print-directory bhtrace-test
	@$(MAKE) --no-print-directory ktrace-test
	@set -e; for t in $(UNIT_TESTS); do \
		echo "== $$t"; \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout 120 $$t; \
	done

qemu-test: $(SYSTEM_IMAGES)
	@BUILD=$(BUILD) QEMU=$(QEMU) bash tests/qemu/run.sh $(patsubst %/system.cfg,%,$(wildcard tests/qemu/*/system.cfg))

# A GRUB rescue ISO of SYSTEM that halts after FRAMES frames. Boot it with
# `tools/bhrun/bhrun <iso>` (docs/sdk.md says what plain QEMU needs).
SYSTEM_ISO := $(call sys_out,$(SYSTEM_DIR))/system.iso
iso:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(SYSTEM_IMAGE)
	$(call say,ISO,$(SYSTEM_ISO))sh mk/mkiso.sh $(SYSTEM_IMAGE) \
		"$(if $(filter-out 0,$(FRAMES)),frames=$(FRAMES)) $(KERNEL_ARGS)" $(SYSTEM_ISO)
	@echo "built $(SYSTEM_ISO): boot it with $(BHRUN) $(SYSTEM_ISO)"

# Debugging SYSTEM: QEMU waits for GDB on :1234 before the first
# instruction (no timeout); see README "Debugging".
debug:
	@sh mk/deps.sh
	@$(MAKE) --no-print-directory $(SYSTEM_IMAGE)
	@$(BHRUN) $(BHRUN_FLAGS) --gdb=$(GDB_PORT) $(SYSTEM_IMAGE) -- $(QEMU_ARGS)

clean:
	rm -rf $(BUILD)

# Header dependencies of every object built so far, at any depth.
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
