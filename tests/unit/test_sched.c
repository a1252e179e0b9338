/*
 * The cyclic scheduler and kernel time (kernel/core/sched.c, time.c):
 * window boundaries over several major frames (gaps, back-to-back windows,
 * a window ending at the frame's end, a gap at the frame's start), exact
 * tick accounting, yield and idle, stopped partitions, the frames=N
 * shutdown, the vCPU page's window fields, monotonic time and exact
 * tick-to-ns conversion for the PIT's period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"

#define IDLE UINT32_MAX
#define MS(n) ((uint64_t)(n) * TSYS_TICK_NS)

/* Who owns frame position pos in the default schedule (tsys.h). */
static uint32_t owner(uint32_t pos)
{
	static const char map[] = "AAAABBB...GGAAA.BBBB";

	switch (map[pos % TSYS_MAJOR]) {
	case 'A': return TSYS_ALPHA;
	case 'B': return TSYS_BETA;
	case 'G': return TSYS_GAMMA;
	default: return IDLE;
	}
}

static void test_windows_over_three_frames(void **state)
{
	(void)state;
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	for (uint32_t t = 1; t <= 3 * TSYS_MAJOR; t++) {
		tsys_tick(1);
		if (tsys_running_id() != owner(t))
			fail_msg("t=%u: running %u, expected %u", t, tsys_running_id(), owner(t));
		assert_int_equal(bh_sched.frame_seq, t / TSYS_MAJOR);
		assert_int_equal(bh_sched.frame_pos, t % TSYS_MAJOR);
		if (owner(t) == IDLE)
			assert_ptr_equal(tsys_frame, arch_idle_regs());
		else
			assert_ptr_equal(tsys_frame, &tsys_part(owner(t))->ctx.regs);
	}
}

static void test_ticks_accounted_exactly(void **state)
{
	(void)state;
	tsys_tick(3 * TSYS_MAJOR);
	assert_int_equal(tsys_part(TSYS_ALPHA)->ticks_run, 3 * 7);
	assert_int_equal(tsys_part(TSYS_BETA)->ticks_run, 3 * 7);
	assert_int_equal(tsys_part(TSYS_GAMMA)->ticks_run, 3 * 2);
	assert_int_equal(bh_sched.idle_ticks, 3 * 4);
	/* Windows started, the one at t=60 included. */
	assert_int_equal(tsys_part(TSYS_ALPHA)->windows_total, 7);
	assert_int_equal(tsys_part(TSYS_BETA)->windows_total, 6);
	assert_int_equal(tsys_part(TSYS_GAMMA)->windows_total, 3);
	assert_int_equal(tsys_part(TSYS_ALPHA)->window_seq, 7);
}

static void test_vcpu_window_fields(void **state)
{
	volatile struct bh_vcpu_state *a = tsys_part(TSYS_ALPHA)->vstate;
	volatile struct bh_vcpu_state *b = tsys_part(TSYS_BETA)->vstate;

	(void)state;
	assert_int_equal(a->window_end_ns, MS(4));
	tsys_tick(32); /* frame 1, alpha's window 3 */
	assert_int_equal(a->window_start_ns, MS(32));
	assert_int_equal(a->window_end_ns, MS(35));
	assert_int_equal(a->window_seq, 4);
	assert_int_equal(a->window_index, 3);
	assert_int_equal(a->frame_seq, 1);
	assert_int_equal(a->time_ns, MS(32));
	tsys_tick(1);
	assert_int_equal(a->time_ns, MS(33));
	assert_int_equal(a->window_start_ns, MS(32));
	tsys_tick(3); /* t=36: beta's window to the end of the frame */
	assert_int_equal(b->window_start_ns, MS(36));
	assert_int_equal(b->window_end_ns, MS(40));
	assert_int_equal(b->window_index, 4);
	assert_int_equal(b->window_seq, 4);
	assert_int_equal(a->time_ns, MS(34)); /* alpha's page is left alone outside */
	assert_int_equal(b->tick_period_ns, MS(5));
	assert_int_equal(a->tick_period_ns, MS(A_TICK_PERIOD));
	assert_int_equal(tsys_part(TSYS_GAMMA)->vstate->tick_period_ns, 0);
}

