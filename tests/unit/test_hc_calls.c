/*
 * Each hypercall's success path and its own errors (the dispatcher's checks
 * are in test_hypercall.c): console, window info, status, set_mode and its
 * ARINC 653 state rules, partition control, HM raise, the virq entry points
 * (register, bind, unbind, unmask, upcall return), the one-shot timer and
 * the module halt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/hypercall.h>

#define STATUS_VA (A_DATA + 0x100u)

static struct partition *part(uint32_t id)
{
	return tsys_part(id);
}

static void test_console_write(void **state)
{
	(void)state;
	memcpy(tsys_mem(TSYS_ALPHA, A_DATA, 6), "hello\n", 6);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 6), 6);
	assert_int_equal(tsys_console_count("[alpha] hello\n"), 1);
}

static void test_window_info(void **state)
{
	struct bh_window_info *w = tsys_mem(TSYS_ALPHA, A_DATA, sizeof(*w));

	(void)state;
	tsys_tick(TSYS_MAJOR + 13); /* frame 1, alpha's second window (12-15) */
	host_timer_elapsed_ns = 250;
	assert_int_equal(tsys_hc(BH_HC_WINDOW_INFO, A_DATA), BH_OK);
	assert_int_equal(w->now_ns, 33ull * TSYS_TICK_NS + 250);
	assert_int_equal(w->start_ns, 32ull * TSYS_TICK_NS);
	assert_int_equal(w->end_ns, 35ull * TSYS_TICK_NS);
	assert_int_equal(w->major_frame_ns, 20ull * TSYS_TICK_NS);
	assert_int_equal(w->window_index, 3);
	assert_int_equal(w->window_seq, 4);
	assert_int_equal(w->frame_seq, 1);
	assert_int_equal(w->partition_id, TSYS_ALPHA);
}

static void test_partition_status(void **state)
{
	struct bh_partition_status *s = tsys_mem(TSYS_ALPHA, STATUS_VA, sizeof(*s));
	struct bh_partition_status self;

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 1, 0, 0), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_COUNT), BH_ENOSYS);
	memset(s, 0xCC, sizeof(*s));
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, BH_SELF, STATUS_VA), BH_OK);
	assert_int_equal(s->id, TSYS_ALPHA);
	assert_int_equal(s->mode, BH_MODE_COLD_START);
	assert_int_equal(s->start_condition, BH_START_NORMAL);
	assert_int_equal(s->restart_count, 0);
	assert_int_equal(s->hm_events, 1);
	assert_int_equal(s->last_hm_event, BH_HM_APPLICATION_ERROR);
	assert_int_equal(s->bad_hypercalls, 1);
	assert_int_equal(s->window_seq, 1);
	assert_memory_equal(s->name, "alpha\0\0\0\0\0\0\0\0\0\0\0", BH_NAME_MAX);
	self = *s;
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_ALPHA, STATUS_VA), BH_OK);
	assert_memory_equal(s, &self, sizeof(self));
	/* Others only for a privileged caller. */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_BETA, STATUS_VA), BH_EPERM);
	/* ...and whether an id exists is none of an unprivileged caller's business */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_NPART, STATUS_VA), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, 0xFFFFFFFEu, STATUS_VA), BH_EPERM);
}

static void test_partition_status_privileged(void **state)
{
	struct bh_partition_status *s = tsys_mem(TSYS_BETA, B_DATA, sizeof(*s));

	(void)state;
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_GAMMA, B_DATA), BH_OK);
	assert_int_equal(s->id, TSYS_GAMMA);
	assert_string_equal(s->name, "gamma");
	assert_int_equal(s->window_seq, 0); /* gamma's first window is at 10 */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_ALPHA, B_DATA), BH_OK);
	assert_string_equal(s->name, "alpha");
	assert_int_equal(s->window_seq, 1);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_STATUS, TSYS_NPART, B_DATA), BH_ENOENT);
}

