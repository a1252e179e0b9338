/*
 * Partition life cycle and the health monitor (kernel/core/partition.c,
 * hm.c): cold and warm restarts (what is reloaded, zeroed or kept), start
 * conditions and restart counts, every action for every event class with
 * the fallbacks, propagate without a handler, module reset and halt, and the
 * log line with its per-partition limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tsys.h"
#include <arch/x86.h>
#include <bh/hm.h>

#define ERR 0x6u
#define ADDR 0xDEADu

static bool all_bytes(const uint8_t *p, uint32_t n, uint8_t v)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* The guest dirties text, data, stack and the shared object. */
static void dirty_memory(void)
{
	memcpy(tsys_mem(TSYS_ALPHA, A_TEXT, 4), "XXXX", 4);
	memset(tsys_mem(TSYS_ALPHA, A_DATA + 100, 1), 0x42, 1);
	memset(tsys_mem(TSYS_ALPHA, A_STACK + A_STACK_SIZE - 1, 1), 0x42, 1);
	memcpy(tsys_mem(TSYS_ALPHA, A_SHM, 4), "SHM!", 4);
}

static void test_boot_image_and_zeroing(void **state)
{
	(void)state;
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, A_SEG_TEXT_LEN), tsys_alpha_text,
			    A_SEG_TEXT_LEN);
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_TEXT + A_SEG_TEXT_LEN, 1),
			      A_TEXT_SIZE - A_SEG_TEXT_LEN, 0));
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_DATA, A_SEG_DATA_LEN), tsys_alpha_data,
			    A_SEG_DATA_LEN);
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_DATA + A_SEG_DATA_LEN, 1),
			      A_DATA_SIZE - A_SEG_DATA_LEN, 0));
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_STACK, A_STACK_SIZE), A_STACK_SIZE, 0));
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_SHM, A_SHM_SIZE), A_SHM_SIZE, 0));
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_TOP, A_TOP_SIZE), A_TOP_SIZE, 0));
	/* Memory nobody maps is not touched. */
	assert_int_equal(host_ram[0x50000], 0xA5);
}

static void test_cold_restart(void **state)
{
	(void)state;
	dirty_memory();
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_COLD_START), BH_START_PARTITION_RESTART);
	/* Nothing is reloaded in the tick of the request, and alpha waits... */
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, 4), "XXXX", 4);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
	/* ...until its own next tick does the (small) reload. */
	tsys_tick(1);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, 4), tsys_alpha_text, 4);
	assert_int_equal(*(uint8_t *)tsys_mem(TSYS_ALPHA, A_DATA + 100, 1), 0);
	assert_int_equal(*(uint8_t *)tsys_mem(TSYS_ALPHA, A_STACK + A_STACK_SIZE - 1, 1), 0);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_SHM, 4), "SHM!", 4); /* shared: kept */
	assert_memory_equal(tsys_mem(TSYS_BETA, B_SHM, 4), "SHM!", 4);
	assert_int_equal(tsys_alpha()->mode, BH_MODE_COLD_START);
}

/* The reload is work in bounded steps; each leaves a consistent cursor. */
static void test_cold_load_in_steps(void **state)
{
	struct partition *a = tsys_alpha();
	const uint32_t step = 1000;
	uint32_t total = 0, steps = 0;

	(void)state;
	for (uint32_t i = 0; i < a->cfg->nregions; i++)
		total += a->cfg->regions[i].shared ? 0 : a->cfg->regions[i].size;
	for (uint32_t i = 0; i < a->cfg->nsegments; i++)
		total += a->cfg->segments[i].filesz;
	dirty_memory();
	memcpy(tsys_mem(TSYS_ALPHA, A_TEXT + step, 4), "XXXX", 4);
	a->load = (struct part_load){ .active = true };
	assert_false(part_load_step(a, step));
	/* one step zeroed exactly the first `step` bytes of the text region */
	assert_true(all_bytes(tsys_mem(TSYS_ALPHA, A_TEXT, step), step, 0));
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT + step, 4), "XXXX", 4);
	for (steps = 1; !part_load_step(a, step); steps++)
		assert_true(steps < 10000);
	assert_int_equal(steps + 1, total / step + 1); /* the last call finishes */
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, A_SEG_TEXT_LEN), tsys_alpha_text,
			    A_SEG_TEXT_LEN);
	assert_int_equal(*(uint8_t *)tsys_mem(TSYS_ALPHA, A_STACK + A_STACK_SIZE - 1, 1), 0);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_SHM, 4), "SHM!", 4); /* shared: kept */
}

