/*
 * bhtrace's analysis: configured windows against when partitions ran,
 * window-start delays, interrupts from arrival to delivery (coalesced,
 * direct, out of window, discarded, still pending), upcall nesting,
 * hypercalls, marks, and traces that lost their beginning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/abi.h>

#include "bhtrace.h"
#include "gen.h"

#define US 1000ll

struct fixture {
	struct gen g;
	struct bht_trace t;
	struct bht_model m;
};

static struct fixture fx;

/* alpha 0-4 ms, beta 5-9 ms of a 10 ms frame. */
static void setup_gen(uint32_t ring)
{
	gen_init(&fx.g, ring, 10);
	gen_part(&fx.g, "alpha");
	gen_part(&fx.g, "beta");
	gen_window(&fx.g, 0, 0, 4);
	gen_window(&fx.g, 1, 5, 4);
}

static void analyze(void)
{
	size_t len;
	char err[BHT_ERR_MAX];
	uint8_t *buf = gen_dump(&fx.g, &len);

	assert_int_equal(bht_load(buf, len, &fx.t, err, sizeof(err)), 0);
	free(buf);
	assert_int_equal(bht_analyze(&fx.t, &fx.m), 0);
}

static int teardown(void **state)
{
	(void)state;
	bht_model_free(&fx.m);
	bht_free(&fx.t);
	gen_free(&fx.g);
	return 0;
}

static void windows_and_runs(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 3, 2 * US);
	analyze();
	assert_int_equal(fx.m.nwindows, 6);
	assert_int_equal(fx.m.problems, 0);
	for (size_t i = 0; i < 6; i++) {
		const struct bht_window *w = &fx.m.windows[i];
		assert_int_equal(w->part, i % 2);
		assert_int_equal(w->frame, i / 2);
		assert_int_equal(w->t0, (int64_t)(i / 2) * 10 * GEN_MS + (int64_t)(i % 2) * 5 * GEN_MS);
		assert_int_equal(w->t1 - w->t0, 4 * GEN_MS);
		assert_true(w->seen);
		assert_int_equal(w->rec0, w->t0 + 2 * US);
		assert_int_equal(w->first_run - w->t0, 3 * US); /* the switch, 1 us after */
		assert_int_equal(w->ran, 4 * GEN_MS - 3 * US);
	}
	assert_int_equal(fx.m.stats[0].windows, 3);
	assert_int_equal(fx.m.stats[0].windows_run, 3);
	assert_int_equal(fx.m.stats[1].ran_ns, fx.m.stats[0].ran_ns);
	/* Ticks 1..30: alpha holds the CPU at 4 of each 10, beta at 4, idle at 2. */
	assert_int_equal(fx.m.stats[0].ticks, 12);
	assert_int_equal(fx.m.stats[1].ticks, 12);
	assert_int_equal(fx.m.idle_ticks, 6);
	assert_int_equal(fx.m.runs[0].part, 0);
	assert_int_equal(fx.m.runs[1].part, BH_TRACE_KERNEL);
}

/* Two ticks raised out of beta's window coalesce into one delivery. */
static void coalesced_delivery(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 1, BH_VEC_TICK, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_PENDING, 1, BH_VEC_TICK, 1);
	gen_at(&fx.g, 2 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 1, BH_VEC_TICK, 2);
	gen_at(&fx.g, 5 * GEN_MS + 5 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 1, BH_VEC_TICK, 3);
	gen_at(&fx.g, 5 * GEN_MS + 9 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RETURN, 1, BH_VEC_TICK, 1);
	analyze();
	assert_int_equal(fx.m.problems, 0);
	assert_int_equal(fx.m.nirqs, 2);
	assert_int_equal(fx.m.irqs[0].fate, BHT_DELIVERED);
	assert_true(fx.m.irqs[0].went_pending);
	assert_false(fx.m.irqs[0].in_window);
	assert_int_equal(fx.m.irqs[0].delivery - fx.m.irqs[0].arrival, 4 * GEN_MS + 5 * US);
	assert_int_equal(fx.m.irqs[1].n, 2);
	assert_int_equal(fx.m.stats[1].arrivals, 3);
	assert_int_equal(fx.m.stats[1].upcalls, 1);
	assert_int_equal(fx.m.stats[1].returns, 1);
	assert_int_equal(fx.m.stats[1].pending_max, 4 * GEN_MS + 5 * US);
	assert_int_equal(fx.m.nupcalls, 1);
	assert_int_equal(fx.m.upcalls[0].t1 - fx.m.upcalls[0].t0, 4 * US);
}

