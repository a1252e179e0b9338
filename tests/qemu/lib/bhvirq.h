/*
 * Helpers for in-QEMU tests of the virtual interrupt layer: an upcall log
 * (what was delivered, in which order, how many times, at which point), a
 * consistent snapshot of the virtual clock, and a tiny PRNG. Handlers run
 * with virtual interrupts disabled, so they may log without locking.
 */
#ifndef BHVIRQ_H
#define BHVIRQ_H

#include <bhtest.h>

/* One delivered upcall, as the handler saw it. */
struct bhv_event {
	uint32_t vector, count;
	uint32_t marker;	 /* the test's progress marker when it ran */
	uint32_t frame;		 /* address of the upcall frame */
	uint32_t eip, esp;	 /* interrupted point, from the frame */
	uint32_t enabled;	 /* saved virtual flag, from the frame */
	uint32_t vcpu_enabled;	 /* vCPU `enabled` inside the handler */
	uint64_t time_ns;	 /* vCPU time_ns inside the handler */
};

#define BHV_LOG_MAX 64u

/* The progress marker the log records (tests set it as they go). */
extern volatile uint32_t bhv_marker;

void bhv_log_reset(void);
/* Record f; entries past BHV_LOG_MAX are counted but not kept. */
void bhv_log_add(const struct bh_upcall_frame *f);
uint32_t bhv_log_len(void);
const struct bhv_event *bhv_log_get(uint32_t i);
/* A handler that only records. */
void bhv_log_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);
/* Print the log in full (to explain a failure), or as one line of
 * vector(xcount) in delivery order. */
void bhv_log_dump(const char *what);
void bhv_log_print(const char *what);
/* Check the log holds exactly these vectors, in this order (n <= 8). */
void bhv_expect_vectors(const char *what, const uint32_t *want, uint32_t n);

/*
 * time_ns and count[v] read together: the kernel updates both in one
 * kernel entry, so a read bracketed by equal times is consistent.
 */
void bhv_snapshot(uint32_t v, uint64_t *time_ns, uint32_t *count);

/*
 * Virtual ticks raised since boot for a partition started at boot with a
 * tick: tick k falls on kernel tick k x period, and the vCPU's time and
 * period are exact floors, so time / period is the exact count.
 */
uint64_t bhv_ticks_due(uint64_t time_ns, uint32_t period_ns);

/* Spin until the vCPU's time has moved `n` kernel ticks on. */
void bhv_wait_ticks(uint32_t n);

/* Handler stack the tests register (aligned, known bounds). */
#define BHV_STACK_SIZE 8192u
extern uint8_t bhv_stack[BHV_STACK_SIZE];
/* Register bh_upcall_entry with bhv_stack; error result on failure. */
void bhv_register(void);

/* xorshift32: state must not be zero. */
static inline uint32_t bhv_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Code segment privilege of the caller: 3 in a partition. */
static inline uint32_t bhv_cpl(void)
{
	uint32_t cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs & 3u;
}

static inline uint32_t bhv_esp(void)
{
	uint32_t sp;

	__asm__ volatile("mov %%esp, %0" : "=r"(sp));
	return sp;
}

#endif /* BHVIRQ_H */