static void test_warm_restart(void **state)
{
	(void)state;
	dirty_memory();
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_START_PARTITION_RESTART);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, 4), "XXXX", 4);
	assert_int_equal(*(uint8_t *)tsys_mem(TSYS_ALPHA, A_DATA + 100, 1), 0x42);
	assert_int_equal(*(uint8_t *)tsys_mem(TSYS_ALPHA, A_STACK + A_STACK_SIZE - 1, 1), 0x42);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_SHM, 4), "SHM!", 4);
	assert_int_equal(tsys_alpha()->mode, BH_MODE_WARM_START);
}

/* What every restart resets, and what it keeps. */
static void test_restart_resets_state(void **state)
{
	struct partition *a = tsys_alpha();
	struct arch_regs *r = &a->ctx.regs;

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, A_STACK_SIZE), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), (int32_t)BH_VEC_IRQ(A_LINE));
	a->vcpu->mask[1] = 0;
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNMASK, BH_VEC_IRQ(A_LINE)), BH_OK);
	assert_false(host_irq_masked & (1u << A_LINE));
	assert_int_equal(tsys_hc(BH_HC_COUNT), BH_ENOSYS);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 1, 0, 0), BH_OK);
	memcpy(tsys_mem(TSYS_ALPHA, A_DATA, 7), "partial", 7);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 7), 7);
	a->vcpu->enabled = 1;
	r->esi = 99;
	tsys_tick(1);

	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_COLD_START), BH_START_PARTITION_RESTART);
	assert_int_equal(tsys_console_count("[alpha] partial\n"), 1); /* flushed first */
	assert_int_equal(a->virq.entry, 0);
	assert_int_equal(a->virq.bound_lines, 0);
	assert_true(host_irq_masked & (1u << A_LINE));
	assert_int_equal(a->vcpu->enabled, 0);
	assert_int_equal(a->vcpu->mask[0] & a->vcpu->mask[1], 0xFFFFFFFFu);
	assert_int_equal(a->vstate->partition_id, TSYS_ALPHA);
	assert_int_equal(a->vstate->abi_version, BH_ABI_VERSION);
	assert_int_equal(a->vstate->window_seq, 1); /* inside its window */
	assert_int_equal(a->window_seq, 1);
	assert_int_equal(r->eip, A_ENTRY);
	assert_int_equal(r->ebx, TSYS_ALPHA);
	assert_int_equal(r->ecx, BH_VCPU_VADDR);
	assert_int_equal(r->esi, 0);
	assert_int_equal(r->cs, SEL_UCODE);
	assert_int_equal(r->ss, SEL_UDATA);
	assert_int_equal(r->eflags, EFLAGS_IF | EFLAGS_RSVD1);
	assert_int_equal(a->bad_hypercalls, 0);
	assert_int_equal(a->hm_events, 1); /* since boot */
	assert_int_equal(a->restart_count, 1);
	assert_int_equal(tsys_console_count("[bh] partition alpha: cold restart (#1)\n"), 1);
}

