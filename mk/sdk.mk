# Tests of the integrator's tools (tests/sdk/test_*.sh, run by
# tests/sdk/run.sh): bhrun's exit statuses, `make run SYSTEM=`, `make debug`.
# Their systems are tests/sdk/systems/<name>/ (partitions in subfolders,
# built with the tree like the demo's) and a Multiboot image that triple
# faults.
#   make sdk-test      (part of `make check`)

SDK_TEST_TRIPLE := $(BUILD)/sdktest/triple.elf

$(SDK_TEST_TRIPLE): tests/sdk/triple/triple.S $(KERNEL_LD)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $@ $<

.PHONY: sdk-test
sdk-test: $(SDK_TEST_TRIPLE) $(BHCFG_TOOL)
	@BUILD=$(BUILD) QEMU=$(QEMU) MAKE="$(MAKE)" bash tests/sdk/run.sh

CHECK_TARGETS += sdk-test
CHECK_BUILD += $(SDK_TEST_TRIPLE)
