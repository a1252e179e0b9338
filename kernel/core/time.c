/*
 * Kernel time. The timer ticks every `clocks` cycles of an `hz` clock; a
 * tick is therefore clocks*1e9/hz ns, not a whole number in general. Time
 * is kept exactly: whole nanoseconds plus a remainder in units of 1/hz ns.
 */
#include <bh/arch.h>
#include <bh/config.h>
#include <bh/sched.h>

static uint32_t clocks, hz;
static uint64_t tick_ns_whole;
static uint32_t tick_ns_rem; /* in 1/hz ns */
static uint64_t last_reported;
static uint32_t clock_mult, clock_shift;

void time_init(void)
{
	arch_timer_period(&clocks, &hz);
	last_reported = 0; /* time starts at boot (host tests boot many times) */
	uint64_t total = (uint64_t)clocks * 1000000000u;
	tick_ns_whole = total / hz;
	tick_ns_rem = (uint32_t)(total % hz);
	arch_clock_calibrate(&clock_mult, &clock_shift);
	time_clock_sample();
}

/*
 * The trap-free clock's base (ABI struct bh_vclock) is one pair per tick,
 * sampled together: the cycle counter and the timer-interpolated kernel
 * time (as BH_HC_TIME_GET reads it), so that the interrupt's entry latency
 * does not offset the clock. Every publication during the tick (the
 * current partition's, a window start's, a restart's) copies it: a window
 * start or a restart reads no timer and divides nothing.
 */
static struct {
	uint64_t tsc, ns, limit;
} tick_base;

void time_clock_sample(void)
{
	uint64_t limit = bh_sched.now_ns + tick_ns_whole; /* <= the next tick's time */
	uint64_t ns = bh_sched.now_ns + arch_timer_elapsed_ns();

	tick_base.tsc = arch_clock_counter();
	tick_base.ns = ns < limit ? ns : limit;
	tick_base.limit = limit;
}

void time_clock_publish(struct bh_vcpu_state *vc)
{
	struct bh_vclock *c = &vc->clock;
	uint32_t seq = c->seq | 1u; /* odd: being rewritten */

	c->seq = seq; /* every field is volatile: the stores stay in this order */
	c->mult = clock_mult;
	c->shift = clock_shift;
	c->base_tsc = tick_base.tsc;
	c->base_ns = tick_base.ns;
	c->limit_ns = tick_base.limit;
	c->seq = seq + 1u;
}

void time_timer_clock(uint32_t *clocks_out, uint32_t *hz_out)
{
	*clocks_out = clocks;
	*hz_out = hz;
}

/* One tick passed: advance now and now_ns exactly. */
void time_advance(void)
{
	bh_sched.now++;
	bh_sched.now_ns += tick_ns_whole;
	bh_sched.frac += tick_ns_rem;
	if (bh_sched.frac >= hz) {
		bh_sched.frac -= hz;
		bh_sched.now_ns++;
	}
}

uint64_t time_ticks_to_ns(uint64_t ticks)
{
	uint64_t cyc = ticks * clocks;

	return (cyc / hz) * 1000000000u + ((cyc % hz) * 1000000000u) / hz;
}

void time_span_of(uint64_t ticks, struct time_span *out)
{
	uint64_t cyc = ticks * clocks;

	/* ticks * clocks * 1e9 / hz, split so that nothing overflows */
	out->ns = (cyc / hz) * 1000000000u + ((cyc % hz) * 1000000000u) / hz;
	out->rem = (uint32_t)(((cyc % hz) * 1000000000u) % hz);
}

uint64_t time_after_now(const struct time_span *span)
{
	return bh_sched.now_ns + span->ns + (bh_sched.frac + span->rem >= hz ? 1u : 0u);
}

uint64_t time_major_frame_ns(void)
{
	return time_ticks_to_ns(bh_cfg.major_frame);
}

/* Monotonic nanoseconds, between ticks too. */
uint64_t time_now_ns(void)
{
	uint64_t t = bh_sched.now_ns + arch_timer_elapsed_ns();

	if (t < last_reported)
		t = last_reported; /* the counter wrapped before its tick was taken */
	last_reported = t;
	return t;
}
