/*
 * trace_load: a partition that makes the kernel do a bit of everything the
 * trace records, window after window, for the trace tests
 * (tests/qemu/trace_exact, trace_victim). It checks nothing itself: the
 * tests check the kernel's trace of it against the configuration and the
 * kernel's own summary.
 *
 * Every window it makes a few hypercalls (time, window info, console) and
 * arms its one-shot timer for a point outside its window (so the expiry
 * waits, pending). With a device line (config `irq 8`, RTC ports), it
 * binds the RTC at 1024 Hz: arrivals in its window are delivered at once,
 * those outside wait for its next window. In window 3 it executes an
 * invalid opcode, which its config propagates to it as a trap; in window 6
 * (first run only) it restarts itself warm. Partitions without a device
 * yield half-way through each window, leaving idle time.
 */
#include <bulkhead/bh.h>
#include <bulkhead/cmos_rtc.h>
#include <stdbool.h>

#define RTC_RATE 6u /* 1024 Hz */

static volatile uint32_t ticks, timers, rtcs, traps;
static bool has_rtc;

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)f;
	ticks += count;
}

static void on_timer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)f;
	timers += count;
}

static void on_rtc(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)f;
	(void)cmos_rtc_ack();
	rtcs += count;
}

/* The invalid opcode: skip the two-byte ud2 and carry on. */
static void on_trap(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	f->eip += 2;
	traps++;
}

static void setup(uint32_t id)
{
	bh_virq_init();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_set_handler(BH_VEC_TRAP(6), on_trap);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	has_rtc = bh_irq_bind(CMOS_RTC_LINE) == (int32_t)BH_VEC_IRQ(CMOS_RTC_LINE);
	if (has_rtc) {
		bh_set_handler(BH_VEC_IRQ(CMOS_RTC_LINE), on_rtc);
		cmos_rtc_periodic(RTC_RATE);
		(void)cmos_rtc_ack();
		bh_irq_unmask(BH_VEC_IRQ(CMOS_RTC_LINE));
	}
	bh_irq_enable();
	bh_printf("partition %u up, %s\n", id, has_rtc ? "with the RTC" : "no device");
}

/* One window's work; returns when the window (or half of it) is over. */
static void window(uint32_t seq, bool restarted)
{
	struct bh_window_info wi;
	uint64_t end = bh_vstate->window_end_ns, start = bh_vstate->window_start_ns;

	(void)bh_time_ns();
	(void)bh_window_info(&wi);
	bh_timer_set(end + (end - start)); /* fires outside this window */
	if (seq == 3)
		__asm__ volatile("ud2");
	if (seq == 6 && !restarted) {
		bh_printf("window %u: restarting warm\n", seq);
		bh_set_mode(BH_MODE_WARM_START);
	}
	if (seq % 4 == 0)
		bh_printf("window %u: %u ticks, %u timers, %u rtc, %u traps\n", seq, ticks, timers,
			  rtcs, traps);
	if (has_rtc) {
		while (bh_vstate->window_seq == seq)
			;
		return;
	}
	while (bh_vstate->time_ns < start + (end - start) / 2)
		;
	bh_yield();
}

int main(uint32_t cond, uint32_t id)
{
	bool restarted = cond == BH_START_PARTITION_RESTART;

	setup(id);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint32_t seq = bh_vstate->window_seq;
		window(seq, restarted);
		while (bh_vstate->window_seq == seq)
			bh_idle();
	}
}