/* A frame that starts and ends with a gap, with a window ending at 10. */
static void test_gap_at_frame_start(void **state)
{
	static const struct bh_cfg_window w[] = { { TSYS_ALPHA, 3, 2 }, { TSYS_BETA, 5, 3 } };
	static const char expect[] = "...AABBB..";

	tsys_setup(state);
	memcpy(tsys_windows, w, sizeof(w));
	tsys_cfg->nwindows = 2;
	tsys_cfg->major_frame = 10;
	tsys_boot(NULL);
	for (uint32_t t = 0; t < 30; t++) {
		char c = expect[t % 10];
		uint32_t want = c == 'A' ? TSYS_ALPHA : c == 'B' ? TSYS_BETA : IDLE;
		if (tsys_running_id() != want)
			fail_msg("t=%u: running %u, expected %u", t, tsys_running_id(), want);
		tsys_tick(1);
	}
	assert_int_equal(bh_sched.idle_ticks, 15);
	assert_int_equal(tsys_part(TSYS_GAMMA)->windows_total, 0);
	assert_int_equal(tsys_part(TSYS_ALPHA)->vstate->window_end_ns, MS(25));
}

static void test_yield(void **state)
{
	struct partition *a = tsys_part(TSYS_ALPHA);

	(void)state;
	tsys_tick(1);
	assert_int_equal(tsys_hc(BH_HC_YIELD), BH_OK);
	assert_int_equal(tsys_running_id(), IDLE);
	tsys_tick(2);
	assert_int_equal(tsys_running_id(), IDLE); /* rest of the window idles */
	tsys_tick(1);
	assert_int_equal(tsys_running_id(), TSYS_BETA);
	tsys_tick(8);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA); /* t=12: next window */
	assert_int_equal(a->wait, PART_RUN);
	assert_int_equal(a->ctx.regs.eax, BH_OK);
	tsys_tick(8);
	assert_int_equal(a->ticks_run, 1 + 3);
	assert_int_equal(bh_sched.idle_ticks, 3 + 4);
}

static void enable_tick_upcalls(void)
{
	struct partition *a = tsys_part(TSYS_ALPHA);

	assert_int_equal(tsys_hc(BH_HC_VIRQ_REGISTER, A_HANDLER, A_STACK, A_STACK_SIZE), BH_OK);
	a->vcpu->mask[0] = ~1u;
	a->vcpu->enabled = 1;
}

/* Idle until a deliverable vector: the virtual tick at t=2. */
static void test_idle_woken_by_vector(void **state)
{
	struct partition *a = tsys_part(TSYS_ALPHA);

	(void)state;
	enable_tick_upcalls();
	assert_int_equal(tsys_hc(BH_HC_IDLE), BH_OK);
	assert_int_equal(tsys_running_id(), IDLE);
	tsys_tick(1);
	assert_int_equal(tsys_running_id(), IDLE);
	tsys_tick(1);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(a->ctx.regs.eip, A_HANDLER);
	assert_int_equal(a->ctx.regs.eax, BH_VEC_TICK);
	assert_int_equal(a->ticks_run, 0);
	/*
	 * In the handler, the guest unmasks the (pending) timer and enables
	 * without a hypercall, then idles: idle returns at once, and the
	 * upcall is delivered on the way out.
	 */
	assert_int_equal(tsys_hc(BH_HC_TIMER_SET, 1, 0), BH_OK);
	assert_int_equal(a->vstate->count[BH_VEC_TIMER], 1);
	a->vcpu->mask[0] = ~3u;
	a->vcpu->enabled = 1;
	assert_int_equal(tsys_hc(BH_HC_IDLE), BH_VEC_TIMER);
	assert_int_equal(a->ctx.regs.eip, A_HANDLER);
	assert_int_equal(a->vstate->count[BH_VEC_TIMER], 0);
	assert_int_equal(a->wait, PART_RUN);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
}