static void test_start_conditions(void **state)
{
	struct partition *a = tsys_alpha();

	(void)state;
	assert_int_equal(a->start_condition, BH_START_NORMAL);
	assert_int_equal(a->ctx.regs.eax, BH_START_NORMAL);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_COLD_START), BH_START_PARTITION_RESTART);
	tsys_tick(1); /* the reload */
	tsys_trap(0, 0, 0); /* divide error: restart_cold */
	assert_int_equal(a->start_condition, BH_START_HM_PARTITION_RESTART);
	assert_int_equal(a->ctx.regs.eax, BH_START_HM_PARTITION_RESTART);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_ALPHA, BH_PCTL_RESTART_WARM), 0);
	assert_int_equal(a->start_condition, BH_START_OTHER_PARTITION);
	assert_int_equal(a->ctx.regs.eax, BH_START_OTHER_PARTITION);
	assert_int_equal(a->mode, BH_MODE_WARM_START);
	assert_int_equal(a->restart_count, 3);
	tsys_run_until(TSYS_GAMMA);
	tsys_trap(0, 0, 0); /* gamma: reset_module */
	for (uint32_t i = 0; i < TSYS_NPART; i++) {
		assert_int_equal(tsys_part(i)->start_condition, BH_START_HM_MODULE_RESTART);
		assert_int_equal(tsys_part(i)->ctx.regs.eax, BH_START_HM_MODULE_RESTART);
	}
	assert_int_equal(a->restart_count, 4);
	assert_int_equal(tsys_part(TSYS_BETA)->restart_count, 1);
}

/* ------------------------------------------------- the action matrix */

static const uint32_t exc_of[BH_HM_EVENT_COUNT] = { 0, 0, 6, 13, 14, 16, 3 };

static bool is_trap(uint32_t ev)
{
	return ev >= BH_HM_DIVIDE_ERROR && ev <= BH_HM_OTHER_TRAP;
}

/* What the HM must do for (event, configured action). */
static uint32_t effective(uint32_t ev, uint32_t act)
{
	if (act >= BH_HM_ACT_COUNT)
		return BH_HM_ACT_STOP;
	if (act == BH_HM_ACT_PROPAGATE && !is_trap(ev))
		return BH_HM_ACT_STOP;
	if (act == BH_HM_ACT_IGNORE && ev != BH_HM_BAD_HYPERCALL &&
	    ev != BH_HM_APPLICATION_ERROR)
		return BH_HM_ACT_STOP;
	return act;
}

static void raise_event(uint32_t ev)
{
	struct partition *a = tsys_alpha();

	if (is_trap(ev)) {
		tsys_trap(exc_of[ev], ERR, ADDR);
	} else if (ev == BH_HM_BAD_HYPERCALL) {
		for (int i = 0; i < 3; i++) /* alpha's limit */
			tsys_hc(BH_HC_COUNT);
	} else if (ev == BH_HM_APPLICATION_ERROR) {
		tsys_hc(BH_HC_HM_RAISE, 77, 0, 0);
	} else { /* a tick upcall with no handler registered */
		a->vcpu->mask[0] = ~1u;
		a->vcpu->enabled = 1;
		tsys_tick(A_TICK_PERIOD);
	}
}

static void check_propagated(uint32_t ev)
{
	struct partition *a = tsys_alpha();
	const struct bh_upcall_frame *f =
		tsys_mem(TSYS_ALPHA, a->ctx.regs.esp, sizeof(struct bh_upcall_frame));

	assert_int_equal(a->ctx.regs.eip, A_HANDLER);
	assert_int_equal(a->ctx.regs.eax, BH_VEC_TRAP(exc_of[ev]));
	assert_int_equal(f->vector, BH_VEC_TRAP(exc_of[ev]));
	assert_int_equal(f->count, 1);
	assert_int_equal(f->error_code, ERR);
	assert_int_equal(f->fault_addr, ADDR);
	assert_int_equal(f->eip, A_ENTRY);
	assert_int_equal(a->mode, BH_MODE_COLD_START);
}

