/*
 * The ARINC 653 cyclic scheduler and kernel time. A major frame of windows
 * repeats forever; each window belongs to one partition. Time advances only
 * in whole kernel ticks; window boundaries fall exactly on ticks.
 */
#ifndef BH_SCHED_H
#define BH_SCHED_H

#include <bh/types.h>

struct partition;
struct arch_regs;

struct sched {
	uint64_t now;	      /* kernel ticks since boot */
	uint64_t now_ns;      /* time of the last tick */
	uint32_t frac;	      /* fractional ns accumulator (units of 1/period_den) */
	uint32_t frame_pos;   /* ticks into the current major frame */
	uint32_t frame_seq;   /* major frames completed */
	uint32_t win;	      /* index of the current or next window */
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
struct arch_regs *sched_resume_slow(struct arch_regs *interrupted);

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

/* A number of ticks as exact time: whole ns plus a remainder (1/hz ns). */
struct time_span {
	uint64_t ns;
	uint32_t rem;
};

/* Called when a partition is (re)started: its window (if it is inside it)
 * and its clock in the vCPU page. */
void sched_partition_reset(struct partition *p);

/* Learn the timer period; before anything converts ticks to time. */
void time_init(void);
/* Sample the trap-free clock's base for the current tick (each tick, at
 * boot); time_clock_publish() writes it into a vCPU page. */
void time_clock_sample(void);
struct bh_vcpu_state;
void time_clock_publish(struct bh_vcpu_state *vc);
/* The kernel tick is exactly `clocks` periods of a `hz` clock. */
void time_timer_clock(uint32_t *clocks, uint32_t *hz);
void time_span_of(uint64_t ticks, struct time_span *out);
/* The time `span` after the current tick, without dividing. */
uint64_t time_after_now(const struct time_span *span);
uint64_t time_now_ns(void);
/* One tick passed: advance bh_sched.now and now_ns exactly (sched_tick). */
void time_advance(void);
uint64_t time_ticks_to_ns(uint64_t ticks);
uint64_t time_major_frame_ns(void);

#endif /* BH_SCHED_H */