/* ARINC 653: cold start cannot become warm start; normal only once. */
static void test_set_mode(void **state)
{
	struct partition *a = part(TSYS_ALPHA);

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_ESTATE);
	assert_int_equal(a->restart_count, 0);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL), BH_OK);
	assert_int_equal(a->mode, BH_MODE_NORMAL);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_NORMAL), BH_ESTATE);

	a->ctx.regs.esi = 0x5151;
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_START_PARTITION_RESTART);
	assert_int_equal(a->mode, BH_MODE_WARM_START);
	assert_int_equal(a->restart_count, 1);
	assert_int_equal(a->ctx.regs.eip, A_ENTRY);
	assert_int_equal(a->ctx.regs.esi, 0); /* fresh registers */
	assert_int_equal(a->ctx.regs.ebx, TSYS_ALPHA);
	assert_int_equal(a->ctx.regs.ecx, BH_VCPU_VADDR);
	/* warm -> warm is allowed, and warm -> normal */
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_START_PARTITION_RESTART);
	assert_int_equal(a->restart_count, 2);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_COLD_START), BH_START_PARTITION_RESTART);
	assert_int_equal(a->mode, BH_MODE_COLD_START);
	assert_int_equal(a->restart_count, 3);
	/* The reload happens in alpha's own time: it idles until the next tick. */
	assert_true(a->load.active);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
	tsys_tick(1);
	assert_false(a->load.active);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_WARM_START), BH_ESTATE);
	assert_int_equal(a->bad_hypercalls, 0);

	assert_int_equal(tsys_hc(BH_HC_SET_MODE, BH_MODE_IDLE), BH_OK);
	assert_int_equal(a->mode, BH_MODE_IDLE);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
	assert_ptr_equal(tsys_frame, arch_idle_regs());
}

static void test_partition_control(void **state)
{
	struct partition *g = part(TSYS_GAMMA), *b = part(TSYS_BETA);

	(void)state;
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_NPART, BH_PCTL_STOP), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, 0xFFFFFFFFu, BH_PCTL_STOP), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_STOP), BH_OK);
	assert_int_equal(g->mode, BH_MODE_IDLE);
	assert_int_equal(tsys_console_count("[bh] partition gamma: stop requested by beta\n"), 1);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_RESTART_COLD), BH_OK);
	assert_int_equal(g->mode, BH_MODE_COLD_START);
	assert_int_equal(g->start_condition, BH_START_OTHER_PARTITION);
	assert_int_equal(g->restart_count, 1);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_RESTART_WARM), BH_OK);
	assert_int_equal(g->mode, BH_MODE_WARM_START);
	assert_int_equal(g->restart_count, 2);
	assert_int_equal(tsys_running_id(), TSYS_BETA); /* the caller keeps running */

	assert_int_equal(b->bad_hypercalls, 2);
	/* Restarting itself: fresh registers, eax = start condition. */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_BETA, BH_PCTL_RESTART_WARM),
			 BH_START_OTHER_PARTITION);
	assert_int_equal(b->ctx.regs.eip, B_CODE);
	assert_int_equal(b->restart_count, 1);
	assert_int_equal(b->bad_hypercalls, 0);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_BETA, BH_PCTL_STOP), BH_OK);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
}

static void test_hm_raise(void **state)
{
	char *msg = tsys_mem(TSYS_ALPHA, A_DATA, 8);

	(void)state;
	memcpy(msg, "a\"b\nc\x7f", 6);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 42, A_DATA, 6), BH_OK); /* alpha: ignore */
	assert_int_equal(part(TSYS_ALPHA)->hm_events, 1);
	assert_int_equal(part(TSYS_ALPHA)->last_hm_event, BH_HM_APPLICATION_ERROR);
	assert_int_equal(tsys_console_count("event=application_error code=42 addr=0x0 pc=0x40000010 "
					    "action=ignore msg=\"a.b.c.\"\n"),
			 1);
	tsys_run_until(TSYS_GAMMA); /* gamma: restart_cold */
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 1, 0, 0), BH_START_HM_PARTITION_RESTART);
	assert_int_equal(part(TSYS_GAMMA)->mode, BH_MODE_COLD_START);
	assert_int_equal(part(TSYS_GAMMA)->restart_count, 1);
}

