/*
 * A well-behaved neighbour for virq tests: it takes its virtual ticks and
 * checks, at each of its windows, that the window starts exactly one major
 * frame after the previous one, by the kernel's clock and by the cycle
 * counter, and that the ticks delivered plus those pending are exactly the
 * ticks due since boot. It also measures how much of each window it gets
 * to run (loop iterations): that is the same in every window unless
 * someone steals time from it. After VICTIM_WINDOWS windows it reports and
 * keeps running silently.
 * Needs a virtual tick, one window per major frame, and -icount shift=0
 * (ICOUNT=1: the cycle counter then reads QEMU's virtual clock in ns).
 */
#include <bhvirq.h>

#define VICTIM_WINDOWS 20u
/*
 * Budget spread allowed between windows, in loop iterations of about four
 * instructions: 0.1% of a 5 ms window. One stray device interrupt (which
 * the design allows per foreign line and window) costs about 60; losing
 * the processor to someone else costs thousands.
 */
#define BUDGET_SLACK 250u
/* Window start jitter allowed by the cycle counter: the same kernel path
 * runs before each start; a window moved by a kernel tick is 1000 times
 * more. */
#define START_SLACK_NS 2000

static volatile uint64_t delivered;
static uint32_t budget_min = UINT32_MAX, budget_max;
static int64_t jitter_max;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	delivered += count;
}

static void check_ticks(uint32_t seen)
{
	uint64_t t;
	uint32_t pending;

	bhv_snapshot(BH_VEC_TICK, &t, &pending);
	uint64_t due = bhv_ticks_due(t, bh_vstate->tick_period_ns);
	BHT_CHECK(delivered + pending == due, "window %u: %llu ticks delivered + %u pending, %llu due",
		  seen, delivered, pending, due);
}

static void check_start(uint32_t seen, uint64_t first, uint64_t major)
{
	static uint64_t last_tsc;
	uint64_t tsc = bht_rdtsc();
	uint64_t want = first + (seen - 1) * major, got = bh_vstate->window_start_ns;

	BHT_EQ(bh_vstate->window_seq, seen);
	BHT_CHECK(got + seen >= want && got <= want + seen, "window %u starts at %llu, expected %llu",
		  seen, got, want);
	int64_t moved = (int64_t)(tsc - last_tsc) - (int64_t)major;
	if (seen >= 3)
		jitter_max = moved > jitter_max ? moved : -moved > jitter_max ? -moved : jitter_max;
	BHT_CHECK(seen < 3 || (moved < START_SLACK_NS && -moved < START_SLACK_NS),
		  "window %u started %lld ns off one major frame after the last", seen, moved);
	last_tsc = tsc;
}

/* Spin to the end of the window, counting iterations. */
static uint32_t run_window(uint32_t seen)
{
	uint32_t n = 0;

	while (bh_vstate->window_seq == seen)
		n++;
	return n;
}

static void note_budget(uint32_t seen, uint32_t n)
{
	if (seen < 2) /* the first window includes start-up */
		return;
	budget_min = n < budget_min ? n : budget_min;
	budget_max = n > budget_max ? n : budget_max;
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_window_info wi;

	(void)cond;
	(void)id;
	bht_init("virq_victim");
	if (!bh_vstate->tick_period_ns)
		bht_error("no virtual tick configured");
	bhv_register();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	bh_window_info(&wi);
	uint64_t first = bh_vstate->window_start_ns;
	for (uint32_t seen = 1; seen <= VICTIM_WINDOWS; seen++) {
		check_start(seen, first, wi.major_frame_ns);
		check_ticks(seen);
		note_budget(seen, run_window(seen));
	}
	bh_printf("window budget %u..%u iterations, start jitter %lld ns\n", budget_min, budget_max,
		  jitter_max);
	BHT_CHECK(budget_max - budget_min <= BUDGET_SLACK,
		  "window budget varies from %u to %u iterations", budget_min, budget_max);
	bht_finish(false);
	for (;;) /* keep taking ticks and using the processor */
		;
}
