/*
 * Hypercall dispatch and argument validation (kernel/core/hypercall.c): the
 * table itself, every error the dispatcher returns before a handler runs
 * (ENOSYS, EPERM, EINVAL, E2BIG, EFAULT), check-then-act, the copy of IN
 * buffers, the bad-hypercall counter and its HM event, and the calls that
 * set their own result registers. Each call's own behaviour is in
 * test_hc_calls.c.
 */
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/hypercall.h>

static void test_table_complete(void **state)
{
	(void)state;
	for (uint32_t nr = 0; nr < BH_HC_COUNT; nr++) {
		const struct hc_desc *d = &hc_table[nr];
		bool checked = false;

		assert_non_null(d->fn);
		assert_non_null(d->entry);
		assert_non_null(d->name);
		assert_true(d->name[0] != '\0');
		for (uint32_t k = 0; k < nr; k++)
			assert_string_not_equal(d->name, hc_table[k].name);
		assert_int_equal(d->flags & ~(HC_PRIVILEGED | HC_CHECKED), 0);
		for (unsigned i = 0; i < 5; i++) {
			const struct hc_arg_spec *s = &d->arg[i];
			assert_true(s->kind <= HC_ARG_OUT);
			checked |= s->kind != HC_ARG_ANY;
			if (s->kind == HC_ARG_IN) {
				assert_true(s->len_arg < 5 && s->len_arg != i);
				assert_int_equal(d->arg[s->len_arg].kind, HC_ARG_ANY);
			}
			if (s->kind >= HC_ARG_IN)
				assert_true(s->limit > 0 && s->limit <= HC_BOUNCE_MAX);
		}
		/* HC_CHECKED is what routes a call through the checks. */
		assert_int_equal(checked, (d->flags & HC_CHECKED) != 0);
		assert_int_equal(d->entry == d->fn, d->flags == 0);
		assert_int_equal((d->flags & HC_PRIVILEGED) != 0,
				 nr == BH_HC_PARTITION_CONTROL || nr == BH_HC_MODULE_HALT);
	}
}

static void test_unknown_numbers(void **state)
{
	static const uint32_t nrs[] = { BH_HC_COUNT, BH_HC_COUNT + 1, 0x80u, 0x80000000u,
					0xFFFFFFFFu };

	(void)state;
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(nrs); i++) {
		assert_int_equal(tsys_hc(nrs[i], 1, 2, 3, 4, 5), BH_ENOSYS);
		assert_int_equal(tsys_alpha()->bad_hypercalls, i + 1);
	}
	assert_int_equal(tsys_hc(BH_HC_VERSION), (int32_t)BH_ABI_VERSION);
}

static void test_privileged_calls(void **state)
{
	volatile unsigned code;

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_STOP), BH_EPERM);
	assert_int_equal(tsys_part(TSYS_GAMMA)->mode, BH_MODE_COLD_START);
	TSYS_CATCH_HALT(code, assert_int_equal(tsys_hc(BH_HC_MODULE_HALT, 1), BH_EPERM));
	assert_int_equal(code, TSYS_NO_HALT);
	/* EPERM wins over argument checks: nothing about the call is looked at. */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, 99, 99), BH_EPERM);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 3);
}

static void test_max_checked_arguments(void **state)
{
	(void)state;
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL + 1), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, 0xFFFFFFFFu), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, BH_NR_IRQ_LINES), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNBIND, BH_NR_IRQ_LINES), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNMASK, BH_NR_VECTORS), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNMASK, 0xFFFFFFFFu), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNMASK, BH_NR_VECTORS - 1), BH_OK);
	assert_int_equal(tsys_alpha()->mode, BH_MODE_COLD_START); /* the bad set_mode did nothing */
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_RESTART_WARM + 1),
			 BH_EINVAL);
	assert_int_equal(tsys_part(TSYS_GAMMA)->restart_count, 0);
}

static void test_in_buffer_too_long(void **state)
{
	(void)state;
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, BH_CONSOLE_MAX + 1), BH_E2BIG);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 0xFFFFFFFFu), BH_E2BIG);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 1, A_DATA, BH_CONSOLE_MAX + 1), BH_E2BIG);
	assert_int_equal(tsys_console_count("event=application_error"), 0);
	memset(tsys_mem(TSYS_ALPHA, A_DATA, BH_CONSOLE_MAX), 'x', BH_CONSOLE_MAX);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, BH_CONSOLE_MAX), BH_CONSOLE_MAX);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 3);
}

