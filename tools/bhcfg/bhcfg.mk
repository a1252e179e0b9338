# bhcfg, the configuration compiler (a host tool), and its unit tests.
#
# Included by the top-level Makefile and run from the repository root.
# Provides:
#   $(BUILD)/tools/bhcfg   the tool
#   bhcfg-test             builds and runs the cmocka suite (ASan + UBSan)
# Objects go to $(BUILD)/tools/bhcfg-obj/; the tests link the library
# objects (everything but main.c) built a second time with sanitizers.

HOSTCC ?= gcc
BUILD ?= build

# Including this file must not change the includer's default goal.
BHCFG_SAVED_GOAL := $(.DEFAULT_GOAL)

BHCFG_DIR := tools/bhcfg
BHCFG_OBJDIR := $(BUILD)/tools/bhcfg-obj
BHCFG_TOOL := $(BUILD)/tools/bhcfg
BHCFG_TEST_BIN := $(BUILD)/tools/bhcfg-unit

BHCFG_SRCS := $(sort $(wildcard $(BHCFG_DIR)/*.c))
BHCFG_LIB_SRCS := $(filter-out $(BHCFG_DIR)/main.c,$(BHCFG_SRCS))
BHCFG_TEST_SRCS := $(sort $(wildcard tests/unit/test_bhcfg*.c))

BHCFG_WARN := -Wall -Wextra -Werror -Wconversion -Wsign-conversion -Wvla \
	-Wmissing-prototypes -Wshadow
BHCFG_CFLAGS := -std=c11 -O2 $(BHCFG_WARN) -Ikernel/include -Iinclude -Icommon -MMD -MP
BHCFG_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all -g
BHCFG_TEST_DEFS := -DBHCFG_TEST_ROOT='"$(CURDIR)"' \
	-DBHCFG_TEST_TOOL='"$(abspath $(BHCFG_TOOL))"'

# Kernel sources bhcfg shares with the kernel (the table of what the kernel
# keeps for itself), built into the tool and its tests.
BHCFG_SHARED_SRCS := kernel/core/resources.c

BHCFG_OBJS := $(patsubst $(BHCFG_DIR)/%.c,$(BHCFG_OBJDIR)/%.o,$(BHCFG_SRCS)) \
	$(patsubst %.c,$(BHCFG_OBJDIR)/shared/%.o,$(BHCFG_SHARED_SRCS))
BHCFG_SAN_OBJS := $(patsubst $(BHCFG_DIR)/%.c,$(BHCFG_OBJDIR)/san/%.o,\
	$(BHCFG_LIB_SRCS)) \
	$(patsubst %.c,$(BHCFG_OBJDIR)/san/shared/%.o,$(BHCFG_SHARED_SRCS))
BHCFG_TEST_OBJS := $(patsubst tests/unit/%.c,$(BHCFG_OBJDIR)/test/%.o,\
	$(BHCFG_TEST_SRCS))

$(BHCFG_TOOL): $(BHCFG_OBJS)
	$(call say,LD,$@)$(HOSTCC) -o $@ $(BHCFG_OBJS)

$(BHCFG_OBJDIR)/shared/%.o: %.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(BHCFG_CFLAGS) -c $< -o $@

$(BHCFG_OBJDIR)/san/shared/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(BHCFG_CFLAGS) $(BHCFG_SAN) -c $< -o $@

$(filter-out $(BHCFG_OBJDIR)/shared/%,$(BHCFG_OBJS)): $(BHCFG_OBJDIR)/%.o: $(BHCFG_DIR)/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(BHCFG_CFLAGS) -c $< -o $@

$(filter-out $(BHCFG_OBJDIR)/san/shared/%,$(BHCFG_SAN_OBJS)): $(BHCFG_OBJDIR)/san/%.o: $(BHCFG_DIR)/%.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(BHCFG_CFLAGS) $(BHCFG_SAN) -c $< -o $@

$(BHCFG_TEST_OBJS): $(BHCFG_OBJDIR)/test/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(BHCFG_CFLAGS) $(BHCFG_SAN) -I$(BHCFG_DIR) -Itests/unit/bhcfg \
		$(BHCFG_TEST_DEFS) -c $< -o $@

$(BHCFG_TEST_BIN): $(BHCFG_SAN_OBJS) $(BHCFG_TEST_OBJS)
	$(call say,LD,$@)$(HOSTCC) $(BHCFG_SAN) -o $@ $(BHCFG_SAN_OBJS) $(BHCFG_TEST_OBJS) -lcmocka

# The CLI tests run the real tool, so it is built first.
.PHONY: bhcfg-test
bhcfg-test: $(BHCFG_TEST_BIN) $(BHCFG_TOOL)
	@ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	timeout 300 $(BHCFG_TEST_BIN)

-include $(BHCFG_OBJS:.o=.d) $(BHCFG_SAN_OBJS:.o=.d) $(BHCFG_TEST_OBJS:.o=.d)

.DEFAULT_GOAL := $(BHCFG_SAVED_GOAL)
