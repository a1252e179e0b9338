# Bulkhead SDK make fragment: partitions and whole systems, built outside
# the Bulkhead tree with the installed SDK only (docs/sdk.md has all of it).
#
#   include /opt/bulkhead/share/bulkhead/bulkhead.mk
#   $(eval $(call bh_partition,app,main.c drivers/uart.c start.S))
#   $(eval $(call bh_system,mysys,system.cfg,app))
#
# bh_partition NAME,SOURCES builds $(BH_OUT)/NAME.elf from C (.c) and
# assembler (.S preprocessed, .s not) sources, wherever they are: objects
# always go under $(BH_OUT)/obj/NAME/. It links the executive
# (libbhrtos.a) and the guest library (libbhguest.a); the linker takes only
# what the partition uses.
#
# bh_system NAME,CONFIG,IMAGES builds $(BH_OUT)/NAME/kernel.elf, a bootable
# Multiboot kernel holding the configuration and every partition image.
# IMAGES are bh_partition names (their .elf) or paths of prebuilt ELF
# files; the config names them by file name. Targets: all (the default),
# iso (a GRUB rescue ISO, $(BH_OUT)/NAME/NAME.iso), run-NAME and debug-NAME
# (bhrun; `run` and `debug` are the first system's), clean.
#
# Variables (set before or after the include; flags add to the defaults):
#   BH_OUT=build        where everything goes
#   BH_CC=gcc           the compiler (any gcc that does -m32)
#   BH_OPT=-O2 -g       optimisation, replaceable
#   BH_WARN=-Wall -Wextra  warnings, replaceable
#   BH_CFLAGS, BH_CPPFLAGS, BH_ASFLAGS, BH_LDFLAGS   added for every partition
#   BH_LIBS             libraries every partition links before the SDK's
#   NAME_CFLAGS, NAME_ASFLAGS, NAME_LDFLAGS, NAME_LIBS   for partition NAME
#   NAME_BASE=0x40000000   partition NAME's link address
#   BH_LIBC=bulkhead    partitions see only the compiler's headers and the
#                       SDK's C library headers; `none`: the compiler's
#                       default headers (an RTOS port with its own libc)
#   FRAMES=50, TIMEOUT=60, KERNEL_ARGS=, QEMU_ARGS=, GDB_PORT=1234   run
#   NAME_ISO_ARGS       the kernel command line an ISO of system NAME boots
#   V=1                 print the commands instead of one line per step

BH_SDK := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
BH_BHCFG := $(BH_SDK)/bin/bhcfg
BH_BHRUN := $(BH_SDK)/bin/bhrun
BH_SHARE := $(BH_SDK)/share/bulkhead

BH_OUT ?= build
BH_CC ?= gcc
BH_OPT ?= -O2 -g
BH_WARN ?= -Wall -Wextra
BH_CFLAGS ?=
BH_CPPFLAGS ?=
BH_ASFLAGS ?=
BH_LDFLAGS ?=
BH_LIBS ?=
BH_LIBC ?= bulkhead
FRAMES ?= 50
TIMEOUT ?= 60
KERNEL_ARGS ?=
QEMU_ARGS ?=
GDB_PORT ?= 1234

V ?= 0
ifeq ($(V),1)
bh_say =
else
bh_say = @printf '  %-6s %s\n' '$(1)' '$(2)';
endif

BH_TARGET := -m32 -ffreestanding -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables
# The compiler's own headers (stdint.h, stddef.h...), asked once, when first
# needed (BH_CC may be set after the include).
BH_GCC_INCLUDE = $(eval BH_GCC_INCLUDE := $$(shell $$(BH_CC) -print-file-name=include))$(BH_GCC_INCLUDE)
BH_INCLUDES = $(if $(filter none,$(BH_LIBC)),,-nostdinc -isystem $(BH_GCC_INCLUDE) \
	-isystem $(BH_SDK)/include/bulkhead/libc) -I$(BH_SDK)/include