static void check_outcome(uint32_t ev, uint32_t act, unsigned halt)
{
	struct partition *a = tsys_alpha();

	assert_int_equal(halt, act == BH_HM_ACT_HALT_MODULE ? BH_EXIT_HM_HALT : TSYS_NO_HALT);
	assert_int_equal(a->hm_events, 1);
	assert_int_equal(a->last_hm_event, ev);
	assert_int_equal(a->restart_count,
			 act == BH_HM_ACT_RESTART_COLD || act == BH_HM_ACT_RESTART_WARM ||
				 act == BH_HM_ACT_RESET_MODULE);
	assert_int_equal(tsys_part(TSYS_BETA)->restart_count, act == BH_HM_ACT_RESET_MODULE);
	switch (act) {
	case BH_HM_ACT_IGNORE:
		assert_int_equal(a->mode, BH_MODE_COLD_START);
		assert_int_equal(tsys_running_id(), TSYS_ALPHA);
		break;
	case BH_HM_ACT_PROPAGATE:
		check_propagated(ev);
		break;
	case BH_HM_ACT_RESTART_COLD:
	case BH_HM_ACT_RESTART_WARM:
		assert_int_equal(a->start_condition, BH_START_HM_PARTITION_RESTART);
		assert_int_equal(a->mode, act == BH_HM_ACT_RESTART_COLD ? BH_MODE_COLD_START
									 : BH_MODE_WARM_START);
		if (act == BH_HM_ACT_RESTART_COLD) { /* reloaded in its next tick */
			assert_int_equal(tsys_running_id(), UINT32_MAX);
			tsys_tick(1);
		}
		assert_int_equal(tsys_running_id(), TSYS_ALPHA);
		break;
	case BH_HM_ACT_STOP:
		assert_int_equal(a->mode, BH_MODE_IDLE);
		assert_int_equal(tsys_running_id(), UINT32_MAX);
		break;
	case BH_HM_ACT_RESET_MODULE:
		assert_int_equal(tsys_console_count("[hm] module reset requested by alpha\n"), 1);
		assert_int_equal(tsys_part(TSYS_GAMMA)->start_condition, BH_START_HM_MODULE_RESTART);
		break;
	default:
		assert_int_equal(tsys_console_count("[bh] halt: health monitor halted the module\n"), 1);
	}
}

static void run_case(uint32_t ev, uint32_t act)
{
	volatile unsigned halt;
	char line[96];

	tsys_setup(NULL);
	if (act < BH_HM_ACT_COUNT)
		tsys_parts[TSYS_ALPHA].hm_action[ev] = (uint8_t)act;
	tsys_boot(NULL);
	tsys_parts[TSYS_ALPHA].hm_action[ev] = (uint8_t)act; /* a corrupt table */
	if (effective(ev, act) == BH_HM_ACT_PROPAGATE)
		assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, A_STACK_SIZE), 0);
	TSYS_CATCH_HALT(halt, raise_event(ev));
	check_outcome(ev, effective(ev, act), halt);
	snprintf(line, sizeof(line), "partition=alpha event=%s ", hm_event_name(ev));
	assert_int_equal(tsys_console_count(line), 1);
	snprintf(line, sizeof(line), " action=%s\n", hm_action_name(effective(ev, act)));
	assert_int_equal(tsys_console_count(line), 1);
}

static void test_every_action_for_every_event(void **state)
{
	static const uint32_t acts[] = { 0, 1, 2, 3, 4, 5, 6, BH_HM_ACT_COUNT, 0xFF };

	(void)state;
	for (uint32_t ev = BH_HM_DIVIDE_ERROR; ev < BH_HM_EVENT_COUNT; ev++)
		for (uint32_t i = 0; i < BH_ARRAY_SIZE(acts); i++)
			run_case(ev, acts[i]);
}

/* propagate, but no handler: upcall_error, with its own action. */
static void test_propagate_without_handler(void **state)
{
	tsys_setup(state);
	tsys_parts[TSYS_ALPHA].hm_action[BH_HM_UPCALL_ERROR] = BH_HM_ACT_RESTART_WARM;
	tsys_boot(NULL);
	tsys_trap(14, ERR, ADDR);
	assert_int_equal(tsys_alpha()->hm_events, 2);
	assert_int_equal(tsys_alpha()->last_hm_event, BH_HM_UPCALL_ERROR);
	assert_int_equal(tsys_alpha()->mode, BH_MODE_WARM_START);
	assert_int_equal(tsys_console_count("event=page_fault vector=14 error=0x6 addr=0xdead "
					    "pc=0x40000010 action=propagate\n"),
			 1);
	assert_int_equal(tsys_console_count("event=upcall_error vector=14 error=0x6 addr=0xdead "
					    "pc=0x40000010 action=restart_warm\n"),
			 1);
}

