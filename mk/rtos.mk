# The guest real-time executive (guest/rtos), its host unit tests, the
# partition SDK (`make sdk`) and the out-of-tree example built with it.
#
#   librtos.a     portable logic (guest/rtos/src) + the i386 port, linked
#                 into every partition (PART_LIBS; pulled in only if used)
#   rtos-unit-test  the portable logic on the host with a fake port
#                 (tests/unit/rtos), cmocka + ASan/UBSan; part of `make check`
#   sdk           headers, libraries, linker script, bulkhead.mk and a
#                 pkg-config file in $(SDK_DIR) ($(BUILD)/sdk, or PREFIX=...)

GCFLAGS += -Iguest/rtos/include

RTOS_SRCS := $(sort $(wildcard guest/rtos/src/*.c guest/rtos/port/i386/*.c \
	guest/rtos/port/i386/*.S))
RTOS_OBJS := $(patsubst %,$(BUILD)/gobj/%.o,$(RTOS_SRCS))
RTOS_LIB := $(BUILD)/guest/librtos.a

# The executive itself never touches x87/SSE: ISRs and switches need not save it.
$(RTOS_OBJS): GCFLAGS += -Iguest/rtos/src -mgeneral-regs-only

$(RTOS_LIB): $(RTOS_OBJS)
	@mkdir -p $(@D)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

PART_LIBS += $(RTOS_LIB)

# ------------------------------------------------------ host unit tests

RTOS_HOST_SRCS := $(sort $(wildcard guest/rtos/src/*.c)) tests/unit/rtos/port_host.c \
	tests/unit/rtos/host_support.c
RTOS_HOST_OBJS := $(patsubst %,$(BUILD)/rtos-host/%.o,$(RTOS_HOST_SRCS))
RTOS_HOST_CFLAGS = -std=c11 -O1 -g $(WARN) $(HOST_SAN) -DRT_HOST -Iguest/rtos/include \
	-Iguest/rtos/src -Itests/unit/rtos -MMD -MP
RTOS_UNIT_TESTS := $(patsubst tests/unit/rtos/%.c,$(BUILD)/unit/rtos/%,\
	$(sort $(wildcard tests/unit/rtos/test_*.c)))

$(BUILD)/rtos-host/%.c.o: %.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(RTOS_HOST_CFLAGS) -c $< -o $@

$(BUILD)/unit/rtos/%: $(BUILD)/rtos-host/tests/unit/rtos/%.c.o $(RTOS_HOST_OBJS)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(HOSTCC) $(HOST_SAN) -o $@ $^ -lcmocka

.PHONY: rtos-unit-test
rtos-unit-test: $(RTOS_UNIT_TESTS)
	@set -e; for t in $(RTOS_UNIT_TESTS); do \
		echo "== $$t"; \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout 60 $$t; \
	done

CHECK_TARGETS += rtos-unit-test
CHECK_BUILD += $(RTOS_UNIT_TESTS)

# ------------------------------------------------------------------ SDK

SDK_DIR = $(if $(PREFIX),$(PREFIX),$(BUILD)/sdk)
SDK_HEADERS := include/bulkhead/abi.h guest/include/bulkhead/bh.h guest/include/bulkhead/apex.h \
	guest/include/bulkhead/rtems_paravirt.h $(wildcard guest/rtos/include/rtos/*.h)
SDK_STAMP = $(SDK_DIR)/.installed

$(SDK_STAMP): $(SDK_HEADERS) $(GUEST_LIB) $(RTOS_LIB) $(GUEST_LD) guest/sdk/bulkhead.mk \
		guest/sdk/bulkhead-partition.pc
	rm -rf $(SDK_DIR)/include $(SDK_DIR)/lib
	mkdir -p $(SDK_DIR)/include/bulkhead $(SDK_DIR)/include/rtos $(SDK_DIR)/lib/pkgconfig
	cp $(filter %/bulkhead/abi.h %/bh.h %/rtems_paravirt.h %/apex.h,$(SDK_HEADERS)) \
		$(SDK_DIR)/include/bulkhead/
	cp $(filter guest/rtos/%,$(SDK_HEADERS)) $(SDK_DIR)/include/rtos/
	cp $(GUEST_LIB) $(RTOS_LIB) $(GUEST_LD) $(SDK_DIR)/lib/
	cp guest/sdk/bulkhead.mk $(SDK_DIR)/
	cp guest/sdk/bulkhead-partition.pc $(SDK_DIR)/lib/pkgconfig/
	touch $@

.PHONY: sdk
sdk: $(SDK_STAMP)
	@echo "SDK installed in $(SDK_DIR)"

# The out-of-tree example, built only through the installed SDK (its own
# Makefile), then booted by tests/qemu/rtos_sdk like any partition image.
EXAMPLE_DIR := examples/out-of-tree
EXAMPLE_OUT = $(BUILD)/oot/rtos_example

$(BUILD)/part/rtos_example.elf: $(SDK_STAMP) $(wildcard $(EXAMPLE_DIR)/*.c) $(EXAMPLE_DIR)/Makefile
	$(MAKE) --no-print-directory -C $(EXAMPLE_DIR) SDK=$(abspath $(SDK_DIR)) \
		BH_OUT=$(abspath $(EXAMPLE_OUT))
	@mkdir -p $(@D)
	cp $(EXAMPLE_OUT)/rtos_example.elf $@

-include $(RTOS_HOST_OBJS:.o=.d) $(RTOS_OBJS:.o=.d)