/* A device line: its arrival is the IRQ record, direct or pending. */
static void line_arrivals(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS + 100 * US);
	gen_rec(&fx.g, BH_TRACE_IRQ, 0, 8, 0);
	gen_at(&fx.g, 1 * GEN_MS + 101 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_TRACE_DIRECT | BH_VEC_IRQ(8), 1);
	gen_at(&fx.g, 4 * GEN_MS + 500 * US); /* after alpha's window */
	gen_rec(&fx.g, BH_TRACE_IRQ, 0, 8, 0);
	gen_at(&fx.g, 4 * GEN_MS + 501 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, BH_VEC_IRQ(8), 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_PENDING, 0, BH_VEC_IRQ(8), 1);
	gen_pending(&fx.g, 0, BH_VEC_IRQ(8), 1);
	analyze();
	assert_int_equal(fx.m.nkirqs, 2);
	assert_int_equal(fx.m.nirqs, 2);
	assert_true(fx.m.irqs[0].direct);
	assert_true(fx.m.irqs[0].in_window);
	assert_int_equal(fx.m.irqs[0].arrival, 1 * GEN_MS + 100 * US);
	assert_int_equal(fx.m.irqs[0].delivery - fx.m.irqs[0].arrival, 1 * US);
	assert_int_equal(fx.m.irqs[1].arrival, 4 * GEN_MS + 500 * US);
	assert_false(fx.m.irqs[1].in_window);
	assert_int_equal(fx.m.irqs[1].fate, BHT_PENDING);
	assert_int_equal(fx.m.stats[0].outstanding, 1);
	assert_int_equal(fx.m.stats[0].arrivals, 2);
	assert_int_equal(fx.m.stats[0].upcalls, 1);
}

static void discard_and_mismatch(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, BH_VEC_TIMER, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DISCARD, 0, BH_VEC_TIMER, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 1, BH_VEC_TIMER, 2);
	gen_at(&fx.g, 6 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 1, BH_VEC_TIMER, 5); /* the kernel says 5 */
	analyze();
	assert_int_equal(fx.m.irqs[0].fate, BHT_DISCARDED);
	assert_int_equal(fx.m.stats[0].discarded, 1);
	assert_int_equal(fx.m.problems, 1);
	assert_non_null(strstr(fx.m.problem, "count 5, 2 arrivals"));
}

/* A batch upcall: the vectors after the first are deliveries of the same
 * upcall (BH_TRACE_BATCH), settled but no upcall of their own. */
static void batch_upcall(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, BH_VEC_TICK, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, 5, 2);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, 50, 1);
	gen_at(&fx.g, 1 * GEN_MS + 10 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_VEC_TICK, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_TRACE_BATCH | 5, 2);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_TRACE_BATCH | 50, 1);
	gen_at(&fx.g, 1 * GEN_MS + 20 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RETURN, 0, 50, 1);
	analyze();
	assert_int_equal(fx.m.problems, 0);
	assert_int_equal(fx.m.nupcalls, 1);
	assert_int_equal(fx.m.upcalls[0].depth, 0);
	assert_int_equal(fx.m.upcalls[0].t1, 1 * GEN_MS + 20 * US);
	assert_int_equal(fx.m.stats[0].upcalls, 1);
	assert_int_equal(fx.m.stats[0].returns, 1);
	assert_int_equal(fx.m.unmatched_deliveries, 0);
	assert_int_equal(fx.m.unmatched_returns, 0);
	for (size_t i = 0; i < fx.m.nirqs; i++)
		assert_int_equal(fx.m.irqs[i].fate, BHT_DELIVERED);
}

/* Upcalls nest; a restart abandons the open ones. */
static void upcall_nesting(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, BH_VEC_TICK, 1);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_VEC_TICK, 1);
	gen_at(&fx.g, 1 * GEN_MS + 10 * US);
	gen_rec(&fx.g, BH_TRACE_IRQ, 0, 3, 0);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_TRACE_DIRECT | BH_VEC_IRQ(3), 1);
	gen_at(&fx.g, 1 * GEN_MS + 20 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RETURN, 0, BH_VEC_IRQ(3), 0);
	gen_at(&fx.g, 1 * GEN_MS + 30 * US);
	gen_rec(&fx.g, BH_TRACE_HM_EVENT, 0, BH_HM_DIVIDE_ERROR | BH_HM_ACT_PROPAGATE << 8, 0x40001234u);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_VEC_TRAP(0), 1);
	gen_at(&fx.g, 2 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_RESTART, 0, 1, BH_START_PARTITION_RESTART);
	gen_rec(&fx.g, BH_TRACE_MODE, 0, BH_MODE_COLD_START, BH_START_PARTITION_RESTART);
	analyze();
	assert_int_equal(fx.m.nupcalls, 3);
	assert_int_equal(fx.m.upcalls[0].depth, 0);
	assert_int_equal(fx.m.upcalls[1].depth, 1);
	assert_int_equal(fx.m.upcalls[1].t1, 1 * GEN_MS + 20 * US);
	assert_int_equal(fx.m.upcalls[2].depth, 1);
	assert_int_equal(fx.m.upcalls[2].vector, BH_VEC_TRAP(0));
	assert_int_equal(fx.m.upcalls[2].t1, 2 * GEN_MS); /* abandoned by the restart */
	assert_int_equal(fx.m.upcalls[0].t1, 2 * GEN_MS);
	assert_int_equal(fx.m.stats[0].traps, 1);
	assert_int_equal(fx.m.stats[0].upcalls, 2);
	assert_int_equal(fx.m.stats[0].hm, 1);
	assert_int_equal(fx.m.stats[0].restarts, 1);
	assert_int_equal(fx.m.nmarks, 3);
	assert_int_equal(fx.m.unmatched_deliveries, 0);
}

