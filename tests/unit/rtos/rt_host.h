/* Shared by the executive's host unit tests: the fake port and helpers. */
#ifndef RT_HOST_H
#define RT_HOST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rt_internal.h"

struct host_port {
	uint32_t enabled; /* the fake virtual interrupt flag */
	uint32_t inits, disables, switches, switch_with_irq_on, thread_inits;
	struct rt_ctx *last_from, *last_to;
};

extern struct host_port host;

#define HOST_STACK 2048u
#define HOST_MAX_THREADS 8u

/* Fresh executive with n threads of the given priorities, not started. */
void host_setup(uint32_t slice);
struct rt_thread *host_thread(const char *name, uint32_t prio);
/* Start: the highest-priority thread becomes current. */
void host_start(void);
/* Play an ISR: announce n ticks, then what the port's exit hook decides. */
void host_tick(uint32_t n);
void host_isr_begin(void);
void host_isr_end(void);

#endif /* RT_HOST_H */
