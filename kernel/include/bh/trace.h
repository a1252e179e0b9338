/*
 * The kernel trace (docs/trace.md): a fixed-size ring of 16-byte records
 * (common/trace_format.h) in kernel memory, sized and enabled per system by
 * the configuration's `trace` statement, written out once at the end of the
 * run to the debug console port.
 *
 * Each hook below is one line where its event happens. In a kernel built
 * without BH_TRACE every hook is a macro that drops its arguments unseen,
 * so the code around it compiles exactly as if the line were not there; the
 * build links the BH_TRACE=1 objects only into systems whose configuration
 * turns the trace on. With it, a hook costs a class test and, if the class
 * is recorded, a time-stamp read and four stores (overwrite-oldest: no test
 * for a full ring; `written` counts every event).
 */
#ifndef BH_TRACE_H
#define BH_TRACE_H

#include <bh/types.h>
#include <trace_format.h>

#ifdef BH_TRACE

#include <arch/clock.h>
#include <bh/partition.h>

struct trace_state {
	uint32_t classes;	 /* BH_TRACE_C_* recorded; 0 when off */
	uint32_t mask;		 /* ring records - 1 */
	uint32_t *ring;		 /* 4 words per record */
	uint64_t written;	 /* events recorded since boot */
	uint64_t tsc_zero;	 /* clock when the timer started */
	uint64_t tsc_hz;	 /* measured at boot */
	uint64_t first_tick;	 /* the first kernel tick sampled, 0: none yet */
	uint64_t first_tick_tsc; /* the clock at it */
	uint64_t last_tick_tsc;	 /* the clock at the latest tick */
	uint64_t last_tick_ns;	 /* kernel time then, as BH_HC_TIME_GET reads it */
	bool dumped;
};

extern struct trace_state bh_trace;

/* Boot: take the ring from the configuration, measure the clock (before
 * the timer starts); then note kernel time 0 (right after it starts). */
void trace_init(void);
void trace_time_zero(void);
/* At each kernel tick, whatever the classes: for the clock's rate and zero. */
void trace_tick_clock(void);
/* Write the dump to the debug console (once; at the end or on a panic). */
void trace_dump(unsigned exit_code);
/* p's pending arrivals are being dropped (its interrupt state is reset). */
void trace_virq_reset(const struct partition *p);

/* One record: type, partition and a in one word, as the format lays them out. */
static inline __attribute__((always_inline)) void
trace_put(uint32_t cls, uint32_t type, uint32_t part, uint32_t a, uint32_t b)
{
	if (!(bh_trace.classes & cls))
		return;
	uint64_t t = arch_clock();
	uint32_t *r = bh_trace.ring + ((uint32_t)bh_trace.written & bh_trace.mask) * 4u;

	bh_trace.written++;
	r[0] = (uint32_t)t;
	r[1] = (uint32_t)(t >> 32);
	r[2] = type | part << 8 | a << 16;
	r[3] = b;
}

static inline uint32_t trace_id(const struct partition *p)
{
	return p ? p->id : BH_TRACE_KERNEL;
}

#define TRACE_HOOK static inline __attribute__((always_inline)) void

/* The hooks, one per event. Partition arguments may be NULL (none/idle). */
TRACE_HOOK trace_tick(const struct partition *running, uint64_t tick)
{
	trace_put(BH_TRACE_C_TICK, BH_TRACE_TICK, trace_id(running), 0, (uint32_t)tick);
}

TRACE_HOOK trace_window(uint32_t type, const struct partition *p, uint32_t a, uint64_t tick)
{
	trace_put(BH_TRACE_C_SCHED, type, trace_id(p), a, (uint32_t)tick);
}

TRACE_HOOK trace_switch(const struct partition *next)
{
	trace_put(BH_TRACE_C_SCHED, BH_TRACE_SWITCH, trace_id(next), 0, 0);
}

TRACE_HOOK trace_irq(const struct partition *owner, uint32_t line)
{
	trace_put(BH_TRACE_C_IRQ, BH_TRACE_IRQ, trace_id(owner), line, 0);
}

TRACE_HOOK trace_virq(uint32_t type, const struct partition *p, uint32_t v, uint32_t n)
{
	trace_put(BH_TRACE_C_VIRQ, type, trace_id(p), v, n);
}