/* Pointers a guest may not pass, with the length the test uses. */
static const struct {
	uint32_t va, len;
} bad_ptrs[] = {
	{ 0x00001000u, 8 },		     /* kernel memory */
	{ 0x3FFFFFF8u, 8 },		     /* ends just below the user base */
	{ 0x3FFFFFFCu, 8 },		     /* straddles into alpha's text */
	{ A_TEXT + A_TEXT_SIZE, 8 },	     /* the hole after text */
	{ A_DATA - 4, 8 },		     /* straddles the start of data */
	{ A_DATA + A_DATA_SIZE + A_RO_SIZE, 8 }, /* just past ro */
	{ G_MEM, 8 },			     /* gamma's memory */
	{ B_SHM, 8 },			     /* beta's mapping of the shared object */
	{ 0xFFFFFFF0u, 0x20 },		     /* wraps past 4 GiB */
	{ A_TOP + A_TOP_SIZE - 4, 8 },	     /* past the user limit */
	{ BH_VCPU_VADDR, 8 },		     /* the vCPU page is not a region */
};

static void test_efault_in_pointers(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(bad_ptrs); i++) {
		uint32_t va = bad_ptrs[i].va, len = bad_ptrs[i].len;
		assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, va, len), BH_EFAULT);
		assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 7, va, len), BH_EFAULT);
		assert_int_equal(tsys_hc(BH_HC_UPCALL_RETURN, va), BH_EFAULT);
	}
	assert_int_equal(tsys_alpha()->hm_events, 11); /* bad_hypercall, every third */
	assert_int_equal(tsys_console_count("event=application_error"), 0);
	assert_int_equal(tsys_console_count("[alpha]"), 0);
	/* Readable is enough for IN: text (rx) and ro (r). */
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_RO, 4), 4);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_TEXT, 4), 4);
}

static void test_efault_out_pointers(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(bad_ptrs); i++) {
		uint32_t va = bad_ptrs[i].va;
		assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, va), BH_EFAULT);
		assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, BH_SELF, va), BH_EFAULT);
	}
	/* OUT needs a writable region: ro and text are refused. */
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_RO), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_TEXT), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, BH_SELF, A_RO), BH_EFAULT);
	/* The last fitting position is accepted, one byte further is not. */
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_DATA + A_DATA_SIZE - 48), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_DATA + A_DATA_SIZE - 47), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_STACK), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_SHM), BH_OK);
}

static void test_zero_length_buffers(void **state)
{
	(void)state;
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, 0, 0), 0);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, 0xFFFFFFF0u, 0), 0);
	assert_int_equal(tsys_alpha()->con.head, 0); /* nothing buffered */
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 5, 0, 0), BH_OK);
	assert_int_equal(tsys_alpha()->hm_events, 1);
	assert_int_equal(tsys_console_count(" code=5 "), 1);
	assert_int_equal(tsys_console_count("msg="), 0);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 0);
}

/* A refused OUT pointer or a failing handler writes nothing anywhere. */
static void test_check_then_act(void **state)
{
	uint8_t *end = tsys_mem(TSYS_ALPHA, A_DATA + A_DATA_SIZE - 20, 20);
	uint8_t *ok = tsys_mem(TSYS_ALPHA, A_DATA, 64);
	uint8_t ref[64];

	(void)state;
	memset(end, 0xEE, 20);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, BH_SELF, A_DATA + A_DATA_SIZE - 20),
			 BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_DATA + A_DATA_SIZE - 20), BH_EFAULT);
	for (int i = 0; i < 20; i++)
		assert_int_equal(end[i], 0xEE);

	memset(ok, 0xEE, sizeof(ref));
	memcpy(ref, ok, sizeof(ref));
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_NPART, A_DATA), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_BETA, A_DATA), BH_EPERM);
	assert_memory_equal(ok, ref, sizeof(ref));

	/* An HM raise whose message is refused raises nothing. */
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 9, A_RO + A_RO_SIZE - 2, 4), BH_EFAULT);
	assert_int_equal(tsys_alpha()->hm_events, 1); /* the bad_hypercall of the 3rd failure */
	assert_int_equal(tsys_alpha()->last_hm_event, BH_HM_BAD_HYPERCALL);
}

