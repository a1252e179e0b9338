# The guest real-time executive (guest/rtos) and its host unit tests (the
# SDK that installs it is mk/sdk.mk).
#
#   libbhrtos.a   portable logic (guest/rtos/src) + the i386 port, linked
#                 into every partition (PART_LIBS; pulled in only if used)
#   rtos-unit-test  the portable logic on the host with a fake port
#                 (tests/unit/rtos), cmocka + ASan/UBSan; part of `make check`

GCFLAGS += -Iguest/rtos/include

RTOS_SRCS := $(sort $(wildcard guest/rtos/src/*.c guest/rtos/port/i386/*.c \
	guest/rtos/port/i386/*.S))
RTOS_OBJS := $(patsubst %,$(BUILD)/gobj/%.o,$(RTOS_SRCS))
RTOS_LIB := $(BUILD)/guest/libbhrtos.a

# The executive itself never touches x87/SSE: ISRs and switches need not save it.
$(RTOS_OBJS): GCFLAGS += -Iguest/rtos/src -Iguest/rtos/port/i386 -mgeneral-regs-only

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

-include $(RTOS_HOST_OBJS:.o=.d) $(RTOS_OBJS:.o=.d)
