/*
 * Writing an upcall frame, inline: the delivery paths (virq.c,
 * virq_upcall.c) and the direct device-interrupt path (core_irq in entry.c)
 * compile it into themselves, because it is most of the interrupt-to-handler
 * path length.
 * Nothing outside the virtual interrupt layer and the entry points should
 * need this header.
 */
#ifndef BH_VIRQ_UPCALL_H
#define BH_VIRQ_UPCALL_H

#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/trace.h>

/*
 * Write an upcall frame on the interrupt stack and redirect r to the
 * handler. The frame goes below the current stack pointer if the guest is
 * already on its interrupt stack (nesting), else at the top of that stack.
 * With no registration, stack_lo == stack_hi == 0 and the room test fails.
 */
static inline __attribute__((always_inline)) struct bh_upcall_frame *
virq_upcall_push(struct partition *p, struct arch_regs *r, uint32_t vector, uint32_t count,
		 uint32_t error, uint32_t addr, uint32_t was_enabled)
{
	const struct virq *q = &p->virq;
	uint32_t off = arch_regs_sp(r) - q->stack_lo; /* sp's offset in the stack */
	struct bh_upcall_frame *f = q->top_frame;
	uint32_t va = q->top_frame_va;

	/* Already on the interrupt stack (0 < off <= size): nest below sp. */
	if (BH_UNLIKELY(off - 1 < q->stack_size)) {
		uint32_t size = virq_frame_size(q);

		if (off < size + 16u)
			return NULL; /* it would overflow */
		off = (off - size) & ~15u;
		f = (struct bh_upcall_frame *)(q->stack_kbase + off);
		va = q->stack_lo + off;
	} else if (BH_UNLIKELY(!f)) {
		return NULL; /* no interrupt stack registered */
	}

	f->vector = vector;
	f->count = count;
	f->error_code = error;
	f->fault_addr = addr;
	f->enabled = was_enabled;
	arch_upcall_save(r, f);
	arch_upcall_enter(r, q->entry, va, vector, count);
	/* Batch mode: nothing more handed over (yet); the line if it is one. */
	arch_upcall_batch(r, 0, 0,
			  virq_is_line_vector(vector) ? 1u << (vector - BH_VEC_IRQ_BASE) : 0u);
	p->vcpu->enabled = 0;
	return f;
}

/*
 * Rule 1 without a detour: an arrival on `line` for the partition whose
 * saved context r was just interrupted goes straight to its handler if it
 * could be delivered now and nothing is waiting (so no arrival is
 * overtaken, and a pending vector coalesces instead). Otherwise, or if the
 * upcall cannot be written, the caller records it as pending. Line vectors
 * all sit in word 1 of the bitmaps.
 */
static inline __attribute__((always_inline)) bool
virq_deliver_line_now(struct partition *p, struct arch_regs *r, uint32_t line)
{
	struct virq *q = &p->virq;
	volatile struct bh_vcpu *vc = p->vcpu;
	const volatile struct bh_vcpu_state *vs = p->vstate;
	uint32_t m0 = vc->mask[0], m1 = vc->mask[1], v = BH_VEC_IRQ(line);

	if (!vc->enabled || (m1 >> line & 1u) || (vs->pending[0] & ~m0) || (vs->pending[1] & ~m1))
		return false;
	if (!virq_upcall_push(p, r, v, 1, 0, 0, 1))
		return false;
	trace_virq(BH_TRACE_VIRQ_DELIVER, p, v | BH_TRACE_DIRECT, 1);
	q->in_service[1] |= 1u << line;
	vc->summary = 0; /* nothing else was deliverable: the hint tells the truth */
	q->arrivals++;
	q->upcalls++;
	return true;
}

#endif /* BH_VIRQ_UPCALL_H */