/* The handler works on a copy taken at entry, not on guest memory. */
static void test_in_data_copied(void **state)
{
	char *buf = tsys_mem(TSYS_ALPHA, A_DATA, 8);

	(void)state;
	memcpy(buf, "abc\n", 4);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 3), 3);
	memcpy(buf, "XYZ\n", 4);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA + 3, 1), 1);
	assert_int_equal(tsys_console_count("XYZ"), 0);
	assert_non_null(strstr(host_console, "[alpha] abc\n"));

	memcpy(buf, "boom", 4);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 3, A_DATA, 4), BH_OK);
	memcpy(buf, "gone", 4);
	assert_int_equal(tsys_console_count("msg=\"boom\""), 1);
}

static void test_bad_hypercall_limit(void **state)
{
	char unknown[64]; /* the event line of the first unknown call number */

	(void)state;
	snprintf(unknown, sizeof(unknown), "partition=alpha event=bad_hypercall code=%u ",
		 (unsigned)BH_HC_COUNT);
	for (uint32_t i = 1; i <= 7; i++) {
		assert_int_equal(tsys_hc(BH_HC_COUNT), BH_ENOSYS);
		assert_int_equal(tsys_alpha()->bad_hypercalls, i);
		assert_int_equal(tsys_alpha()->hm_events, i / 3); /* limit 3, action ignore */
	}
	assert_int_equal(tsys_alpha()->last_hm_event, BH_HM_BAD_HYPERCALL);
	assert_int_equal(tsys_console_count(unknown), 2);
	assert_int_equal(tsys_alpha()->mode, BH_MODE_COLD_START);

	/* EBUSY and ESTATE are states a correct guest meets: not counted. */
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), (int32_t)BH_VEC_IRQ(A_LINE));
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), BH_EBUSY);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_ESTATE);
	assert_int_equal(tsys_hc(BH_HC_UPCALL_RETURN, A_DATA), BH_ESTATE);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL), BH_ESTATE);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 7);
	assert_int_equal(tsys_alpha()->hm_events, 2);
}

/* gamma: limit 2, restart_warm. The count starts again after the restart. */
static void test_bad_hypercall_action(void **state)
{
	struct partition *g = tsys_part(TSYS_GAMMA);

	(void)state;
	tsys_run_until(TSYS_GAMMA);
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, 0), BH_EFAULT);
	assert_int_equal(g->restart_count, 0);
	tsys_hc(BH_HC_WINDOW_INFO, 0);
	assert_int_equal(g->restart_count, 1);
	assert_int_equal(g->mode, BH_MODE_WARM_START);
	assert_int_equal(g->start_condition, BH_START_HM_PARTITION_RESTART);
	assert_int_equal(g->bad_hypercalls, 0);
	assert_int_equal(g->ctx.regs.eip, G_MEM);
	assert_int_equal(g->ctx.regs.eax, BH_START_HM_PARTITION_RESTART);
	assert_int_equal(tsys_hc(BH_HC_COUNT), BH_ENOSYS);
	assert_int_equal(g->bad_hypercalls, 1);
	assert_int_equal(g->restart_count, 1);
}

static uint64_t time_get(uint32_t elapsed)
{
	struct arch_regs *r = &tsys_alpha()->ctx.regs;

	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	host_timer_elapsed_ns = elapsed;
	tsys_hc(BH_HC_TIME_GET, 11, 22, 33, 44, 55);
	assert_int_equal(r->ebx, 11);
	assert_int_equal(r->ecx, 22);
	assert_int_equal(r->esi, 44);
	assert_int_equal(r->edi, 55);
	return ((uint64_t)r->edx << 32) | r->eax;
}

static void test_time_get_sets_edx_eax(void **state)
{
	(void)state;
	tsys_tick(2200); /* eax has its top bit set: it is not an error code */
	assert_int_equal(time_get(123456), 2200ull * TSYS_TICK_NS + 123456);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 0);
	tsys_tick(2100); /* past 2^32 ns */
	assert_int_equal(time_get(7), 4300ull * TSYS_TICK_NS + 7);
	assert_int_equal(tsys_alpha()->ctx.regs.edx, 1);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 0);
}

static void test_version_sets_edx(void **state)
{
	struct arch_regs *r = &tsys_alpha()->ctx.regs;

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_VERSION, 1, 2, 0xAAAA, 4, 5), (int32_t)BH_ABI_VERSION);
	assert_int_equal(r->edx, BH_FEAT_VIRQ | BH_FEAT_ONESHOT | BH_FEAT_DEVICE_IRQ |
					 BH_FEAT_IOPORTS | BH_FEAT_PORTS | BH_FEAT_RAISE | BH_FEAT_TLS | BH_FEAT_BATCH);
	assert_int_equal(r->ebx, 1);
	assert_int_equal(r->ecx, 2);
	assert_int_equal(r->esi, 4);
	assert_int_equal(r->edi, 5);
}