BH_PART_LIBS := $(BH_SDK)/lib/libbhrtos.a $(BH_SDK)/lib/libbhguest.a
BH_KERNEL_CFLAGS := $(BH_TARGET) -std=c11 -O2 -I$(BH_SDK)/include/bulkhead/kernel \
	-I$(BH_SDK)/include
BH_LINK := -m32 -nostdlib -no-pie -static -Wl,--build-id=none

bh_comma := ,

# --------------------------------------------------------------- partitions

# The object of source $(2) of partition $(1): under $(BH_OUT)/obj/$(1)/,
# at the source's path relative to here (absolute ones under _abs/).
bh_obj = $(BH_OUT)/obj/$(1)/$(patsubst /%,_abs/%,$(patsubst $(CURDIR)/%,%,$(abspath $(2)))).o

# How each kind of source is compiled for partition $(1) (expanded when the
# recipe runs, so NAME_CFLAGS may be set after the eval).
bh_cc.c = $(BH_CC) $(BH_TARGET) -std=c11 $(BH_INCLUDES) $(BH_OPT) $(BH_WARN) \
	$(BH_CPPFLAGS) $(BH_CFLAGS) $($(1)_CFLAGS)
bh_cc.S = $(BH_CC) $(BH_TARGET) $(BH_INCLUDES) $(BH_CPPFLAGS) $(BH_ASFLAGS) $($(1)_ASFLAGS)
bh_cc.s = $(BH_CC) $(BH_TARGET) $(BH_ASFLAGS) $($(1)_ASFLAGS)
bh_what.c = CC
bh_what.S = AS
bh_what.s = AS

define bh_object
$(call bh_obj,$(1),$(2)): $(2)
	@mkdir -p $$(@D)
	$$(call bh_say,$(bh_what$(suffix $(2))),$(2))$$(call bh_cc$(suffix $(2)),$(1)) \
		$(if $(filter .s,$(suffix $(2))),,-MMD -MP -MF $$@.d) -c $(2) -o $$@
endef

define bh_partition
$(foreach s,$(2),$(if $(filter .c .S .s,$(suffix $(s))),,$(error bh_partition $(1): \
	$(s) is not a .c, .S or .s source)))
BH_PARTITIONS += $(1)
$(foreach s,$(2),$(eval $(call bh_object,$(1),$(s))))

$(BH_OUT)/$(1).elf: $(foreach s,$(2),$(call bh_obj,$(1),$(s))) $(BH_PART_LIBS) \
		$(BH_SHARE)/partition.ld
	@mkdir -p $$(@D)
	$$(call bh_say,LD,$$@)$(BH_CC) $(BH_LINK) -T $(BH_SHARE)/partition.ld \
		$$(if $$($(1)_BASE),-Wl$$(bh_comma)--defsym$$(bh_comma)BH_PARTITION_BASE=$$($(1)_BASE)) \
		$$(BH_LDFLAGS) $$($(1)_LDFLAGS) -o $$@ \
		$(foreach s,$(2),$(call bh_obj,$(1),$(s))) -Wl,--start-group $$($(1)_LIBS) \
		$$(BH_LIBS) $(BH_PART_LIBS) -lgcc -Wl,--end-group

all: $(BH_OUT)/$(1).elf

clean::
	rm -rf $(BH_OUT)/obj/$(1) $(BH_OUT)/$(1).elf

-include $(foreach s,$(filter-out %.s,$(2)),$(call bh_obj,$(1),$(s)).d)
endef

# ------------------------------------------------------------------ systems

# An image word of bh_system: a bh_partition name, or a path to an ELF.
bh_image = $(if $(filter $(1),$(BH_PARTITIONS)),$(BH_OUT)/$(1).elf,$(1))
# Where bhcfg looks for images: the partitions, the prebuilt ones' folders,
# then the config's own folder.
bh_image_dirs = $(addprefix --image-dir ,$(BH_OUT) $(sort $(patsubst %/,%,$(dir \
	$(filter-out $(BH_PARTITIONS),$(2))))) $(patsubst %/,%,$(dir $(1))))

