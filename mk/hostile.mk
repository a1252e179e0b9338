# The hostile-partition suite (tests/qemu/hostile_*): each test whose
# test.conf names a VICTIM also gets a reference image,
# $(BUILD)/sys/<dir>/ref/kernel.elf: the same system with every other
# partition quiet (tests/qemu/mkref.sh), which tests/qemu/run.sh boots to
# compare the victim with (tests/qemu/victim.sh). Hostile guests link the
# small library in tests/qemu/hostile_lib (hx.h).

HX_LIB_SRCS := $(sort $(wildcard tests/qemu/hostile_lib/*.c tests/qemu/hostile_lib/*.S))
HX_LIB := $(BUILD)/guest/libhostile.a

$(HX_LIB): $(patsubst %,$(BUILD)/gobj/%.o,$(HX_LIB_SRCS))
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

TEST_PART_LIBS += $(HX_LIB)
GCFLAGS += -Itests/qemu/hostile_lib

VICTIM_DIRS := $(patsubst %/test.conf,%,$(shell grep -l '^VICTIM=' tests/qemu/*/test.conf 2>/dev/null))
REF_IMAGES := $(patsubst %,$(BUILD)/sys/%/ref/kernel.elf,$(VICTIM_DIRS))
QUIET_ELF := $(BUILD)/part/hostile_quiet.elf
victim_of = $(shell sed -n 's/^VICTIM=//p' $(1)/test.conf)
ref_images = $(addprefix $(BUILD)/part/,$(shell sed -n \
	's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' $(1)/system.cfg))

define REF_template
$(BUILD)/sys/$(1)/ref/system.cfg: $(1)/system.cfg $(1)/test.conf tests/qemu/mkref.sh
	@mkdir -p $$(@D)
	$$(call say,MKREF,$$@)bash tests/qemu/mkref.sh $(call victim_of,$(1)) $(1)/system.cfg >$$@

$(BUILD)/sys/$(1)/ref/config.c: $(BUILD)/sys/$(1)/ref/system.cfg $(BHCFG_TOOL) \
		$(call ref_images,$(1)) $(QUIET_ELF)
	$$(call say,BHCFG,$$@)$(BHCFG_TOOL) tables --image-dir $(BUILD)/part $$< -o $$@

$(BUILD)/sys/$(1)/ref/images.S: $(BUILD)/sys/$(1)/ref/system.cfg $(BHCFG_TOOL) \
		$(call ref_images,$(1)) $(QUIET_ELF)
	$$(call say,BHCFG,$$@)$(BHCFG_TOOL) image --image-dir $(BUILD)/part $$< -o $$@

# The kernel library the test's own system links, as bhcfg info names it
# (sys_klibs comes later in the Makefile: second expansion).
$(BUILD)/sys/$(1)/ref/kernel.elf: $$$$(call sys_klibs,$(1)) $(BUILD)/sys/$(1)/ref/config.c.o \
		$(BUILD)/sys/$(1)/ref/images.S.o $(KERNEL_LD)
	$$(call say,LD,$$@)lib=$(BUILD)/lib/$$$$($(BHCFG_TOOL) info $(1)/system.cfg | \
		sed -n 's/^kernel_library //p') && \
	$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $$@ -Wl,--whole-archive "$$$$lib" \
		-Wl,--no-whole-archive $(BUILD)/sys/$(1)/ref/config.c.o \
		$(BUILD)/sys/$(1)/ref/images.S.o -lgcc
endef
$(foreach d,$(VICTIM_DIRS),$(eval $(call REF_template,$(d))))

all: $(REF_IMAGES)
qemu-test: $(REF_IMAGES)
