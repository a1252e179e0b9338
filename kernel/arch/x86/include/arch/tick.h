/*
 * What the window-start tick's fast path (tick.S) reads and writes, as
 * offsets: the core's scheduler state (struct sched, struct time_tick,
 * struct sched_window: bh/sched.h), a partition's fields (bh/partition.h)
 * and its vCPU state page (abi.h). tick.c checks every one against the C
 * structures.
 */
#ifndef ARCH_X86_TICK_H
#define ARCH_X86_TICK_H

/*
 * The fast path exists in kernels without the trace (whose hooks are C's)
 * and without the interrupts-off stamps of the holdoff benchmark: those
 * take every tick through core_timer_tick().
 */
#if !defined(BH_TRACE) && !BH_HOLDOFF
#define X86_TICK_FAST 1
#else
#define X86_TICK_FAST 0
#endif

/* struct sched (bh_sched) */
#define S_NOW 0			/* uint64_t now */
#define S_NOW_NS 8		/* uint64_t now_ns */
#define S_FRAC 16
#define S_FRAME_POS 20
#define S_FRAME_SEQ 24
#define S_WIN 28
#define S_NEXT_POS 32
#define S_FLAGS 36		/* bool in_window, dirty, boundary; a pad byte */
#define S_DIRTY 37
#define S_CURRENT 40
#define S_RUNNING 44
#define S_WINDOW_START_NS 48
#define S_WINDOW_END_NS 56
#define S_IDLE_TICKS 64
/* in_window = 1, dirty = 0, boundary = 1 (and the pad byte 0), one store */
#define S_FLAGS_WINDOW_START 0x00010001

/* struct time_tick (bh_tick) */
#define T_NS 0			/* uint64_t ns */
#define T_REM 8
#define T_HZ 12
#define T_TSC 16		/* uint64_t tsc */

/* struct sched_window (sched_windows[]) */
#define W_P 0
#define W_START 4
#define W_END 8
#define W_LEN_NS 12		/* uint64_t len.ns */
#define W_LEN_REM 20
#define W_SIZE 24

/* struct partition */
#define P_REGS 16		/* ctx.regs: the frame to resume */
#define P_VCPU 660
#define P_VSTATE 664
#define P_MODE 672
#define P_WAIT 684
#define P_LOAD_ACTIVE 688	/* bool load.active */
#define P_TICK_STEP 768		/* virq.tick_step */
#define P_TIMER_DEADLINE 776	/* uint64_t virq.timer_deadline_ns */
#define P_WINDOW_SEQ 788
#define P_WINDOWS_TOTAL 792
#define P_TICKS_RUN 796		/* uint64_t */
#define P_MODE_IDLE 0		/* BH_MODE_IDLE */
#define P_WAIT_RUN 0		/* PART_RUN */

/* struct bh_vcpu_state (abi.h) */
#define V_TIME_NS 264
#define V_WINDOW_START_NS 272
#define V_WINDOW_END_NS 280
#define V_WINDOW_SEQ 288
#define V_WINDOW_INDEX 292
#define V_FRAME_SEQ 296
#define V_CLOCK_SEQ 312
#define V_CLOCK_BASE_TSC 328
#define V_CLOCK_BASE_NS 336
#define V_CLOCK_LIMIT_NS 344

#endif /* ARCH_X86_TICK_H */