define bh_system
$(BH_OUT)/$(1)/config.c: $(2) $(foreach i,$(3),$(call bh_image,$(i))) $(BH_BHCFG)
	@mkdir -p $$(@D)
	$$(call bh_say,BHCFG,$$@)$(BH_BHCFG) tables $(call bh_image_dirs,$(2),$(3)) $(2) -o $$@

$(BH_OUT)/$(1)/images.S: $(2) $(foreach i,$(3),$(call bh_image,$(i))) $(BH_BHCFG)
	@mkdir -p $$(@D)
	$$(call bh_say,BHCFG,$$@)$(BH_BHCFG) image $(call bh_image_dirs,$(2),$(3)) $(2) -o $$@

$(BH_OUT)/$(1)/config.o: $(BH_OUT)/$(1)/config.c $(BH_SDK)/include/bulkhead/kernel/bh/config.h
	$$(call bh_say,CC,$$<)$(BH_CC) $(BH_KERNEL_CFLAGS) -c $$< -o $$@

$(BH_OUT)/$(1)/images.o: $(BH_OUT)/$(1)/images.S
	$$(call bh_say,AS,$$<)$(BH_CC) -m32 -c $$< -o $$@

# The kernel library the config asks for (bhcfg info: kernel_library).
$(BH_OUT)/$(1)/kernel.elf: $(BH_OUT)/$(1)/config.o $(BH_OUT)/$(1)/images.o \
		$(wildcard $(BH_SDK)/lib/libbhkernel*.a) $(BH_SHARE)/kernel.ld
	$$(call bh_say,LD,$$@)lib=$(BH_SDK)/lib/$$$$($(BH_BHCFG) info $(2) | \
		sed -n 's/^kernel_library //p') && { [ -f "$$$$lib" ] || { echo \
		"$(1): $$$$lib is not in this SDK (a kernel variant it was not built with)" >&2; \
		exit 1; }; } && $(BH_CC) $(BH_LINK) -T $(BH_SHARE)/kernel.ld -o $$@ \
		-Wl,--whole-archive "$$$$lib" -Wl,--no-whole-archive \
		$(BH_OUT)/$(1)/config.o $(BH_OUT)/$(1)/images.o -lgcc

$(BH_OUT)/$(1)/$(1).iso: $(BH_OUT)/$(1)/kernel.elf $(BH_SHARE)/mkiso.sh
	$$(call bh_say,ISO,$$@)sh $(BH_SHARE)/mkiso.sh $$< "$$($(1)_ISO_ARGS)" $$@

all: $(BH_OUT)/$(1)/kernel.elf
iso: $(BH_OUT)/$(1)/$(1).iso

run-$(1): $(BH_OUT)/$(1)/kernel.elf
	@$(BH_BHRUN) $$(bh_run_flags) $$< -- $$(QEMU_ARGS)

debug-$(1): $(BH_OUT)/$(1)/kernel.elf
	@$(BH_BHRUN) $$(bh_run_flags) --gdb=$$(GDB_PORT) $$< -- $$(QEMU_ARGS)

ifeq ($$(BH_FIRST_SYSTEM),)
BH_FIRST_SYSTEM := $(1)
run: run-$(1)
debug: debug-$(1)
endif

clean::
	rm -rf $(BH_OUT)/$(1)
endef

bh_run_flags = $(if $(filter-out 0,$(FRAMES)),--frames $(FRAMES)) --timeout $(TIMEOUT) \
	$(if $(KERNEL_ARGS),--args '$(KERNEL_ARGS)')

BH_PARTITIONS :=
BH_FIRST_SYSTEM :=

.DEFAULT_GOAL := all
.PHONY: all iso run debug clean
.DELETE_ON_ERROR:
