/*
 * The Bulkhead guest real-time executive ("rt"): what a partition uses.
 *
 *   - priority-preemptive threads, RT_NPRIO priorities (0 is the highest),
 *     round robin among equal priorities with a time slice in ticks;
 *   - a clock tick (the partition's virtual tick) driving delays and
 *     timeouts, exact in ticks across partition windows;
 *   - counting semaphores (rt_sem), binary semaphores with ownership and
 *     priority inheritance (rt_bsem), message queues (rt_queue);
 *   - interrupt service routines on virtual vectors; an ISR may post a
 *     semaphore or send to a queue (with RT_NOWAIT). A thread made ready
 *     by an ISR preempts at the return from that interrupt.
 *
 * Everything is statically allocated by the caller: the executive has no
 * heap. Critical sections are virtual-interrupt critical sections (the
 * RTEMS_PARAVIRT i386_* functions of the guest library). Threads must not
 * use the x87/SSE registers: they are not part of a thread's context.
 * docs/porting.md describes the design.
 */
#ifndef RTOS_RT_H
#define RTOS_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RT_NPRIO 32u	      /* thread priorities 0 (highest) .. 31 */
#define RT_PRIO_IDLE RT_NPRIO /* the idle thread's, below them all */
#define RT_FOREVER 0xFFFFFFFFu
#define RT_NOWAIT 0u
#define RT_STACK_MIN 1024u

#ifdef RT_HOST
#define RT_NORETURN /* host unit tests: the fake port returns */
#else
#define RT_NORETURN __attribute__((noreturn))
#endif

/* A thread stack: RT_STACK(name, bytes). */
#define RT_STACK(name, size) static uint8_t name[size] __attribute__((aligned(16)))

enum rt_status {
	RT_OK = 0,
	RT_ETIMEOUT = -1, /* the timeout expired first */
	RT_EAGAIN = -2,	  /* RT_NOWAIT and it would block, or a count is at its max */
	RT_EINVAL = -3,	  /* a bad argument */
	RT_EPERM = -4,	  /* not allowed here: in an ISR, idle, or not the owner */
	RT_EDEADLK = -5,  /* taking this binary semaphore would deadlock */
	RT_EBUSY = -6	  /* the vector already has an ISR */
};

enum rt_thread_state { RT_DORMANT = 0, RT_READY = 1, RT_BLOCKED = 2 };

/* What to do with a thread that faulted (a trap the config propagates). */
enum rt_fault_action { RT_FAULT_FATAL = 0, RT_FAULT_RESTART = 1, RT_FAULT_EXIT = 2 };

struct rt_node {
	struct rt_node *next, *prev;
};

/* A tick timer in the executive's delta list. */
struct rt_timer {
	struct rt_node node;
	uint32_t delta;	 /* ticks after the previous timer in the list */
	bool armed;
	uint64_t due;	 /* absolute tick it expires at */
	void (*fn)(struct rt_timer *t);
};

struct rt_ctx {
	uintptr_t sp; /* the port keeps the registers on the stack */
	uintptr_t tp; /* thread pointer (its __thread block), 0: none */
	/* The thread's x87/MMX/SSE registers and MXCSR (FXSAVE image), switched
	 * with the thread: every thread may use floating point. */
	uint8_t fpu[512] __attribute__((aligned(16)));
};

struct rt_bsem;

/* Threads blocked on one object, highest priority first, FIFO among equals. */
struct rt_waitq {
	struct rt_node head;
	struct rt_bsem *bsem; /* set for a binary semaphore: its owner inherits */
};

struct rt_thread {
	struct rt_ctx ctx;
	struct rt_node node;	    /* in a ready list or a wait queue */
	struct rt_timer timer;	    /* delays and timeouts */
	struct rt_waitq *waiting_on;
	struct rt_bsem *held;	    /* binary semaphores it owns */
	void *wait_data;	    /* message being sent or received */
	int32_t wait_result;
	uint8_t state;		    /* enum rt_thread_state */
	uint8_t base_prio;	    /* as created or set */
	uint8_t prio;		    /* effective: base or inherited */
	uint32_t slice_left;
	void (*entry)(void *arg);
	void *arg;
	uint8_t *stack;
	uint32_t stack_size;
	const char *name;
	uint32_t runs;		    /* times switched to */
	uint32_t restarts;	    /* after faults */
	struct rt_thread *next_thread;
};

