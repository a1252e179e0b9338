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
	uint32_t top_off = (size - (uint32_t)sizeof(struct bh_upcall_frame)) & ~15u;

	p->virq.entry = entry;
	p->virq.stack_lo = stack;
	p->virq.stack_hi = stack + size;
	p->virq.stack_size = size;
	p->virq.frame_room = size - (uint32_t)sizeof(struct bh_upcall_frame) + 1u;
	p->virq.stack_kbase = kbase;
	p->virq.top_frame_va = stack + top_off;
	p->virq.top_frame = (struct bh_upcall_frame *)(kbase + top_off);
	return BH_OK;
}

int32_t virq_upcall_return(struct partition *p, struct arch_regs *r,
			   const struct bh_upcall_frame *f)
{
	struct virq *q = &p->virq;

	if (!q->entry)
		return BH_ESTATE;
	arch_upcall_restore(r, f);
	p->vcpu->enabled = f->enabled ? 1u : 0u;
	trace_virq(BH_TRACE_VIRQ_RETURN, p, f->vector, p->vcpu->enabled);
	if (f->vector < BH_NR_VECTORS && bh_bit_test(q->in_service, f->vector)) {
		bh_bit_clear(q->in_service, f->vector);
		virq_line_maybe_unmask(p, f->vector - BH_VEC_IRQ_BASE);
	}
	sched_kick();
	return BH_OK;
}
