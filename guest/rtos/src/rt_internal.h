/*
 * Inside the executive: the kernel state, intrusive lists, and the
 * contract between the portable logic (guest/rtos/src, also built on the
 * host for unit tests) and a port (guest/rtos/port/<arch>, or the fake
 * port of tests/unit/rtos).
 *
 * Rules: every function here runs with interrupts disabled (the public
 * API enters a critical section first). The current thread stays in its
 * ready list while it runs; `heir` is the thread that should run, kept up
 * to date by every change to the ready lists; rt_dispatch() makes it run
 * unless an ISR is in progress, in which case the port does it at the
 * interrupt's return.
 */
#ifndef RTOS_RT_INTERNAL_H
#define RTOS_RT_INTERNAL_H

#include <rtos/rt.h>

#define RT_WAITING 1 /* wait_result while blocked: never returned */

struct rt_kernel {
	struct rt_thread *current; /* whose context is on the processor */
	struct rt_thread *heir;	   /* who should be */
	struct rt_node ready[RT_NPRIO];
	uint32_t ready_map;	   /* bit p: ready[p] is not empty */
	struct rt_thread idle;
	struct rt_node timers;	   /* delta list */
	uint64_t ticks;
	uint32_t isr_nest;
	uint32_t slice_ticks;
	bool started;
	rt_fault_fn on_fault;
	struct rt_thread *threads, *last_thread;
	uint32_t nthreads;
	struct rt_stats stats;
};

extern struct rt_kernel rt_k;

#define RT_CONTAINER(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* --------------------------------------------------- circular lists */

static inline void rt_list_init(struct rt_node *h)
{
	h->next = h->prev = h;
}

static inline bool rt_list_empty(const struct rt_node *h)
{
	return h->next == h;
}

static inline void rt_list_insert_before(struct rt_node *pos, struct rt_node *n)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void rt_list_remove(struct rt_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

/* ------------------------------------------------------ ready queue */

void rt_ready_init(void);
void rt_ready_insert(struct rt_thread *t);	/* at the tail of its priority */
void rt_ready_insert_head(struct rt_thread *t);
void rt_ready_remove(struct rt_thread *t);
void rt_ready_rotate(struct rt_thread *t);	/* to the tail, behind its equals */
struct rt_thread *rt_ready_first(void);		/* NULL when none is ready */

/* -------------------------------------------------------- scheduler */

void rt_sched_init(void);
void rt_sched_update_heir(void);
void rt_sched_start(void);
void rt_dispatch(void);
void rt_block(struct rt_thread *t, struct rt_waitq *wq, uint32_t timeout);
void rt_unblock(struct rt_thread *t, int32_t result);
void rt_tick_announce(uint32_t n);
/* May the calling context block? (a thread, not an ISR or idle) */
bool rt_can_block(void);

/* ------------------------------------------------- timers (delta list) */

void rt_timer_init(void);
void rt_timer_arm(struct rt_timer *tm, uint32_t ticks, void (*fn)(struct rt_timer *));
void rt_timer_cancel(struct rt_timer *tm);
void rt_timer_advance(uint32_t n);

/* --------------------------------------------------------- wait queues */

void rt_waitq_init(struct rt_waitq *wq, struct rt_bsem *bsem);
void rt_waitq_insert(struct rt_waitq *wq, struct rt_thread *t);
void rt_waitq_remove(struct rt_thread *t);
void rt_waitq_requeue(struct rt_thread *t); /* after its priority changed */
struct rt_thread *rt_waitq_first(const struct rt_waitq *wq);

/* ------------------------------------------------ priority inheritance */

void rt_prio_update(struct rt_thread *t);
void rt_bsem_release_all(struct rt_thread *t);

/* ------------------------------------------------------ threads */

void rt_thread_bootstrap(void);		/* a new thread's first C code */
RT_NORETURN void rt_thread_restart_self(void);
void rt_thread_exit_locked(void);

/* ------------------------------------------------------------ the port */

void rt_port_init(void);
/* Critical sections: rt_port_disable() returns the previous level,
 * rt_port_restore(level) puts it back, rt_port_enable() enables. Each port
 * gives them in its own rt_port_irq.h (inline, or functions), found on its
 * include path. */
#include <rt_port_irq.h>
/* Save callee-saved state on the current stack into from, load to's. */
void rt_port_switch(struct rt_ctx *from, struct rt_ctx *to);
/* Build t's first context: the switch to it enters rt_thread_bootstrap. */
void rt_port_thread_init(struct rt_thread *t);
/* i386 port: offer thread waits to the APEX library (apex_wait.c). */
void rt_apex_init(void);

#endif /* RTOS_RT_INTERNAL_H */
