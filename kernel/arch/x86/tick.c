/*
 * The window-start tick's fast path is tick.S; here, only the check that
 * the offsets it uses (arch/tick.h) are those of the C structures.
 */
#include <arch/tick.h>
#include <bh/partition.h>
#include <bh/sched.h>

#define OFF(type, field) __builtin_offsetof(type, field)

_Static_assert(OFF(struct sched, now) == S_NOW && OFF(struct sched, now_ns) == S_NOW_NS &&
		       OFF(struct sched, frac) == S_FRAC &&
		       OFF(struct sched, frame_pos) == S_FRAME_POS &&
		       OFF(struct sched, frame_seq) == S_FRAME_SEQ && OFF(struct sched, win) == S_WIN &&
		       OFF(struct sched, next_pos) == S_NEXT_POS &&
		       OFF(struct sched, in_window) == S_FLAGS && OFF(struct sched, dirty) == S_DIRTY &&
		       OFF(struct sched, boundary) == S_FLAGS + 2 &&
		       OFF(struct sched, current) == S_CURRENT && OFF(struct sched, running) == S_RUNNING &&
		       OFF(struct sched, window_start_ns) == S_WINDOW_START_NS &&
		       OFF(struct sched, window_end_ns) == S_WINDOW_END_NS &&
		       OFF(struct sched, idle_ticks) == S_IDLE_TICKS,
	       "tick.S: struct sched");
_Static_assert(sizeof(bool) == 1, "tick.S: one store sets in_window, dirty and boundary");
_Static_assert(OFF(struct time_tick, ns) == T_NS && OFF(struct time_tick, rem) == T_REM &&
		       OFF(struct time_tick, hz) == T_HZ && OFF(struct time_tick, tsc) == T_TSC,
	       "tick.S: struct time_tick");
_Static_assert(OFF(struct sched_window, p) == W_P && OFF(struct sched_window, start) == W_START &&
		       OFF(struct sched_window, end) == W_END &&
		       OFF(struct sched_window, len.ns) == W_LEN_NS &&
		       OFF(struct sched_window, len.rem) == W_LEN_REM &&
		       sizeof(struct sched_window) == W_SIZE,
	       "tick.S: struct sched_window");
_Static_assert(OFF(struct partition, ctx.regs) == P_REGS && OFF(struct partition, vcpu) == P_VCPU &&
		       OFF(struct partition, vstate) == P_VSTATE &&
		       OFF(struct partition, mode) == P_MODE && OFF(struct partition, wait) == P_WAIT &&
		       OFF(struct partition, load.active) == P_LOAD_ACTIVE &&
		       OFF(struct partition, virq.tick_step) == P_TICK_STEP &&
		       OFF(struct partition, virq.timer_deadline_ns) == P_TIMER_DEADLINE &&
		       OFF(struct partition, window_seq) == P_WINDOW_SEQ &&
		       OFF(struct partition, windows_total) == P_WINDOWS_TOTAL &&
		       OFF(struct partition, ticks_run) == P_TICKS_RUN &&
		       BH_MODE_IDLE == P_MODE_IDLE && PART_RUN == P_WAIT_RUN,
	       "tick.S: struct partition");
_Static_assert(OFF(struct bh_vcpu_state, time_ns) == V_TIME_NS &&
		       OFF(struct bh_vcpu_state, window_start_ns) == V_WINDOW_START_NS &&
		       OFF(struct bh_vcpu_state, window_end_ns) == V_WINDOW_END_NS &&
		       OFF(struct bh_vcpu_state, window_seq) == V_WINDOW_SEQ &&
		       OFF(struct bh_vcpu_state, window_index) == V_WINDOW_INDEX &&
		       OFF(struct bh_vcpu_state, frame_seq) == V_FRAME_SEQ &&
		       OFF(struct bh_vcpu_state, clock.seq) == V_CLOCK_SEQ &&
		       OFF(struct bh_vcpu_state, clock.base_tsc) == V_CLOCK_BASE_TSC &&
		       OFF(struct bh_vcpu_state, clock.base_ns) == V_CLOCK_BASE_NS &&
		       OFF(struct bh_vcpu_state, clock.limit_ns) == V_CLOCK_LIMIT_NS,
	       "tick.S: struct bh_vcpu_state");
