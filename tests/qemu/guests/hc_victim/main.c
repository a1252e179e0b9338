/*
 * hc_victim: the partition whose windows and output must be exactly the
 * same with and without hc_fuzz next to it (tests/qemu/hc_fuzz and
 * hc_fuzz_ref; the harness compares its lines). Everything it prints is
 * fixed by the schedule: the window's sequence number, frame, start and
 * end in ns, the virtual ticks and timer upcalls received so far, a
 * checksum of its memory (which it changes in a fixed way every window),
 * and whether it had the whole of its previous window. The last is
 * measured with rdtsc, which under -icount (these tests' setting) counts
 * instructions: it catches time stolen inside the window, which the
 * kernel's tick-based times cannot show.
 */
#include <bhtest.h>
#include "../../hc_lib/hcl.h"

#define WINDOWS 38u	    /* the runs are frames=40 */
#define MAJOR_TICKS 10u
#define WIN_START 8u	    /* window 2, ticks 8..10 of every frame */
#define WIN_TICKS 2u
#define TIMER_DELAY 500000u /* ns after the window start: fires at its next tick */
#define WORDS 16384u	    /* 64 KiB of memory to checksum */
#define SLACK 50000u	    /* a window may lose 50 us to the kernel, no more */

static uint32_t mem[WORDS];
static volatile uint32_t ticks, timers;
static uint64_t span; /* rdtsc units the previous window ran for */

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

/* A fixed change per window, then an FNV-1a checksum of all of it. */
static uint32_t churn(uint32_t seq)
{
	uint32_t h = 2166136261u;

	for (uint32_t i = seq % 7; i < WORDS; i += 7)
		mem[i] = mem[i] * 2654435761u + seq;
	for (uint32_t i = 0; i < WORDS; i++)
		h = (h ^ mem[i]) * 16777619u;
	return h;
}

static void setup(void)
{
	for (uint32_t i = 0; i < WORDS; i++)
		mem[i] = i * 0x9E3779B9u;
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable();
}

/* One window: check it against the schedule, then report it. */
static void window(uint32_t expect_seq, uint32_t *last_ticks)
{
	uint32_t seq = bh_vstate->window_seq, frame = bh_vstate->frame_seq;
	uint64_t start = bh_vstate->window_start_ns, end = bh_vstate->window_end_ns;
	uint32_t t = ticks, tm = timers, sum;
	bool full = span + SLACK >= end - start;

	BHT_EQ(seq, expect_seq);
	BHT_EQ(frame, seq - 1);
	BHT_EQ(bh_vstate->window_index, 2);
	BHT_EQ(start, hcl_tick_ns((uint64_t)frame * MAJOR_TICKS + WIN_START));
	BHT_EQ(end, hcl_tick_ns((uint64_t)frame * MAJOR_TICKS + WIN_START + WIN_TICKS));
	if (seq > 2)
		BHT_EQ(t - *last_ticks, MAJOR_TICKS); /* every tick, none twice */
	BHT_EQ(tm, seq - 1); /* the previous windows' timers, one each */
	BHT_CHECK(full || seq < 3, "window %u ran for %llu only", seq - 1, span);
	*last_ticks = t;
	sum = churn(seq);
	BHT_EQ(bh_timer_set(start + TIMER_DELAY), BH_OK);
	bh_printf("w=%u frame=%u start=%llu end=%llu ticks=%u timers=%u sum=%08x full=%u\n", seq,
		  frame, start, end, t, tm, sum, full);
}

/* Spin to the end of the window; span: from `first` to the last instant seen. */
static uint64_t spin_out(uint64_t first)
{
	uint32_t s = bh_vstate->window_seq;
	uint64_t last = first;

	for (;;) {
		uint64_t t = bht_rdtsc();
		if (bh_vstate->window_seq != s)
			return last - first;
		last = t;
	}
}

int main(uint32_t cond, uint32_t id)
{
	uint32_t last_ticks = 0;
	uint64_t first = bht_rdtsc();

	(void)cond;
	(void)id;
	bht_init("hc_victim");
	setup();
	for (uint32_t w = 1; w <= WINDOWS; w++) {
		window(w, &last_ticks);
		span = spin_out(first);
		first = bht_rdtsc();
	}
	bht_finish(false);
	for (;;)
		;
}