/*
 * An arrival of n at vector v, now pending with `count`; and, if p cannot
 * take it now (outside its window, virtual interrupts disabled, vector
 * masked: rule 4), a pending record.
 */
TRACE_HOOK trace_virq_raise(const struct partition *p, uint32_t v, uint32_t n, uint32_t count,
			    bool in_window)
{
	trace_put(BH_TRACE_C_VIRQ, BH_TRACE_VIRQ_RAISE, p->id, v, n);
	if (!in_window || !p->vcpu->enabled || bh_bit_test(p->vcpu->mask, v))
		trace_put(BH_TRACE_C_VIRQ, BH_TRACE_VIRQ_PENDING, p->id, v, count);
}

/* Vector v's pending arrivals, if any, are dropped (the line is unbound). */
TRACE_HOOK trace_virq_discard(const struct partition *p, uint32_t v)
{
	if (bh_bit_test((const uint32_t *)p->vstate->pending, v))
		trace_put(BH_TRACE_C_VIRQ, BH_TRACE_VIRQ_DISCARD, p->id, v, p->vstate->count[v]);
}

TRACE_HOOK trace_hc_entry(const struct partition *p, uint32_t nr, uint32_t arg0)
{
	trace_put(BH_TRACE_C_HYPERCALL, BH_TRACE_HC_ENTRY, trace_id(p), nr, arg0);
}

TRACE_HOOK trace_hc_exit(const struct partition *p, uint32_t nr, int32_t ret)
{
	trace_put(BH_TRACE_C_HYPERCALL, BH_TRACE_HC_EXIT, trace_id(p), nr, (uint32_t)ret);
}

TRACE_HOOK trace_hm(const struct partition *p, uint32_t event, uint32_t action, uint32_t pc)
{
	trace_put(BH_TRACE_C_HM, BH_TRACE_HM_EVENT, trace_id(p), event | action << 8, pc);
}

TRACE_HOOK trace_mode(const struct partition *p, uint32_t mode, uint32_t condition)
{
	trace_put(BH_TRACE_C_PARTITION, BH_TRACE_MODE, trace_id(p), mode, condition);
}

TRACE_HOOK trace_restart(const struct partition *p, bool cold, uint32_t condition)
{
	trace_put(BH_TRACE_C_PARTITION, BH_TRACE_RESTART, trace_id(p), cold, condition);
}

/* An ARINC 653 port message: p wrote len bytes to port `port`. */
TRACE_HOOK trace_port_msg(const struct partition *p, uint32_t port, uint32_t len)
{
	trace_put(BH_TRACE_C_PORT, BH_TRACE_PORT_MSG, trace_id(p), port, len);
}

/* p read (sampling) or received (queuing) a message of len bytes at `port`. */
TRACE_HOOK trace_port_recv(const struct partition *p, uint32_t port, uint32_t len)
{
	trace_put(BH_TRACE_C_PORT, BH_TRACE_PORT_RECV, trace_id(p), port, len);
}

#else /* !BH_TRACE */

#define trace_init() ((void)0)
#define trace_time_zero() ((void)0)
#define trace_tick_clock() ((void)0)
#define trace_dump(...) ((void)0)
#define trace_virq_reset(...) ((void)0)
#define trace_tick(...) ((void)0)
#define trace_window(...) ((void)0)
#define trace_switch(...) ((void)0)
#define trace_irq(...) ((void)0)
#define trace_virq(...) ((void)0)
#define trace_virq_raise(...) ((void)0)
#define trace_virq_discard(...) ((void)0)
#define trace_hc_entry(...) ((void)0)
#define trace_hc_exit(...) ((void)0)
#define trace_hm(...) ((void)0)
#define trace_mode(...) ((void)0)
#define trace_restart(...) ((void)0)
/* These two see their arguments: port_msg_put()/get() take p and id for them only. */
#define trace_port_msg(p, port, len) ((void)(p), (void)(port), (void)(len))
#define trace_port_recv(p, port, len) ((void)(p), (void)(port), (void)(len))

#endif /* BH_TRACE */

#endif /* BH_TRACE_H */