/* The list's "changes" column reached the table. */
#define CHANGES_(nr, NAME, name, regs, ...) \
	assert_int_equal(hc_table[nr].changes, BH_HC_CHANGES_##regs);

static uint32_t regs_changed(const struct arch_regs *a, const struct arch_regs *b)
{
	uint32_t m = 0;

	m |= a->eax != b->eax ? BH_HC_REG_EAX : 0u;
	m |= a->edx != b->edx ? BH_HC_REG_EDX : 0u;
	m |= (a->ebx != b->ebx || a->ecx != b->ecx || a->esi != b->esi || a->edi != b->edi ||
	      a->ebp != b->ebp || a->esp != b->esp || a->eflags != b->eflags || a->cs != b->cs ||
	      a->ds != b->ds || a->es != b->es || a->ss != b->ss)
		     ? 0x80000000u
		     : 0u;
	return m;
}

/* One call by the running partition; if it comes back to its call site,
 * it changed no register its line does not name. */
static void contract_call(uint32_t nr, const uint32_t *a)
{
	struct partition *p = bh_sched.running;
	struct arch_regs before, *r = &p->ctx.regs;
	volatile unsigned code;

	r->ebp = 0x0E0E0E0Eu;
	r->eflags = 0x202u | 0x8C1u; /* IF plus some arithmetic flags */
	r->eip = A_HANDLER + 0x40u;
	TSYS_CATCH_HALT(code, tsys_hc(nr, a[0], a[1], a[2], a[3], a[4]));
	if (code != TSYS_NO_HALT || bh_sched.running != p || tsys_frame != r ||
	    r->eip != A_HANDLER + 0x40u)
		return; /* halted, restarted, switched away or resumed elsewhere */
	before = *r;
	before.eax = nr; /* tsys_hc loaded these: compare with what it loaded */
	before.ebx = a[0];
	before.ecx = a[1];
	before.edx = a[2];
	before.esi = a[3];
	before.edi = a[4];
	assert_int_equal(regs_changed(r, &before) & ~(uint32_t)hc_table[nr].changes, 0);
}

static void test_register_contract(void **state)
{
	static const uint32_t args[][5] = {
		{ 0, 0, 0, 0, 0 },
		{ 1, 2, 3, 4, 5 },
		{ A_DATA, 16, A_DATA, 16, A_DATA },
		{ BH_SELF, A_DATA, 4, 0, 0 },
		{ 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu },
	};

	(void)state;
	BH_HYPERCALLS(CHANGES_)
	for (uint32_t id = 0; id < 2; id++) {
		for (uint32_t nr = 0; nr < BH_HC_COUNT; nr++) {
			for (uint32_t i = 0; i < BH_ARRAY_SIZE(args); i++) {
				tsys_setup_boot(NULL); /* a fresh system each time */
				tsys_run_until(id == 0 ? TSYS_ALPHA : TSYS_BETA);
				contract_call(nr, args[i]);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test_setup(test_unknown_numbers, tsys_setup_boot),
		cmocka_unit_test_setup(test_privileged_calls, tsys_setup_boot),
		cmocka_unit_test_setup(test_max_checked_arguments, tsys_setup_boot),
		cmocka_unit_test_setup(test_in_buffer_too_long, tsys_setup_boot),
		cmocka_unit_test_setup(test_efault_in_pointers, tsys_setup_boot),
		cmocka_unit_test_setup(test_efault_out_pointers, tsys_setup_boot),
		cmocka_unit_test_setup(test_zero_length_buffers, tsys_setup_boot),
		cmocka_unit_test_setup(test_check_then_act, tsys_setup_boot),
		cmocka_unit_test_setup(test_in_data_copied, tsys_setup_boot),
		cmocka_unit_test_setup(test_bad_hypercall_limit, tsys_setup_boot),
		cmocka_unit_test_setup(test_bad_hypercall_action, tsys_setup_boot),
		cmocka_unit_test_setup(test_time_get_sets_edx_eax, tsys_setup_boot),
		cmocka_unit_test_setup(test_version_sets_edx, tsys_setup_boot),
		cmocka_unit_test_setup(test_register_contract, tsys_setup_boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
