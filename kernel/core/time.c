/*
 * Kernel time. The timer ticks every `clocks` cycles of an `hz` clock; a
 * tick is therefore clocks*1e9/hz ns, not a whole number in general. Time
 * is kept exactly: whole nanoseconds plus a remainder in units of 1/hz ns.
 */
#include <bh/arch.h>
#include <bh/config.h>
#include <bh/sched.h>

static uint32_t clocks;
struct time_tick bh_tick;
static uint64_t last_reported;
static uint32_t clock_mult, clock_shift;

void time_init(void)
{
	arch_timer_period(&clocks, &bh_tick.hz);
	last_reported = 0; /* time starts at boot (host tests boot many times) */
	uint64_t total = (uint64_t)clocks * 1000000000u;
	bh_tick.ns = total / bh_tick.hz;
	bh_tick.rem = (uint32_t)(total % bh_tick.hz);
	arch_clock_calibrate(&clock_mult, &clock_shift);
	time_clock_sample();
}

/*
 * The trap-free clock's base (ABI struct bh_vclock): the tick's own time,
 * which is exact (now_ns), and the cycle counter read as the tick is taken
 * (bh_tick.tsc, time_advance()). No timer is read and nothing divided (the
 * PIT's interpolation cost three port accesses and a division per tick,
 * and under-read by up to a PIT period, 838 ns, anyway): the counter is
 * read a little after the tick fired, so the clock lags kernel time by the
 * tick's entry latency and never runs ahead of it. Every publication
 * during the tick (the current partition's, a window start's, a
 * restart's) uses that pair.
 */
void time_clock_sample(void)
{
	bh_tick.tsc = arch_clock_counter();
}

/* At a (re)start: the clock whole, the counter's rate too (a tick or a
 * window start writes only the base: sched.c). */
void time_clock_publish(struct bh_vcpu_state *vc)
{
	struct bh_vclock *c = &vc->clock;
	uint32_t seq = c->seq | 1u; /* odd: being rewritten */

	c->seq = seq; /* every field is volatile: the stores stay in this order */
	c->mult = clock_mult;
	c->shift = clock_shift;
	c->base_tsc = bh_tick.tsc;
	c->base_ns = bh_sched.now_ns;
	c->limit_ns = bh_sched.now_ns + bh_tick.ns;
	c->seq = seq + 1u;
}

void time_timer_clock(uint32_t *clocks_out, uint32_t *hz_out)
{
	*clocks_out = clocks;
	*hz_out = bh_tick.hz;
}

uint64_t time_ticks_to_ns(uint64_t ticks)
{
	uint64_t cyc = ticks * clocks;

	return (cyc / bh_tick.hz) * 1000000000u + ((cyc % bh_tick.hz) * 1000000000u) / bh_tick.hz;
}

void time_span_of(uint64_t ticks, struct time_span *out)
{
	uint64_t cyc = ticks * clocks;

	/* ticks * clocks * 1e9 / bh_tick.hz, split so that nothing overflows */
	out->ns = (cyc / bh_tick.hz) * 1000000000u + ((cyc % bh_tick.hz) * 1000000000u) / bh_tick.hz;
	out->rem = (uint32_t)(((cyc % bh_tick.hz) * 1000000000u) % bh_tick.hz);
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
