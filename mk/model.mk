# The virq model checker (tests/model, see model.h): the kernel core built
# for the host, driven through every sequence of virtual interrupt events up
# to MODEL_DEPTH and a long random run, against a reference model.
#   make model-check      (also part of `make check`)
#
# HOST_CORE_OBJS is defined after the fragments are included, hence the
# second expansion of this rule's prerequisites ($$).

MODEL_SRCS := $(sort $(wildcard tests/model/*.c))
MODEL_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(MODEL_SRCS))
MODEL_BIN := $(BUILD)/model/virq_model
MODEL_DEPTH ?= 7
MODEL_STEPS ?= 1000000

.SECONDEXPANSION:
$(MODEL_BIN): $(MODEL_OBJS) $$(HOST_CORE_OBJS)
	@mkdir -p $(@D)
	$(call say,LD,$@)$(HOSTCC) $(HOST_SAN) -o $@ $^

.PHONY: model-check
model-check: $(MODEL_BIN)
	@UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout 120 \
		$(MODEL_BIN) --depth $(MODEL_DEPTH) --steps $(MODEL_STEPS)

CHECK_TARGETS += model-check
CHECK_BUILD += $(MODEL_BIN)

-include $(MODEL_OBJS:.o=.d)
