/*
 * The ARINC 653 cyclic scheduler and kernel time. A major frame of windows
 * repeats forever; each window belongs to one partition. Time advances only
 * in whole kernel ticks; window boundaries fall exactly on ticks.
 */
#ifndef BH_SCHED_H
#define BH_SCHED_H

#include <bh/arch.h>
#include <bh/types.h>

struct partition;
struct arch_regs;

/* A number of ticks as exact time: whole ns plus a remainder (1/hz ns). */
struct time_span {
	uint64_t ns;
	uint32_t rem;
};

/*
 * The schedule as the tick uses it, computed once (sched_init): each
 * window's partition, where it starts and ends in the frame, and its length
 * as exact time, so that a window start divides nothing. One more entry
 * after the last window (p NULL) starts at the frame's end: the tick then
 * waits for that. An architecture's window-start fast path reads it too
 * (x86: tick.S, offsets in arch/tick.h).
 */
struct sched_window {
	struct partition *p;
	uint32_t start, end;
	struct time_span len;
};
extern struct sched_window sched_windows[];

struct sched {
	uint64_t now;	      /* kernel ticks since boot */
	uint64_t now_ns;      /* time of the last tick */
	uint32_t frac;	      /* fractional ns accumulator (units of 1/period_den) */
	uint32_t frame_pos;   /* ticks into the current major frame */
	uint32_t frame_seq;   /* major frames completed */
	uint32_t win;	      /* index of the current or next window */
	uint32_t next_pos;    /* frame_pos of the next window end or start, or frame end */
	bool in_window;	      /* frame_pos lies inside windows[win] */
	bool dirty;	      /* something may change what runs or what is delivered */
	bool boundary;	      /* this tick started or ended a window */
	struct partition *current; /* owner of the active window, or NULL */
	struct partition *running; /* whose context is on the CPU, or NULL (idle) */
	uint64_t window_start_ns;
	uint64_t window_end_ns;
	uint64_t idle_ticks;
};

extern struct sched bh_sched;

void sched_init(void);
/* Advance one tick; switches windows on boundaries. */
void sched_tick(void);
/* What to resume after a trap: the running partition's context or idle. */
ARCH_ENTRY struct arch_regs *sched_resume_slow(struct arch_regs *interrupted);

static inline struct arch_regs *sched_resume(struct arch_regs *interrupted)
{
	extern struct sched bh_sched;

	if (BH_LIKELY(!bh_sched.dirty))
		return interrupted;
	return sched_resume_slow(interrupted);
}
/* Note that p's runnability or deliverable vectors may have changed. */
static inline void sched_kick(void)
{
	bh_sched.dirty = true;
}


/* Called when a partition is (re)started: its window (if it is inside it)
 * and its clock in the vCPU page. */
void sched_partition_reset(struct partition *p);

/* Learn the timer period; before anything converts ticks to time. */
void time_init(void);
/* Sample the trap-free clock's base for the current tick (at boot;
 * time_advance() at each tick); time_clock_publish() writes the clock into
 * a vCPU page at a (re)start (a tick or a window start writes the kernel
 * time and the clock's base: sched.c). */
void time_clock_sample(void);
struct bh_vcpu_state;
void time_clock_publish(struct bh_vcpu_state *vc);
/* The kernel tick is exactly `clocks` periods of a `hz` clock. */
void time_timer_clock(uint32_t *clocks, uint32_t *hz);
void time_span_of(uint64_t ticks, struct time_span *out);
uint64_t time_now_ns(void);
uint64_t time_ticks_to_ns(uint64_t ticks);
uint64_t time_major_frame_ns(void);

/*
 * The kernel tick (time.c; set by time_init()): its length, whole ns plus
 * a remainder in 1/hz ns, and the cycle counter read as the current tick
 * was taken, the base of the partitions' clock. Inline below: the tick
 * and the window start use them.
 */
struct time_tick {
	uint64_t ns;
	uint32_t rem, hz;
	uint64_t tsc;
};
extern struct time_tick bh_tick;

/* One tick passed: advance bh_sched.now and now_ns exactly and sample the
 * clock's base (sched_tick). */
static inline void time_advance(void)
{
	uint64_t ns = bh_sched.now_ns + bh_tick.ns;
	uint32_t frac = bh_sched.frac + bh_tick.rem;

	bh_tick.tsc = arch_clock_counter();
	bh_sched.now++;
	if (frac >= bh_tick.hz) {
		frac -= bh_tick.hz;
		ns++;
	}
	bh_sched.now_ns = ns;
	bh_sched.frac = frac;
}

/* The time `span` after the current tick, without dividing. */
static inline uint64_t time_after_now(const struct time_span *span)
{
	return bh_sched.now_ns + span->ns + (bh_sched.frac + span->rem >= bh_tick.hz ? 1u : 0u);
}

#endif /* BH_SCHED_H */
