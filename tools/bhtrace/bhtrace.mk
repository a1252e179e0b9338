# bhtrace, the trace decoder (a host tool), and its unit tests.
#
# Included by the top-level Makefile and run from the repository root.
# Provides:
#   $(BUILD)/tools/bhtrace   the tool
#   bhtrace-test             builds and runs its cmocka suites (ASan + UBSan);
#                            `make unit-test` runs it, after bhcfg's
# The tests (tests/unit/bhtrace/test_*.c, one binary each) link the library
# objects (everything but main.c) built a second time with sanitizers, and
# the synthetic dump generator tests/unit/bhtrace/gen.c.

BHTRACE_SAVED_GOAL := $(.DEFAULT_GOAL)

BHTRACE_DIR := tools/bhtrace
BHTRACE_OBJDIR := $(BUILD)/tools/bhtrace-obj
BHTRACE_TOOL := $(BUILD)/tools/bhtrace

BHTRACE_SRCS := $(sort $(wildcard $(BHTRACE_DIR)/*.c))
BHTRACE_LIB_SRCS := $(filter-out $(BHTRACE_DIR)/main.c,$(BHTRACE_SRCS))
BHTRACE_TEST_DIR := tests/unit/bhtrace
BHTRACE_TEST_SUPPORT := $(filter-out $(BHTRACE_TEST_DIR)/test_%,$(wildcard $(BHTRACE_TEST_DIR)/*.c))
BHTRACE_TESTS := $(patsubst $(BHTRACE_TEST_DIR)/%.c,$(BUILD)/unit/bhtrace/%,\
	$(sort $(wildcard $(BHTRACE_TEST_DIR)/test_*.c)))

BHTRACE_CFLAGS := -std=c11 -O2 -g $(WARN) -Iinclude -Icommon -I$(BHTRACE_DIR) -MMD -MP
BHTRACE_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BHTRACE_OBJS := $(patsubst %.c,$(BHTRACE_OBJDIR)/%.o,$(BHTRACE_SRCS))
BHTRACE_SAN_OBJS := $(patsubst %.c,$(BHTRACE_OBJDIR)/san/%.o,\
	$(BHTRACE_LIB_SRCS) $(BHTRACE_TEST_SUPPORT))

$(BHTRACE_TOOL): $(BHTRACE_OBJS)
	$(call say,LD,$@)$(HOSTCC) -o $@ $(BHTRACE_OBJS)

$(BHTRACE_OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(BHTRACE_CFLAGS) -c $< -o $@

$(BHTRACE_OBJDIR)/san/%.o: %.c
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(HOSTCC) $(BHTRACE_CFLAGS) $(BHTRACE_SAN) -I$(BHTRACE_TEST_DIR) -c $< -o $@

$(BUILD)/unit/bhtrace/%: $(BHTRACE_OBJDIR)/san/$(BHTRACE_TEST_DIR)/%.o $(BHTRACE_SAN_OBJS)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(HOSTCC) $(BHTRACE_SAN) -o $@ $^ -lcmocka -lm

.PHONY: bhtrace-test
bhtrace-test: $(BHTRACE_TESTS) $(BHTRACE_TOOL)
	@set -e; for t in $(BHTRACE_TESTS); do \
		echo "== $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
			timeout 60 $$t; \
	done

-include $(BHTRACE_OBJS:.o=.d) $(BHTRACE_SAN_OBJS:.o=.d) \
	$(patsubst $(BUILD)/unit/bhtrace/%,$(BHTRACE_OBJDIR)/san/$(BHTRACE_TEST_DIR)/%.d,$(BHTRACE_TESTS))

.DEFAULT_GOAL := $(BHTRACE_SAVED_GOAL)
