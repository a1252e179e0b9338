/*
 * Arrivals while the partition is outside its window. Each window, the
 * partition arms its one-shot timer for a random point inside the other
 * partitions' time and spins to the end of its window with everything
 * enabled. At the start of its next window, before its own code runs, it
 * must get exactly: the ticks that fell in the gap as one upcall with the
 * exact count (tick, vector 0, first), then the timer expiry (vector 1),
 * both at the window's start time. Ticks inside its window arrive one by
 * one, on their tick. Two instances run with different tick rates
 * (tests/qemu/virq_window), one whose ticks do not line up with windows.
 */
#include <bhvirq.h>

#define WINDOWS 12u

static uint32_t period;
static volatile uint64_t ticks_delivered;
static uint32_t rng = 0x2545F491u;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	ticks_delivered += count;
	bhv_log_add(f);
}

/* A deadline strictly inside the time between this window and the next. */
static void arm_timer_in_gap(uint64_t major)
{
	uint64_t end = bh_vstate->window_end_ns;
	uint64_t gap = major - (end - bh_vstate->window_start_ns);
	uint64_t off = period / 2 + bhv_rand(&rng) % (gap - period);

	BHT_EQ(bh_timer_set(end + off), BH_OK);
}

/* Upcalls of the window that just ended: ticks one at a time, on time. */
static uint32_t check_in_window(uint64_t start, uint64_t *delivered_before)
{
	uint32_t i = 0;

	*delivered_before = 0;
	for (; i < bhv_log_len() && bhv_log_get(i)->time_ns < start; i++) {
		const struct bhv_event *e = bhv_log_get(i);
		BHT_CHECK(e->vector == BH_VEC_TICK && e->count == 1,
			  "in-window upcall: vector %u count %u", e->vector, e->count);
		*delivered_before += e->count;
	}
	return i;
}

/* The upcalls at the start of the new window (log entries from i on). */
static void check_window_start(uint32_t seq, uint32_t i, uint64_t before_start)
{
	uint64_t start = bh_vstate->window_start_ns;
	uint64_t gap_ticks = bhv_ticks_due(start, period) - before_start;
	uint32_t n = bhv_log_len() - i;
	const struct bhv_event *e = bhv_log_get(i);

	BHT_CHECK(n == (gap_ticks ? 2u : 1u), "window %u: %u upcalls at its start", seq, n);
	if (gap_ticks) {
		BHT_CHECK(e->vector == BH_VEC_TICK && e->count == gap_ticks,
			  "window %u: first upcall vector %u count %u, expected tick x%llu", seq,
			  e->vector, e->count, gap_ticks);
		e = bhv_log_get(i + 1);
	}
	BHT_CHECK(e->vector == BH_VEC_TIMER && e->count == 1,
		  "window %u: upcall vector %u count %u, expected the timer", seq, e->vector,
		  e->count);
	for (; i < bhv_log_len(); i++)
		BHT_CHECK(bhv_log_get(i)->time_ns == start, "window %u: upcall at %llu, start %llu",
			  seq, bhv_log_get(i)->time_ns, start);
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_window_info wi;
	uint64_t before;

	(void)cond;
	rng ^= id;
	bht_init("virq_window");
	period = bh_vstate->tick_period_ns;
	bhv_register();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, bhv_log_handler);
	bh_window_info(&wi);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable();
	for (uint32_t seq = bht_wait_next_window(); seq < WINDOWS; seq++) {
		bhv_log_reset();
		uint64_t base = ticks_delivered;
		arm_timer_in_gap(wi.major_frame_ns);
		bht_wait_next_window();
		uint32_t i = check_in_window(bh_vstate->window_start_ns, &before);
		check_window_start(seq + 1, i, base + before);
		if (bht_failures()) {
			bhv_log_dump("window");
			break;
		}
	}
	bht_finish(false);
	for (;;)
		bh_yield();
}
