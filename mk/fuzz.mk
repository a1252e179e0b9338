# libFuzzer targets (tests/fuzz), built with clang and
# -fsanitize=fuzzer,address,undefined:
#   fuzz_cfg   bhcfg's parser and checks, on configuration text
#   fuzz_elf   bhcfg's ELF loader, on a partition image
#   fuzz_hc    the kernel core's hypercall dispatcher, built on the host
#              (kernel/arch/host), on programs of hypercalls, memory and
#              vCPU writes, ticks, interrupts and traps
# Seeds are in tests/fuzz/corpus/<target>/, with every input that ever
# found a bug (kept as a regression seed).
#   fuzz-check  (part of make check) a short reproducible run of each:
#               -seed=1, FUZZ_RUNS_<target> inputs, new inputs into
#               $(BUILD)/fuzz/run/<target> (the repository is not touched)
#   make fuzz   long runs: FUZZ_TIME seconds each (default 600), corpus
#               kept in $(BUILD)/fuzz/corpus/<target>, crashes in
#               $(BUILD)/fuzz/artifacts/

FUZZ_CC ?= clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_TARGETS := fuzz_cfg fuzz_elf fuzz_hc
FUZZ_TIME ?= 600
# About 10 s of CPU each on this project's 2-core machine (more under load).
FUZZ_RUNS_fuzz_cfg ?= 30000
FUZZ_RUNS_fuzz_elf ?= 20000
FUZZ_RUNS_fuzz_hc ?= 30000
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_INC := -Iinclude -Ikernel/include -Ikernel/arch/host/include -Ikernel/arch/x86/include \
	-Icommon -Itests/unit/support -Itools/bhcfg -Itests/fuzz
# Code under test: the project's warnings, not fatal under a second
# compiler; the fuzz drivers themselves: fatal.
FUZZ_CFLAGS := -std=c11 -O1 -g $(filter-out -Werror,$(WARN)) -Wno-missing-field-initializers $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link $(FUZZ_INC) -MMD -MP
FUZZ_DRIVER_CFLAGS := $(FUZZ_CFLAGS) -Werror

$(FUZZ_DIR)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(call say,CLANG,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/tests/fuzz/%.c.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(call say,CLANG,$@)$(FUZZ_CC) $(FUZZ_DRIVER_CFLAGS) -c $< -o $@

fuzz_objs = $(patsubst %,$(FUZZ_DIR)/obj/%.o,$(1))
FUZZ_BHCFG_OBJS = $(call fuzz_objs,$(BHCFG_LIB_SRCS) $(BHCFG_SHARED_SRCS) tests/fuzz/fuzz_bhcfg.c)

# HOST_CORE_SRCS is defined after the fragments: second expansion.
.SECONDEXPANSION:
$(FUZZ_DIR)/fuzz_cfg: $$(FUZZ_BHCFG_OBJS) $(call fuzz_objs,tests/fuzz/fuzz_cfg.c)
	$(call say,LD,$@)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^
$(FUZZ_DIR)/fuzz_elf: $$(FUZZ_BHCFG_OBJS) $(call fuzz_objs,tests/fuzz/fuzz_elf.c)
	$(call say,LD,$@)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^
$(FUZZ_DIR)/fuzz_hc: $$(call fuzz_objs,$$(HOST_CORE_SRCS) tests/unit/support/tsys_config.c \
		tests/fuzz/fuzz_sys.c tests/fuzz/fuzz_hc.c)
	$(call say,LD,$@)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^

FUZZ_BINS := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
FUZZ_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: fuzz-check fuzz
fuzz-check: $(addprefix fuzz-check-,$(FUZZ_TARGETS))

fuzz-check-%: $(FUZZ_DIR)/%
	@rm -rf $(FUZZ_DIR)/run/$* && mkdir -p $(FUZZ_DIR)/run/$* $(FUZZ_DIR)/artifacts
	@start=$$(date +%s); \
	if ! $(FUZZ_ENV) timeout 900 $< -seed=1 -runs=$(FUZZ_RUNS_$*) -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/artifacts/$*- \
		$(FUZZ_DIR)/run/$* tests/fuzz/corpus/$* >$(FUZZ_DIR)/run/$*.log 2>&1; then \
		tail -n 40 $(FUZZ_DIR)/run/$*.log; \
		echo "$*: FAILED (the input is in $(FUZZ_DIR)/artifacts/)"; exit 1; \
	fi; \
	echo "== $*"; \
	echo "$*: $(FUZZ_RUNS_$*) inputs checked, 0 failed ($$(( $$(date +%s) - start )) s)"

fuzz: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
		echo "== $$t for $(FUZZ_TIME) s"; \
		$(FUZZ_ENV) $(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- -print_final_stats=1 \
			$(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t; \
	done

CHECK_TARGETS += fuzz-check
CHECK_BUILD += $(FUZZ_BINS)

