/*
 * Kernel-side time sources of virtual interrupts: the periodic virtual tick
 * and the one-shot timer. Both are raised for the window owner on kernel
 * ticks; a partition's ticks that fell outside its windows are counted when
 * its next window starts (one arrival with count = ticks missed).
 *
 * The virtual tick keeps exact time. A partition configured for `tick_hz`
 * has its k-th tick due at exactly k / tick_hz seconds after its (re)start,
 * and each is raised at the first kernel tick at or after that instant. The
 * kernel tick lasts clocks / timer_hz seconds (the PIT: a whole number of
 * 1193182 Hz periods, 999847 ns for "1ms"), so in units of
 * 1 / (timer_hz * tick_hz) s a kernel tick is clocks * tick_hz and a virtual
 * tick timer_hz: tick_acc adds the former at every kernel tick and each
 * whole latter in it is one tick due. No error accumulates, whatever the
 * run length: after m kernel ticks exactly floor(m * clocks * tick_hz /
 * timer_hz) ticks have been raised. A single tick is late by less than one
 * kernel tick period (never early). Configurations given in kernel ticks
 * only (tick_hz 0, the host tests' fixtures) count tick_period kernel ticks
 * per virtual tick.
 */
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/virq.h>

void virq_tick_reset(struct partition *p)
{
	struct virq *q = &p->virq;
	uint32_t clocks, timer_hz;

	q->tick_last = bh_sched.now;
	q->tick_acc = 0;
	if (p->cfg->tick_hz) {
		time_timer_clock(&clocks, &timer_hz);
		/* clocks < 2^16 and tick_hz <= the kernel tick rate (bhcfg,
		 * cfg_check): the product fits 32 bits */
		q->tick_step = clocks * p->cfg->tick_hz;
		q->tick_unit = timer_hz;
	} else {
		q->tick_step = p->cfg->tick_period ? 1u : 0u;
		q->tick_unit = p->cfg->tick_period;
	}
}

/*
 * The ticks due over a gap of 2^32 kernel ticks or more (over 49 days at
 * 1 ms), or whose sum does not fit 32 bits: out of line (tick_due()).
 */
static __attribute__((noinline)) uint32_t tick_catch_up(struct virq *q)
{
	uint64_t gap = bh_sched.now - q->tick_last, acc;

	q->tick_last = bh_sched.now;
	if (gap > UINT32_MAX)
		gap = UINT32_MAX; /* saturate */
	acc = q->tick_acc + gap * q->tick_step;
	q->tick_acc = (uint32_t)(acc % q->tick_unit);
	acc /= q->tick_unit;
	return acc > UINT32_MAX ? UINT32_MAX : (uint32_t)acc;
}

/*
 * Virtual ticks that became due between tick_last and the current kernel
 * tick. Every tick of a window adds one step: a subtraction, no division.
 * A window start after a gap (or a step of more than one unit) divides
 * once, 32 bits, while the sum fits (gaps up to seconds).
 */
static inline uint32_t tick_due(struct virq *q)
{
	uint64_t gap = bh_sched.now - q->tick_last;

	if (BH_UNLIKELY(gap >> 32))
		return tick_catch_up(q);
	uint32_t g = (uint32_t)gap;
	if (!g)
		return 0; /* brought up to this tick already (a restart) */
	if (BH_LIKELY(g == 1)) { /* every tick in the window */
		uint32_t acc = q->tick_acc + q->tick_step; /* no overflow: virq_tick_reset */

		if (acc < q->tick_unit) {
			q->tick_last = bh_sched.now;
			q->tick_acc = acc;
			return 0;
		}
	}
	uint64_t acc = (uint64_t)g * q->tick_step + q->tick_acc;
	if (BH_UNLIKELY(acc >> 32))
		return tick_catch_up(q);
	uint32_t a = (uint32_t)acc;
	q->tick_last = bh_sched.now;
	q->tick_acc = a % q->tick_unit;
	return a / q->tick_unit;
}

/* The current tick's time from bh_sched: no 64-bit arguments to pass. */
ARCH_FASTCALL void virq_sources_update(struct partition *p)
{
	struct virq *q = &p->virq;

	if (q->tick_step) {
		uint32_t n = tick_due(q);
		if (n)
			virq_raise(p, BH_VEC_TICK, n);
	}
	if (q->timer_deadline_ns && bh_sched.now_ns >= q->timer_deadline_ns) {
		q->timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
}

int32_t virq_timer_set(struct partition *p, uint64_t deadline_ns)
{
	p->virq.timer_deadline_ns = deadline_ns;
	if (deadline_ns && deadline_ns <= bh_sched.now_ns) {
		p->virq.timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
	return BH_OK;
}
