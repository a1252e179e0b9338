/*
 * Upcall frames: the guest's registration of its entry and interrupt
 * stack, synchronous virtual traps, and the return from an upcall. Writing
 * a frame is inline (bh/virq_upcall.h) because it is most of a delivery.
 */
#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/uaccess.h>
#include <bh/virq.h>
#include <bh/virq_upcall.h>

bool virq_trap(struct partition *p, struct arch_regs *r, uint32_t exc, uint32_t error,
	       uint32_t addr)
{
	if (exc == 14)
		p->virq.fault_addr = addr; /* what the guest's %cr2 reads give */
	if (!virq_upcall_push(p, r, BH_VEC_TRAP(exc), 1, error, addr, p->vcpu->enabled ? 1u : 0u))
		return false;
	trace_virq(BH_TRACE_VIRQ_DELIVER, p, BH_VEC_TRAP(exc), 1);
	return true;
}

/* Where frames go on the registered stack, for the current mode. */
static void virq_layout(struct virq *q)
{
	uint32_t size = virq_frame_size(q);
	uint32_t top_off = (q->stack_size - size) & ~15u;

	if (!q->entry)
		return;
	q->frame_room = q->stack_size - (uint32_t)sizeof(struct bh_upcall_frame) + 1u;
	q->top_frame_va = q->stack_lo + top_off;
	q->top_frame = (struct bh_upcall_frame *)(q->stack_kbase + top_off);
}

int32_t virq_register(struct partition *p, uint32_t entry, uint32_t stack, uint32_t size)
{
	uint8_t *kbase;

	if (size < BH_MIN_IRQ_STACK || (stack & 15u) || (size & 15u))
		return BH_EINVAL;
	if (!uaccess_ptr(p, gva(entry), 1, BH_PERM_X))
		return BH_EFAULT;
	kbase = uaccess_ptr(p, gva(stack), size, BH_PERM_W);
	if (!kbase)
		return BH_EFAULT;
	p->virq.entry = entry;
	p->virq.stack_lo = stack;
	p->virq.stack_hi = stack + size;
	p->virq.stack_size = size;
	p->virq.stack_kbase = kbase;
	virq_layout(&p->virq);
	return BH_OK;
}

int32_t virq_options(struct partition *p, uint32_t flags)
{
	if (flags & ~BH_VIRQ_OPT_ALL)
		return BH_EINVAL;
	/* A line's upcall in progress is acknowledged by its return as it was
	 * written (batch: the lines in ebp; else the frame's vector): changing
	 * the mode under it would leave the line masked for good. */
	if (p->virq.in_service[1])
		return BH_ESTATE;
	p->virq.batch = flags & BH_VIRQ_OPT_BATCH;
	p->vstate->virq_options = flags;
	virq_layout(&p->virq);
	return BH_OK;
}

/* Acknowledge line `line` if this return hands it back (virq_line.c). */
static void return_ack(struct partition *p, uint32_t line)
{
	struct virq *q = &p->virq;

	if (line < BH_NR_IRQ_LINES && (q->in_service[1] >> line & 1u)) {
		q->in_service[1] &= ~(1u << line);
		virq_line_maybe_unmask(p, line);
	}
}

int32_t virq_upcall_return(struct partition *p, struct arch_regs *r,
			   const struct bh_upcall_frame *f)
{
	struct virq *q = &p->virq;
	uint32_t lines = arch_upcall_lines(r); /* batch mode's (abi.h) */

	if (!q->entry)
		return BH_ESTATE;
	arch_upcall_restore(r, f);
	p->vcpu->enabled = f->enabled ? 1u : 0u;
	trace_virq(BH_TRACE_VIRQ_RETURN, p, f->vector, p->vcpu->enabled);
	if (q->batch)
		for (; lines; lines &= lines - 1u)
			return_ack(p, (uint32_t)__builtin_ctz(lines));
	else
		return_ack(p, f->vector - BH_VEC_IRQ_BASE);
	sched_kick();
	return BH_OK;
}
