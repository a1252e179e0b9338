# The integrator's SDK and its tests.
#
#   make sdk                   install the SDK into $(BUILD)/sdk (or PREFIX=)
#   make install PREFIX=/usr/local [DESTDIR=...]   the same, conventionally
#   make uninstall PREFIX=...  remove exactly what the install put there
#   make sdk-test              tests/sdk (part of `make check`)
#
# Layout of an installed SDK (docs/sdk.md):
#   bin/bhcfg, bin/bhrun, bin/bhtrace
#   include/bulkhead/*.h            guest API, ABI, device helpers
#   include/rtos/*.h                the executive
#   include/bulkhead/libc/*.h       C library headers of the guest library
#   include/bulkhead/kernel/bh/config.h   the contract of bhcfg's tables
#   include/bulkhead/kernel/bh/resources.h  what the kernel keeps (config.h uses it)
#   lib/libbhguest.a, lib/libbhrtos.a     partition libraries
#   lib/libbhkernel.a (+ -<variant>.a)    the kernel, to link a system
#   lib/pkgconfig/bulkhead-partition.pc, bulkhead-kernel.pc
#   share/bulkhead/bulkhead.mk, partition.ld, kernel.ld, mkiso.sh, manifest
# mk/install.sh copies file by file and never replaces or deletes a file it
# did not install (share/bulkhead/manifest records what it did).

SDK_PREFIX = $(if $(PREFIX),$(PREFIX),$(BUILD)/sdk)
INSTALL_PREFIX = $(if $(PREFIX),$(PREFIX),/usr/local)
SDK_GEN := $(BUILD)/sdk-gen
SDK_VERSION := $(shell sed -n 's/^\#define BH_ABI_VERSION_MAJOR \([0-9]*\)u.*/\1/p' \
	include/bulkhead/abi.h).$(shell sed -n 's/^\#define BH_ABI_VERSION_MINOR \([0-9]*\)u.*/\1/p' \
	include/bulkhead/abi.h)

