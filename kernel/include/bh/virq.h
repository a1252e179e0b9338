/*
 * The virtual interrupt layer: per-partition state and the operations behind
 * the five rules (forward, disable/enable, mask/unmask, pending, deliver
 * pending). The pending bits and counts are the kernel's own, kept in the
 * partition's vCPU state page (struct bh_vcpu_state), which the guest can
 * read but not write. The guest-written page supplies `enabled`, `mask` and
 * the `summary` hint, read as untrusted input each time a decision depends
 * on them.
 *
 * By concept:
 *   virq.c         the state machine: arrivals, what is deliverable, delivery
 *   virq_upcall.c  upcall frames: registration, traps, the upcall return
 *   virq_line.c    physical lines as a source (owners, binding, the PIC)
 *   virq_src.c     the kernel's time sources (virtual tick, one-shot timer)
 * A new source (ARINC 653 ports, port.c) only calls virq_raise().
 */
#ifndef BH_VIRQ_H
#define BH_VIRQ_H

#include <bulkhead/abi.h>
#include <bh/types.h>

struct partition;
struct arch_regs;

struct virq {
	uint32_t in_service[2];		  /* delivered device lines not yet acked */
	uint32_t entry;			  /* upcall entry, 0: none registered */
	uint32_t stack_lo, stack_hi;	  /* registered interrupt stack */
	uint32_t stack_size;		  /* stack_hi - stack_lo */
	uint32_t bound_lines;		  /* physical lines bound by the guest */
	/* stack_size - sizeof(struct bh_upcall_frame) + 1, 0 with no stack: a
	 * frame at offset off of the stack lies inside it iff off < frame_room
	 * (the plain frame: what the return reads in either mode). */
	uint32_t frame_room;
	uint8_t *stack_kbase;		  /* kernel address of stack_lo */
	uint32_t top_frame_va;		  /* where a non-nested upcall frame goes */
	struct bh_upcall_frame *top_frame; /* the same, kernel address */
	uint32_t upcalls;		  /* upcalls delivered (statistics) */
	uint32_t arrivals;		  /* arrivals recorded (statistics) */
	uint32_t batch;			  /* BH_VIRQ_OPT_BATCH: batch upcalls */
	/* (the fields above are read by x86's entry.S: arch/entry.h) */
	/* The virtual tick: each kernel tick adds tick_step to tick_acc; every
	 * tick_unit in it is one virtual tick due (virq_src.c). */
	uint64_t tick_last;		  /* kernel tick tick_acc was brought up to */
	uint32_t tick_acc;		  /* < tick_unit */
	uint32_t tick_step;		  /* 0: no virtual tick */
	uint32_t tick_unit;
	uint64_t timer_deadline_ns;	  /* one-shot timer; 0: off */
	uint32_t fault_addr;		  /* last page fault propagated (%cr2) */
};

/* --------------------------------------------- the state machine (virq.c) */

/* Reset to power-on state (all masked, disabled, nothing pending). */
void virq_reset(struct partition *p);

/* BH_HC_VIRQ_RAISE: the partition's own arrival of vector v (< 64). */
int32_t virq_raise_own(struct partition *p, uint32_t v);

/* Record `n` arrivals of vector v (rule 4); never delivers by itself. */
void virq_raise(struct partition *p, uint32_t v, uint32_t n);

/* Lowest deliverable vector (enabled, pending, unmasked), or -1. */
int virq_deliverable(const struct partition *p);

/*
 * Deliver the highest-priority deliverable vector to p, whose saved context
 * is r (rule 1/5). Returns true if an upcall was set up. A delivery that
 * fails (bad stack) raises BH_HM_UPCALL_ERROR.
 */
bool virq_deliver(struct partition *p, struct arch_regs *r);

/* Set the summary hint to the truth (pending & ~mask), as of now. */
void virq_summary_refresh(struct partition *p);

/* Bytes of the frame an upcall writes: the batch part only in batch mode. */
static inline uint32_t virq_frame_size(const struct virq *q)
{
	return q->batch ? (uint32_t)sizeof(struct bh_upcall_frame_batch)
			: (uint32_t)sizeof(struct bh_upcall_frame);
}

static inline bool virq_is_line_vector(uint32_t v)
{
	return v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES;
}

/* ---------------------------------------- upcall frames (virq_upcall.c) */

/* Deliver CPU exception `exc` as a synchronous virtual trap. */
bool virq_trap(struct partition *p, struct arch_regs *r, uint32_t exc, uint32_t error,
	       uint32_t addr);

/* ------------------------------------------- physical lines (virq_line.c) */

/* Learn which partition owns which line (at boot, before any arrival). */
void virq_init(void);
/* Owner of each line, NULL: none. */
extern struct partition *virq_line_owner[BH_NR_IRQ_LINES];
/* Unmask `line` at the controller if nothing of it is outstanding. */
void virq_line_maybe_unmask(struct partition *p, uint32_t line);

/* --------------------------------------------- time sources (virq_src.c) */

/* Start p's virtual tick afresh: its first tick is one period from now. */
void virq_tick_reset(struct partition *p);
/* Raise the ticks and timer expiry due by the current kernel tick
 * (bh_sched.now, now_ns; window owner only). */
ARCH_FASTCALL void virq_sources_update(struct partition *p);

/* ---------------------------------------------------- hypercall back ends */

/* Each returns 0 or a BH_E* code. */
int32_t virq_register(struct partition *p, uint32_t entry, uint32_t stack, uint32_t size);
int32_t virq_options(struct partition *p, uint32_t flags);
int32_t virq_bind(struct partition *p, uint32_t line);
int32_t virq_unbind(struct partition *p, uint32_t line);
int32_t virq_unmask(struct partition *p, uint32_t vector);
int32_t virq_sync(struct partition *p);
int32_t virq_upcall_return(struct partition *p, struct arch_regs *r,
			   const struct bh_upcall_frame *f);
int32_t virq_timer_set(struct partition *p, uint64_t deadline_ns);

#endif /* BH_VIRQ_H */