static void test_virq_register(void **state)
{
	static const struct {
		uint32_t entry, stack, size;
		int32_t err;
	} cases[] = {
		{ A_HANDLER, A_STACK, BH_MIN_IRQ_STACK - 16, BH_EINVAL },
		{ A_HANDLER, A_STACK + 8, 1024, BH_EINVAL },	   /* misaligned stack */
		{ A_HANDLER, A_STACK, 1032, BH_EINVAL },	   /* size not a multiple of 16 */
		{ A_DATA, A_STACK, 1024, BH_EFAULT },		   /* entry not executable */
		{ A_RO, A_STACK, 1024, BH_EFAULT },
		{ 0x1000, A_STACK, 1024, BH_EFAULT },		   /* entry in kernel memory */
		{ G_MEM, A_STACK, 1024, BH_EFAULT },		   /* entry in gamma's memory */
		{ A_HANDLER, A_RO, 1024, BH_EFAULT },		   /* stack not writable */
		{ A_HANDLER, A_TEXT, 1024, BH_EFAULT },
		{ A_HANDLER, A_STACK + A_STACK_SIZE - 512, 1024, BH_EFAULT }, /* past its end */
		{ A_HANDLER, A_DATA + A_DATA_SIZE - 512, 1024, BH_EFAULT },   /* into ro */
		{ A_HANDLER, 0xFFFFFE00u, 1024, BH_EFAULT },		      /* wraps */
		{ A_HANDLER, 0, 0xFFFFFFF0u, BH_EFAULT },
	};
	struct partition *a = part(TSYS_ALPHA);

	(void)state;
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		int32_t r = tsys_hc(BH_HC_VIRQ_REGISTER, cases[i].entry, cases[i].stack, cases[i].size);
		if (r != cases[i].err)
			fail_msg("case %u: %d, expected %d", i, r, cases[i].err);
		assert_int_equal(a->virq.entry, 0);
	}
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, BH_MIN_IRQ_STACK), BH_OK);
	assert_int_equal(a->virq.stack_hi, A_STACK + BH_MIN_IRQ_STACK);
	/* Executable stack region as entry; the whole stack region. */
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_STACK, A_STACK, A_STACK_SIZE), BH_OK);
	assert_int_equal(a->virq.entry, A_STACK);
	assert_int_equal(a->virq.stack_lo, A_STACK);
	assert_int_equal(a->virq.stack_hi, A_STACK + A_STACK_SIZE);
	/* A refused registration keeps the previous one. */
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_DATA, A_STACK, 1024), BH_EFAULT);
	assert_int_equal(a->virq.entry, A_STACK);
	assert_int_equal(a->virq.stack_hi, A_STACK + A_STACK_SIZE);
}

static void test_virq_bind_unbind_unmask(void **state)
{
	struct partition *a = part(TSYS_ALPHA);
	uint32_t v = BH_VEC_IRQ(A_LINE);

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE + 1), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, 0), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNBIND, A_LINE), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), (int32_t)v);
	assert_int_equal(a->virq.bound_lines, 1u << A_LINE);
	assert_true(host_irq_masked & (1u << A_LINE)); /* the guest still masks it */
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), BH_EBUSY);

	a->vcpu->mask[1] &= ~(1u << (v - 32));
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNMASK, v), BH_OK);
	assert_false(host_irq_masked & (1u << A_LINE));
	tsys_irq(A_LINE);
	assert_true(host_irq_masked & (1u << A_LINE));
	assert_int_equal(a->vstate->count[v], 1);
	assert_int_equal(a->vstate->pending[1], 1u << (v - 32));

	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNBIND, A_LINE + 1), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNBIND, A_LINE), BH_OK);
	assert_int_equal(a->virq.bound_lines, 0);
	assert_int_equal(a->vstate->count[v], 0);
	assert_int_equal(a->vstate->pending[1], 0);
	assert_true(host_irq_masked & (1u << A_LINE));
	assert_int_equal(tsys_hc(BH_HC_VIRQ_UNBIND, A_LINE), BH_ENOENT);
	assert_int_equal(a->bad_hypercalls, 5); /* EBUSY is not counted */

	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), BH_EPERM);
}