/* A masked vector does not wake; the next window does. A device line does. */
static void test_idle_until_next_window(void **state)
{
	struct partition *a = tsys_part(TSYS_ALPHA);

	(void)state;
	enable_tick_upcalls();
	a->vcpu->mask[0] = ~0u;
	assert_int_equal(tsys_hc(BH_HC_IDLE), BH_OK);
	tsys_tick(11);
	assert_int_equal(tsys_running_id(), TSYS_GAMMA);
	assert_int_equal(a->wait, PART_IDLING);
	assert_int_equal(a->vstate->count[BH_VEC_TICK], 1);
	tsys_tick(1);
	assert_int_equal(a->vstate->count[BH_VEC_TICK], 6); /* t=2, and 4..12 at once */
	assert_int_equal(tsys_running_id(), TSYS_ALPHA); /* t=12 */
	assert_int_equal(a->ctx.regs.eip, A_ENTRY);

	assert_int_equal(tsys_hc(BH_HC_VIRQ_BIND, A_LINE), (int32_t)BH_VEC_IRQ(A_LINE));
	a->vcpu->mask[1] = ~(1u << A_LINE);
	assert_int_equal(tsys_hc(BH_HC_IDLE), BH_OK);
	assert_int_equal(tsys_running_id(), IDLE);
	tsys_irq(A_LINE);
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(a->ctx.regs.eax, BH_VEC_IRQ(A_LINE));
}

static void test_stopped_partition_idles(void **state)
{
	struct partition *g = tsys_part(TSYS_GAMMA);

	(void)state;
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_STOP), BH_OK);
	tsys_tick(6); /* t=10 */
	assert_int_equal(tsys_running_id(), IDLE);
	tsys_tick(2);
	assert_int_equal(g->ticks_run, 0);
	assert_int_equal(g->windows_total, 0);
	assert_int_equal(bh_sched.idle_ticks, 5);
	tsys_run_until(TSYS_BETA); /* t=16 */
	assert_int_equal(tsys_hc(BH_HC_PARTITION_CONTROL, TSYS_GAMMA, BH_PCTL_RESTART_COLD), BH_OK);
	tsys_run_until(TSYS_GAMMA);
	assert_int_equal(bh_sched.now, 30);
	assert_int_equal(g->window_seq, 1);
}

static void frames_run(const char *cmdline, uint64_t ticks_at_halt)
{
	volatile unsigned code;

	tsys_setup(NULL);
	tsys_boot(cmdline);
	TSYS_CATCH_HALT(code, tsys_tick(1000));
	assert_int_equal(code, BH_EXIT_OK);
	assert_int_equal(bh_sched.now, ticks_at_halt);
	assert_int_equal(tsys_console_count("[bh] halt: configured number of major frames done\n"), 1);
}

static void test_frames_shutdown(void **state)
{
	(void)state;
	frames_run("frames=2", 40);
	assert_int_equal(tsys_console_count(", stopping after 2 frames\n"), 1);
	assert_int_equal(tsys_console_count("[bh] summary: 40 ticks, 2 major frames, 8 idle ticks\n"), 1);
	assert_int_equal(tsys_console_count("[bh] partition gamma: mode=cold_start windows=2 "
					    "ticks=4 "),
			 1);
	frames_run("build/sys/tsys/kernel.elf frames=3", 60);
	frames_run("kernel.elf frames=1 bench", 20);
}

static void test_no_frames_no_shutdown(void **state)
{
	volatile unsigned code;

	(void)state;
	TSYS_CATCH_HALT(code, tsys_tick(1000));
	assert_int_equal(code, TSYS_NO_HALT);
	tsys_setup(NULL);
	tsys_boot("frames=0");
	TSYS_CATCH_HALT(code, tsys_tick(1000));
	assert_int_equal(code, TSYS_NO_HALT);
}