static void hypercalls(void **state)
{
	(void)state;
	setup_gen(1024);
	gen_frames(&fx.g, 1, 0);
	gen_at(&fx.g, 1 * GEN_MS);
	gen_rec(&fx.g, BH_TRACE_HC_ENTRY, 0, BH_HC_CONSOLE_WRITE, 0x40000000u);
	gen_at(&fx.g, 1 * GEN_MS + 2 * US);
	gen_rec(&fx.g, BH_TRACE_HC_EXIT, 0, BH_HC_CONSOLE_WRITE, 12);
	gen_rec(&fx.g, BH_TRACE_HC_ENTRY, 0, 99, 0);
	gen_rec(&fx.g, BH_TRACE_HC_EXIT, 0, 99, (uint32_t)BH_ENOSYS);
	gen_rec(&fx.g, BH_TRACE_HC_ENTRY, 0, BH_HC_UPCALL_RETURN, 0);
	gen_rec(&fx.g, BH_TRACE_HC_EXIT, 0, BH_HC_UPCALL_RETURN, 0x80000000u);
	gen_rec(&fx.g, BH_TRACE_HC_ENTRY, 0, BH_HC_MODULE_HALT, 0);
	analyze();
	assert_int_equal(fx.m.nhcalls, 4);
	assert_int_equal(fx.m.hcalls[0].t1 - fx.m.hcalls[0].t0, 2 * US);
	assert_int_equal(fx.m.hcalls[0].result, 12);
	assert_int_equal(fx.m.hcalls[1].result, BH_ENOSYS);
	assert_int_equal(fx.m.hcalls[3].t1, -1);
	assert_int_equal(fx.m.stats[0].hcalls, 4);
	assert_int_equal(fx.m.stats[0].hc_errors, 1); /* INT32_MIN: registers set, no error */
	assert_string_equal(bht_hc_name(BH_HC_CONSOLE_WRITE), "console_write");
}

/* A wrapped ring: deliveries whose arrival was overwritten are counted. */
static void lost_beginning(void **state)
{
	(void)state;
	setup_gen(32);
	gen_at(&fx.g, 100 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_RAISE, 0, BH_VEC_TICK, 1);
	gen_frames(&fx.g, 3, 0);
	gen_at(&fx.g, 30 * GEN_MS + 10 * US);
	gen_rec(&fx.g, BH_TRACE_VIRQ_DELIVER, 0, BH_VEC_TICK, 1);
	gen_end(&fx.g, 30 * GEN_MS + 20 * US, 30);
	analyze();
	assert_true(fx.t.lost > 0);
	assert_true(fx.m.t_begin > 0);
	assert_int_equal(fx.m.unmatched_deliveries, 1);
	assert_int_equal(fx.m.problems, 0);
	assert_true(fx.m.windows[0].frame >= 1);
}

/* Records carry 32 bits of the tick; the full tick comes from the time. */
static void tick_reconstruction(void **state)
{
	struct bht_trace t = { 0 };
	struct bht_rec r = { 0 };

	(void)state;
	t.tick_clocks = 1;
	t.tick_hz = 1000000000u; /* 1 ns ticks, to reach 2^32 quickly */
	r.t = (int64_t)0x100000005ll;
	r.b = 5;
	assert_int_equal(bht_rec_tick(&t, &r), 0x100000005ull);
	r.b = 0xFFFFFFFEu; /* recorded just before the wrap */
	assert_int_equal(bht_rec_tick(&t, &r), 0xFFFFFFFEull);
	r.t = 3;
	r.b = 4;
	assert_int_equal(bht_rec_tick(&t, &r), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(windows_and_runs, teardown),
		cmocka_unit_test_teardown(coalesced_delivery, teardown),
		cmocka_unit_test_teardown(line_arrivals, teardown),
		cmocka_unit_test_teardown(discard_and_mismatch, teardown),
		cmocka_unit_test_teardown(batch_upcall, teardown),
		cmocka_unit_test_teardown(upcall_nesting, teardown),
		cmocka_unit_test_teardown(hypercalls, teardown),
		cmocka_unit_test_teardown(lost_beginning, teardown),
		cmocka_unit_test(tick_reconstruction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
