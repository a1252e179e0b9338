# Hypercall-system tests (tests/qemu/hc_*): the small helper library their
# partitions link (tests/qemu/hc_lib). Test partitions link it
# (TEST_PART_LIBS); the linker only pulls what a partition references.
HC_LIB_SRCS := $(sort $(wildcard tests/qemu/hc_lib/*.c tests/qemu/hc_lib/*.S))
HC_LIB := $(BUILD)/guest/libhctest.a

$(HC_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(HC_LIB_SRCS))
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

TEST_PART_LIBS += $(HC_LIB)