/* Deliver the virtual tick, then return from the handler. */
static void test_upcall_return(void **state)
{
	struct partition *a = part(TSYS_ALPHA);
	struct arch_regs *r = &a->ctx.regs;
	uint32_t frame;

	(void)state;
	assert_int_equal(tsys_hc(BH_HC_UPCALL_RETURN, A_STACK), BH_ESTATE);
	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, A_STACK_SIZE), BH_OK);
	a->vcpu->mask[0] = ~1u; /* tick only */
	a->vcpu->enabled = 1;
	r->eip = 0x40000222;
	r->esp = A_DATA + 0x800;
	r->esi = 0x77;
	r->eax = 0x1234;
	tsys_tick(2); /* the first virtual tick */
	assert_int_equal(r->eip, A_HANDLER);
	assert_int_equal(r->eax, BH_VEC_TICK);
	assert_int_equal(r->edx, 1);
	frame = r->esp;
	assert_int_equal(frame, (A_STACK + A_STACK_SIZE - sizeof(struct bh_upcall_frame)) & ~15u);
	assert_int_equal(r->ecx, frame);
	assert_int_equal(a->vcpu->enabled, 0);

	r->esi = 0; /* the handler clobbers registers */
	assert_int_equal(tsys_hc(BH_HC_UPCALL_RETURN, frame), 0x1234); /* the saved eax */
	assert_int_equal(r->eip, 0x40000222);
	assert_int_equal(r->esp, A_DATA + 0x800);
	assert_int_equal(r->esi, 0x77);
	assert_int_equal(a->vcpu->enabled, 1);
	assert_int_equal(a->bad_hypercalls, 0);
}

static void test_timer_set(void **state)
{
	struct partition *a = part(TSYS_ALPHA);

	(void)state;
	tsys_tick(1);
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 500000, 0), BH_OK); /* already past */
	assert_int_equal(a->vstate->count[BH_VEC_TIMER], 1);
	assert_int_equal(a->vstate->pending[0] & 2u, 2u);
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 5500000, 0), BH_OK); /* 5.5 ms */
	tsys_tick(11);						       /* t = 12 ms */
	assert_int_equal(a->vstate->count[BH_VEC_TIMER], 2);	       /* at alpha's window */
	assert_int_equal(a->virq.timer_deadline_ns, 0);
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 13000000, 0), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 0, 0), BH_OK); /* cancel */
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 0, 1), BH_OK); /* 2^32 ns */
	assert_int_equal(a->virq.timer_deadline_ns, 1ull << 32);
	tsys_tick(2);
	assert_int_equal(a->vstate->count[BH_VEC_TIMER], 2);
}

static void test_module_halt(void **state)
{
	volatile unsigned code;

	(void)state;
	tsys_run_until(TSYS_BETA);
	memcpy(tsys_mem(TSYS_BETA, B_DATA, 7), "partial", 7);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, B_DATA, 7), 7);
	TSYS_CATCH_HALT(code, tsys_hc(BH_HC_MODULE_HALT, 7));
	assert_int_equal(code, BH_EXIT_OK);
	assert_int_equal(tsys_console_count("[bh] module halt requested by beta (code 7)\n"), 1);
	assert_int_equal(tsys_console_count("[beta] partial\n"), 1);
	assert_int_equal(tsys_console_count("[bh] halt: module halt hypercall\n"), 1);
}

static void test_yield_idle_sync_results(void **state)
{
	(void)state;
	assert_int_equal(tsys_hc(BH_HC_VIRQ_SYNC), BH_OK);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(tsys_hc(BH_HC_YIELD), BH_OK);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_IDLE), BH_OK);
	assert_int_equal(tsys_running_id(), UINT32_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_console_write, tsys_setup_boot),
		cmocka_unit_test_setup(test_window_info, tsys_setup_boot),
		cmocka_unit_test_setup(test_partition_status, tsys_setup_boot),
		cmocka_unit_test_setup(test_partition_status_privileged, tsys_setup_boot),
		cmocka_unit_test_setup(test_set_mode, tsys_setup_boot),
		cmocka_unit_test_setup(test_partition_control, tsys_setup_boot),
		cmocka_unit_test_setup(test_hm_raise, tsys_setup_boot),
		cmocka_unit_test_setup(test_virq_register, tsys_setup_boot),
		cmocka_unit_test_setup(test_virq_bind_unbind_unmask, tsys_setup_boot),
		cmocka_unit_test_setup(test_upcall_return, tsys_setup_boot),
		cmocka_unit_test_setup(test_timer_set, tsys_setup_boot),
		cmocka_unit_test_setup(test_module_halt, tsys_setup_boot),
		cmocka_unit_test_setup(test_yield_idle_sync_results, tsys_setup_boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