# "MODE SOURCE DESTINATION" for every installed file.
sdk_each = $(foreach f,$(3),$(1) $(f) $(2)/$(notdir $(f)))
SDK_GUEST_HEADERS := $(sort $(wildcard guest/include/bulkhead/*.h)) include/bulkhead/abi.h
SDK_FILES = \
	755 $(BHCFG_TOOL) bin/bhcfg \
	755 tools/bhrun/bhrun bin/bhrun \
	755 $(BHTRACE_TOOL) bin/bhtrace \
	$(call sdk_each,644,include/bulkhead,$(SDK_GUEST_HEADERS)) \
	$(call sdk_each,644,include/rtos,$(sort $(wildcard guest/rtos/include/rtos/*.h))) \
	$(call sdk_each,644,include/bulkhead/libc,$(sort $(wildcard guest/libc/*.h))) \
	644 kernel/include/bh/config.h include/bulkhead/kernel/bh/config.h \
	644 kernel/include/bh/resources.h include/bulkhead/kernel/bh/resources.h \
	644 $(GUEST_LIB) lib/libbhguest.a \
	644 $(RTOS_LIB) lib/libbhrtos.a \
	644 $(KERNEL_LIB) lib/libbhkernel.a \
	$(foreach v,$(KVARIANT_SDK),644 $(call kvariant_lib,$(v)) lib/libbhkernel-$(v).a) \
	644 $(SDK_GEN)/bulkhead-partition.pc lib/pkgconfig/bulkhead-partition.pc \
	644 $(SDK_GEN)/bulkhead-kernel.pc lib/pkgconfig/bulkhead-kernel.pc \
	644 guest/sdk/bulkhead.mk share/bulkhead/bulkhead.mk \
	644 $(GUEST_LD) share/bulkhead/partition.ld \
	644 $(KERNEL_LD) share/bulkhead/kernel.ld \
	644 mk/mkiso.sh share/bulkhead/mkiso.sh
SDK_SOURCES = $(filter-out 644 755 bin/% include/% lib/% share/%,$(SDK_FILES))

$(SDK_GEN)/%.pc: guest/sdk/%.pc.in include/bulkhead/abi.h
	@mkdir -p $(@D)
	$(call say,GEN,$@)sed -e 's|@VERSION@|$(SDK_VERSION)|' \
		-e 's|@GCC_INCLUDE@|$(GCC_INCLUDE)|' $< >$@

$(SDK_GEN)/files.txt: FORCE
	@mkdir -p $(@D)
	@printf '%s %s %s\n' $(SDK_FILES) >$@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

# The manifest stands for the whole installed SDK: remade (by copying only
# what changed) whenever a file of the SDK changes.
$(SDK_PREFIX)/share/bulkhead/manifest: $(SDK_SOURCES) $(SDK_GEN)/files.txt mk/install.sh
	@sh mk/install.sh install $(SDK_PREFIX) $(SDK_GEN)/files.txt

.PHONY: sdk install uninstall FORCE
sdk: $(SDK_PREFIX)/share/bulkhead/manifest

install: $(SDK_SOURCES) $(SDK_GEN)/files.txt
	@sh mk/install.sh install $(DESTDIR)$(INSTALL_PREFIX) $(SDK_GEN)/files.txt

uninstall:
	@sh mk/install.sh uninstall $(DESTDIR)$(INSTALL_PREFIX)

# ------------------------------------------------------------ examples

# examples/out-of-tree: a partition built only through the SDK in
# $(BUILD)/sdk (its own Makefile), then booted by tests/qemu/rtos_sdk.
EXAMPLE_DIR := examples/out-of-tree
OTHER_PART_IMAGES += rtos_example.elf
EXAMPLE_OUT = $(BUILD)/oot/rtos_example

$(BUILD)/part/rtos_example.elf: $(BUILD)/sdk/share/bulkhead/manifest \
		$(wildcard $(EXAMPLE_DIR)/*.c) $(EXAMPLE_DIR)/Makefile
	@$(MAKE) --no-print-directory -C $(EXAMPLE_DIR) SDK=$(abspath $(BUILD)/sdk) \
		BH_OUT=$(abspath $(EXAMPLE_OUT))
	@mkdir -p $(@D)
	@cp $(EXAMPLE_OUT)/rtos_example.elf $@

# ---------------------------------------------------------------- tests

# tests/sdk/test_*.sh, run by tests/sdk/run.sh: bhrun's exit statuses,
# `make run SYSTEM=`, `make debug`, the install into a prefix holding
# foreign files. Their systems are tests/sdk/systems/<name>/ (partitions in
# subfolders, built with the tree like the demo's) and a Multiboot image
# that triple faults.
SDK_TEST_TRIPLE := $(BUILD)/sdktest/triple.elf

$(SDK_TEST_TRIPLE): tests/sdk/triple/triple.S $(KERNEL_LD)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $@ $<

.PHONY: sdk-test
sdk-test: $(SDK_TEST_TRIPLE) $(BHCFG_TOOL) $(SDK_SOURCES) $(SDK_GEN)/files.txt
	@BUILD=$(BUILD) QEMU=$(QEMU) MAKE="$(MAKE)" bash tests/sdk/run.sh

# Every checked block of the README and docs/*.md (tests/docs/check.sh:
# the markers, and what each kind of check does).
.PHONY: doc-test
doc-test: $(BUILD)/sdk/share/bulkhead/manifest $(BHCFG_TOOL)
	@echo "== doc-test"
	@BUILD=$(BUILD) QEMU=$(QEMU) bash tests/docs/check.sh README.md $(sort $(wildcard docs/*.md))

CHECK_TARGETS += sdk-test doc-test
CHECK_BUILD += $(SDK_TEST_TRIPLE) $(SDK_SOURCES) $(SDK_GEN)/files.txt \
	$(BUILD)/sdk/share/bulkhead/manifest
