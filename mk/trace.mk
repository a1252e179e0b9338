# The kernel with its trace (docs/trace.md): the kernel variant `trace`
# (the Makefile, "kernel"), built with BH_TRACE=1, which `bhcfg info` names
# for a system whose configuration says `trace on`; installed with the SDK.
# A traced benchmark system (bench/trace) links `bench-trace`: the
# benchmark module too.
KERNEL_VARIANTS += trace bench-trace
KVARIANT_CFLAGS.trace := -DBH_TRACE=1
KVARIANT_SDK += trace
KVARIANT_CFG += trace
KVARIANT_CFLAGS.bench-trace = $(KVARIANT_CFLAGS.bench) -DBH_TRACE=1
KVARIANT_SRCS.bench-trace = $(KVARIANT_SRCS.bench)
SYS_VARIANT.bench/trace := bench-trace

# Whether a system's configuration turns the trace on (for the image test).
cfg_traced = $(shell grep -E '^[[:space:]]*trace[[:space:]]+on([[:space:]]|$$)' $(1)/system.cfg)

# The kernel trace's host unit test (tests/unit/ktrace): the core built for
# the host a second time, with BH_TRACE=1, run on the test system, its dump
# read back by bhtrace's decoder (tools/bhtrace). `make unit-test` runs it.
# HOST_CORE_SRCS and friends are defined after the fragments are included:
# these lists are expanded late (= and a second expansion).

HOST_TRACE_OBJS = $(patsubst %,$(BUILD)/host-trace/%.o,$(HOST_CORE_SRCS) \
	$(wildcard tests/unit/support/*.c) tests/unit/ktrace/test_ktrace.c)
KTRACE_TEST := $(BUILD)/unit/ktrace/test_ktrace

$(BUILD)/host-trace/%.c.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(HOSTCC) $(HOST_CFLAGS) -DBH_TRACE=1 -I$(BHTRACE_DIR) -c $< -o $@

.SECONDEXPANSION:
$(KTRACE_TEST): $$(HOST_TRACE_OBJS) $$(filter-out %/test_%,$$(BHTRACE_SAN_OBJS))
	@mkdir -p $(@D)
	$(call say,LD,$@)$(HOSTCC) $(HOST_SAN) -o $@ $^ -lcmocka -lm

.PHONY: ktrace-test
ktrace-test: $(KTRACE_TEST)
	@echo "== $(KTRACE_TEST)"
	@UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 timeout 60 $(KTRACE_TEST)

-include $(wildcard $(BUILD)/host-trace/*/*.d $(BUILD)/host-trace/*/*/*.d \
	$(BUILD)/host-trace/*/*/*/*.d)

# Tools of the trace tests (tests/trace): a Chrome trace-event checker and a
# PNG checker (libpng) for the rendering of bhtrace's SVG by Chromium. The
# in-QEMU tests use them, so `make qemu-test` builds them first.
TECHECK := $(BUILD)/tools/techeck
PNGCHECK := $(BUILD)/tools/pngcheck

$(TECHECK): tests/trace/techeck_main.c tests/unit/bhtrace/techeck.c tests/unit/bhtrace/techeck.h
	@mkdir -p $(@D)
	$(call say,CC,$@)$(HOSTCC) -std=c11 -O2 $(WARN) -Itests/unit/bhtrace -o $@ $(filter %.c,$^) -lm

$(PNGCHECK): tests/trace/pngcheck.c
	@mkdir -p $(@D)
	$(call say,CC,$@)$(HOSTCC) -std=c11 -O2 $(WARN) -Wno-sign-conversion -Wno-conversion -o $@ $< -lpng

qemu-test: $(BHTRACE_TOOL) $(TECHECK) $(PNGCHECK)
CHECK_BUILD += $(BHTRACE_TOOL) $(BHTRACE_TESTS) $(KTRACE_TEST) $(TECHECK) $(PNGCHECK)

# Images with and without the trace: trace code only in the former
# (tests/image/trace_free.sh, part of `make check`). SYSTEM_DIRS and
# the images' lists are defined after the fragments: expanded late.
TRACED_IMAGES = $(foreach s,$(SYSTEM_DIRS),$(if $(call cfg_traced,$(s)),$(call sys_out,$(s))/kernel.elf))

.PHONY: trace-image-test
trace-image-test: $$(SYSTEM_IMAGES)
	@echo "== trace-image-test"
	@bash tests/image/trace_free.sh $(filter-out $(TRACED_IMAGES) $(BENCH_IMAGES),$(SYSTEM_IMAGES)) \
		-- $(TRACED_IMAGES)

CHECK_TARGETS += trace-image-test

# The README's picture: the demo's first four major frames, recorded under
# icount (deterministic: the same build draws the same picture), drawn by
# bhtrace into docs/trace-demo.svg.
.PHONY: docs-trace
docs-trace: $(BUILD)/sys/demo/kernel.elf $(BHTRACE_TOOL)
	@mkdir -p $(BUILD)/trace
	$(BHRUN) --qemu $(QEMU) -q --icount --frames 4 --trace $(BUILD)/trace/docs.bin \
		$(BUILD)/sys/demo/kernel.elf -- -rtc clock=vm >$(BUILD)/trace/docs.log
	$(BHTRACE_TOOL) svg $(BUILD)/trace/docs.bin -o docs/trace-demo.svg --width 1100
	@echo "docs/trace-demo.svg regenerated"