static void test_time_monotonic(void **state)
{
	/* Time starts at boot, whatever an earlier boot reported. */
	tsys_tick(100);
	assert_int_equal(time_now_ns(), MS(100));
	tsys_setup(state);
	tsys_boot(NULL);
	assert_int_equal(time_now_ns(), 0);

	host_timer_elapsed_ns = 900000;
	assert_int_equal(time_now_ns(), 900000);
	host_timer_elapsed_ns = 100; /* counter wrapped; its tick not yet taken */
	assert_int_equal(time_now_ns(), 900000);
	host_timer_elapsed_ns = 0;
	tsys_tick(1);
	assert_int_equal(time_now_ns(), MS(1));
	host_timer_elapsed_ns = 5;
	assert_int_equal(time_now_ns(), MS(1) + 5);
	host_timer_elapsed_ns = 999999;
	assert_int_equal(time_now_ns(), MS(1) + 999999);
	host_timer_elapsed_ns = 0;
	assert_int_equal(time_now_ns(), MS(1) + 999999);
	tsys_tick(1);
	assert_int_equal(time_now_ns(), MS(2));
}

/* floor(ticks * 1193 * 1e9 / 1193182) in plain 64-bit arithmetic (fits for
 * ticks < 1.5e7), written independently of time.c. */
static uint64_t pit_ref(uint64_t ticks)
{
	return ticks * 1193u * 1000000000u / 1193182u;
}

static void test_pit_period_exact(void **state)
{
	static const uint64_t samples[] = { 0, 1, 2, 3, 999, 1000, 1193, 1194, 65536, 1193181,
					    1193182, 1193183, 5000000, 14000000 };

	(void)state;
	host_tick_us = 1193; /* the divisor for 1 ms */
	host_timer_hz = 1193182;
	time_init();
	assert_int_equal(time_ticks_to_ns(1), 999847);
	assert_int_equal(time_ticks_to_ns(1193182), 1193ull * 1000000000u);
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(samples); i++)
		assert_int_equal(time_ticks_to_ns(samples[i]), pit_ref(samples[i]));
	/* The tick accumulator never drifts from the closed form. */
	for (uint64_t t = 1; t <= 5000; t++) {
		tsys_tick(1);
		if (bh_sched.now_ns != pit_ref(t))
			fail_msg("tick %llu: now_ns %llu, expected %llu", (unsigned long long)t,
				 (unsigned long long)bh_sched.now_ns, (unsigned long long)pit_ref(t));
	}
	assert_int_equal(time_major_frame_ns(), pit_ref(TSYS_MAJOR));
}

/* A third of a second per tick: the remainder carries exactly at tick 3. */
static void test_remainder_carry(void **state)
{
	(void)state;
	host_tick_us = 1;
	host_timer_hz = 3;
	time_init();
	tsys_tick(1);
	assert_int_equal(bh_sched.now_ns, 333333333);
	tsys_tick(1);
	assert_int_equal(bh_sched.now_ns, 666666666);
	tsys_tick(1);
	assert_int_equal(bh_sched.now_ns, 1000000000);
	assert_int_equal(time_ticks_to_ns(3), 1000000000);
	assert_int_equal(time_ticks_to_ns(4), 1333333333);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_windows_over_three_frames, tsys_setup_boot),
		cmocka_unit_test_setup(test_ticks_accounted_exactly, tsys_setup_boot),
		cmocka_unit_test_setup(test_vcpu_window_fields, tsys_setup_boot),
		cmocka_unit_test(test_gap_at_frame_start),
		cmocka_unit_test_setup(test_yield, tsys_setup_boot),
		cmocka_unit_test_setup(test_idle_woken_by_vector, tsys_setup_boot),
		cmocka_unit_test_setup(test_idle_until_next_window, tsys_setup_boot),
		cmocka_unit_test_setup(test_stopped_partition_idles, tsys_setup_boot),
		cmocka_unit_test(test_frames_shutdown),
		cmocka_unit_test_setup(test_no_frames_no_shutdown, tsys_setup_boot),
		cmocka_unit_test_setup(test_time_monotonic, tsys_setup_boot),
		cmocka_unit_test_setup(test_pit_period_exact, tsys_setup_boot),
		cmocka_unit_test_setup(test_remainder_carry, tsys_setup_boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