struct rt_sem {
	struct rt_waitq wq;
	uint32_t count, max;
};

struct rt_bsem {
	struct rt_waitq wq;
	struct rt_thread *owner;
	uint32_t nest; /* the owner may take it again */
	struct rt_bsem *next_held;
};

struct rt_queue {
	struct rt_waitq recv_wq, send_wq;
	uint8_t *buf;
	uint32_t msg_size, capacity, count, head;
};

struct rt_fault {
	uint32_t trap;	/* CPU exception number */
	uint32_t eip, addr, error;
};

typedef enum rt_fault_action (*rt_fault_fn)(struct rt_thread *t, const struct rt_fault *f);

struct rt_config {
	uint32_t slice_ticks; /* round-robin time slice; 0: run until it blocks */
	rt_fault_fn on_fault; /* NULL: a faulting thread is fatal to the partition */
};

struct rt_stats {
	uint64_t ticks;		 /* clock ticks since rt_init */
	uint32_t switches;	 /* thread switches */
	uint32_t interrupts;	 /* ISRs run, ticks included */
	uint32_t tick_interrupts; /* tick upcalls (each may carry several ticks) */
	uint32_t faults;	 /* propagated traps handled */
};

/* ------------------------------------------------------------- threads */

void rt_init(const struct rt_config *cfg);
int rt_thread_create(struct rt_thread *t, const char *name, uint32_t prio,
		     void (*entry)(void *arg), void *arg, void *stack, uint32_t stack_size);
/* Run the threads; the caller's context becomes the idle thread. */
RT_NORETURN void rt_start(void);
RT_NORETURN void rt_thread_exit(void);
struct rt_thread *rt_self(void);
void rt_yield(void);
int rt_delay(uint32_t ticks);
/* Periodic release: *wake += period, then sleep until then. */
int rt_delay_until(uint64_t *wake, uint32_t period);
uint64_t rt_ticks(void);
int rt_thread_set_priority(struct rt_thread *t, uint32_t prio);
uint32_t rt_thread_priority(const struct rt_thread *t);
struct rt_thread *rt_thread_next(const struct rt_thread *t); /* NULL: the first */

/* ---------------------------------------------------------- semaphores */

/* Counting; max 1 gives a plain binary semaphore an ISR may post. */
int rt_sem_init(struct rt_sem *s, uint32_t initial, uint32_t max);
int rt_sem_wait(struct rt_sem *s, uint32_t timeout);
int rt_sem_post(struct rt_sem *s);
uint32_t rt_sem_count(const struct rt_sem *s);

/* Binary with ownership and priority inheritance; threads only. */
int rt_bsem_init(struct rt_bsem *m);
int rt_bsem_take(struct rt_bsem *m, uint32_t timeout);
int rt_bsem_give(struct rt_bsem *m);

/* -------------------------------------------------------------- queues */

/* buf holds capacity messages of msg_size bytes. */
int rt_queue_init(struct rt_queue *q, void *buf, uint32_t msg_size, uint32_t capacity);
int rt_queue_send(struct rt_queue *q, const void *msg, uint32_t timeout);
int rt_queue_recv(struct rt_queue *q, void *msg, uint32_t timeout);
uint32_t rt_queue_count(const struct rt_queue *q);

/* ---------------------------------------------------------- interrupts */

/* count = coalesced arrivals of the vector */
typedef void (*rt_isr_t)(void *arg, uint32_t count);
/* Virtual vector v (a line: BH_VEC_IRQ(n), bound on install). */
int rt_isr_install(uint32_t v, rt_isr_t isr, void *arg);
int rt_isr_remove(uint32_t v);
bool rt_in_isr(void);

void rt_stats_get(struct rt_stats *out);
/* Print the counters and one line per thread on the console. */
void rt_report(void);

#endif /* RTOS_RT_H */
