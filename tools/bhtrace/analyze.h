/*
 * Internals of bht_analyze(), shared by analyze.c (records in order,
 * windows and runs), analyze_virq.c (interrupts, upcalls) and
 * analyze_misc.c (hypercalls and marks).
 */
#ifndef BHTRACE_ANALYZE_H
#define BHTRACE_ANALYZE_H

#include <bulkhead/abi.h>

#include "bhtrace.h"

#define AN_VECTORS 96u	   /* interrupt and trap vectors */
#define AN_NEST_MAX 64u	   /* upcall nesting tracked per partition */
#define AN_NONE ((size_t)-1)
#define AN_UNKNOWN 0x100u  /* who runs, before the first switch */

struct an_state {
	struct bht_model *m;
	const struct bht_trace *t;
	uint32_t running; /* partition, BH_TRACE_KERNEL (idle) or AN_UNKNOWN */
	int64_t run_since;
	size_t caps[8];	  /* capacities of the model's arrays */
	size_t *pend_head; /* [part * AN_VECTORS + v]: oldest outstanding arrival */
	size_t *pend_tail;
	size_t *irq_next;  /* per arrival: the next outstanding one of its vector */
	size_t next_cap;
	int64_t line_t[BH_NR_IRQ_LINES];
	bool line_fresh[BH_NR_IRQ_LINES];
	size_t *ustack;	  /* [part * AN_NEST_MAX] */
	uint32_t *udepth; /* [part] */
	size_t *open_hc;  /* [part] */
};

/* Grow *arr (of *n elements, capacity *cap) by one; NULL if out of memory. */
void *an_push(void *arrp, size_t *n, size_t *cap, size_t elem);
void an_problem(struct an_state *s, const struct bht_rec *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The window instance active at t (owner part, or any when part is
 * AN_UNKNOWN), or NULL. */
struct bht_window *an_window_at(const struct bht_model *m, int64_t t, uint32_t part);

int an_virq(struct an_state *s, const struct bht_rec *r);
void an_virq_finish(struct an_state *s);
void an_virq_restart(struct an_state *s, uint32_t part, int64_t t);
int an_misc(struct an_state *s, const struct bht_rec *r);

#endif /* BHTRACE_ANALYZE_H */