static void test_exception_mapping_and_names(void **state)
{
	(void)state;
	for (uint32_t exc = 0; exc < 32; exc++) {
		uint32_t want = BH_HM_OTHER_TRAP;
		if (exc == 0)
			want = BH_HM_DIVIDE_ERROR;
		else if (exc == 6)
			want = BH_HM_INVALID_OPCODE;
		else if (exc >= 10 && exc <= 13)
			want = BH_HM_GENERAL_PROTECTION;
		else if (exc == 14)
			want = BH_HM_PAGE_FAULT;
		else if (exc == 16 || exc == 19)
			want = BH_HM_FPU_ERROR;
		assert_int_equal(hm_event_of_exception(exc), want);
	}
	assert_string_equal(hm_event_name(BH_HM_UPCALL_ERROR), "upcall_error");
	assert_string_equal(hm_event_name(BH_HM_EVENT_COUNT), "?");
	assert_string_equal(hm_action_name(BH_HM_ACT_HALT_MODULE), "halt_module");
	assert_string_equal(hm_action_name(BH_HM_ACT_COUNT), "?");
	assert_string_equal(part_mode_name(BH_MODE_NORMAL), "normal");
	assert_string_equal(part_mode_name(4), "?");
}

static void test_log_line_format(void **state)
{
	(void)state;
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, A_STACK_SIZE), 0);
	tsys_tick(2);
	tsys_alpha()->ctx.regs.eip = 0x40000abc;
	tsys_trap(14, ERR, ADDR);
	assert_int_equal(tsys_console_count("[hm] t=2000000ns partition=alpha event=page_fault "
					    "vector=14 error=0x6 addr=0xdead pc=0x40000abc "
					    "action=propagate\n"),
			 1);
	/* An unknown event is logged as other_trap. */
	hm_raise(tsys_alpha(), 99, &(struct hm_detail){ 3, 0, 0, 0, NULL, 0, NULL }, &tsys_alpha()->ctx.regs);
	assert_int_equal(tsys_console_count("event=other_trap vector=3 error=0x0 addr=0x0 pc=0x0 "
					    "action=stop\n"),
			 1);
}

static void test_log_limit(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < HM_LOG_LIMIT + 8; i++)
		assert_int_equal(tsys_hc(BH_HC_HM_RAISE, i, 0, 0), BH_OK);
	assert_int_equal(tsys_alpha()->hm_events, HM_LOG_LIMIT + 8);
	assert_int_equal(tsys_console_count("[hm] t="), HM_LOG_LIMIT);
	assert_int_equal(tsys_console_count(" code=31 "), 1);
	assert_int_equal(tsys_console_count(" code=32 "), 0);
	assert_int_equal(tsys_console_count("[hm] partition=alpha: further events are counted, "
					    "not printed\n"),
			 1);
	/* The limit is per partition. */
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 5, 0, 0), BH_OK);
	assert_int_equal(tsys_console_count("[hm] t="), HM_LOG_LIMIT + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_boot_image_and_zeroing, tsys_setup_boot),
		cmocka_unit_test_setup(test_cold_restart, tsys_setup_boot),
		cmocka_unit_test_setup(test_cold_load_in_steps, tsys_setup_boot),
		cmocka_unit_test_setup(test_warm_restart, tsys_setup_boot),
		cmocka_unit_test_setup(test_restart_resets_state, tsys_setup_boot),
		cmocka_unit_test_setup(test_start_conditions, tsys_setup_boot),
		cmocka_unit_test(test_every_action_for_every_event),
		cmocka_unit_test(test_propagate_without_handler),
		cmocka_unit_test(test_exception_mapping_and_names),
		cmocka_unit_test_setup(test_log_line_format, tsys_setup_boot),
		cmocka_unit_test_setup(test_log_limit, tsys_setup_boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
