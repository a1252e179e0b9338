/*
 * The virtual interrupt layer (see bh/virq.h and DESIGN.md's five rules).
 *
 * Authoritative state lives in struct virq inside the kernel. The vCPU page
 * contributes only the guest-written `enabled` flag and `mask` bits, read
 * afresh at each decision; whatever values they hold, they only decide
 * whether *this* partition gets an upcall now or later. Nothing is ever
 * dropped: an arrival sets a pending bit and a count that stay until the
 * vector is delivered, the guest unbinds it, or the partition restarts.
 *
 * Delivery order: lowest vector number first (tick, timer, ports, lines).
 *
 * This file is the state machine; the sources of arrivals are apart:
 * physical lines in virq_line.c, the tick and the one-shot timer in
 * virq_src.c, and the device interrupt entry (core_irq) in entry.c.
 */
#include <bh/arch.h>
#include <bh/hm.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/uaccess.h>
#include <bh/virq.h>
#include <bh/virq_upcall.h>

void virq_mirror(struct partition *p)
{
	struct bh_vcpu *vc = p->vcpu;

	vc->pending[0] = p->virq.pending[0];
	vc->pending[1] = p->virq.pending[1];
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		vc->count[v] = p->virq.count[v];
}

/*
 * At each window start: rewrite the pending bits (the guest's enable test
 * reads them) and the counts of pending vectors. A count of a vector that is
 * not pending is only meaningful as zero; a guest that scribbled one sees
 * it again until that vector next arrives.
 */
void virq_mirror_pending(struct partition *p)
{
	struct bh_vcpu *vc = p->vcpu;

	for (uint32_t w = 0; w < 2; w++) {
		uint32_t bits = p->virq.pending[w];
		vc->pending[w] = bits;
		for (; bits; bits &= bits - 1) {
			uint32_t v = w * 32 + (uint32_t)__builtin_ctz(bits);
			vc->count[v] = p->virq.count[v];
		}
	}
}

void virq_reset(struct partition *p)
{
	struct virq *q = &p->virq;

	for (uint32_t b = q->bound_lines; b; b &= b - 1u) /* bound lines only */
		arch_irq_mask((unsigned)__builtin_ctz(b));
	trace_virq_reset(p);
	/* A count is non-zero only while its vector is pending (in the vCPU
	 * mirror too, as far as the kernel wrote it): clearing those, not
	 * all 2 x 64, keeps a restart storm's interrupts-off path short. */
	for (uint32_t w = 0; w < 2; w++) {
		for (uint32_t bits = q->pending[w]; bits; bits &= bits - 1u) {
			uint32_t v = w * 32u + (uint32_t)__builtin_ctz(bits);
			q->count[v] = 0;
			p->vcpu->count[v] = 0;
		}
	}
	q->pending[0] = q->pending[1] = 0;
	memset(&q->in_service, 0, sizeof(*q) - offsetof(struct virq, in_service));
	virq_tick_reset(p);
}

void virq_raise(struct partition *p, uint32_t v, uint32_t n)
{
	struct virq *q = &p->virq;
	uint32_t c = q->count[v] + n;

	if (c < n)
		c = UINT32_MAX; /* saturate: a count never wraps to "nothing pending" */
	q->count[v] = c;
	bh_bit_set(q->pending, v);
	q->arrivals += n;
	p->vcpu->count[v] = c;
	p->vcpu->pending[v >> 5] = q->pending[v >> 5];
	trace_virq_raise(p, v, n, c, p == bh_sched.current);
	if (p == bh_sched.current)
		sched_kick();
}

int virq_deliverable(const struct partition *p)
{
	const volatile struct bh_vcpu *vc = p->vcpu;
	uint32_t w;

	if (!vc->enabled)
		return -1;
	w = p->virq.pending[0] & ~vc->mask[0];
	if (w)
		return __builtin_ctz(w);
	w = p->virq.pending[1] & ~vc->mask[1];
	if (w)
		return 32 + __builtin_ctz(w);
	return -1;
}

static __attribute__((noinline)) void upcall_failed(struct partition *p, struct arch_regs *r,
					  uint32_t vec)
{
	struct hm_detail d = { UINT32_MAX, vec, arch_regs_sp(r), arch_regs_pc(r), NULL, 0, NULL };

	hm_raise(p, BH_HM_UPCALL_ERROR, &d, r);
}

bool virq_deliver(struct partition *p, struct arch_regs *r)
{
	struct virq *q = &p->virq;
	volatile struct bh_vcpu *vc = p->vcpu;
	uint32_t w, vec;

	if (!vc->enabled)
		return false;
	w = q->pending[0] & ~vc->mask[0];
	if (w) {
		vec = (uint32_t)__builtin_ctz(w);
	} else {
		w = q->pending[1] & ~vc->mask[1];
		if (!w)
			return false;
		vec = 32 + (uint32_t)__builtin_ctz(w);
	}
	if (BH_UNLIKELY(!virq_upcall_push(p, r, vec, q->count[vec], 0, 0, 1))) {
		upcall_failed(p, r, vec);
		return false;
	}
	trace_virq(BH_TRACE_VIRQ_DELIVER, p, vec, q->count[vec]);
	q->pending[vec >> 5] &= ~(1u << (vec & 31u));
	vc->pending[vec >> 5] = q->pending[vec >> 5];
	q->count[vec] = 0;
	vc->count[vec] = 0;
	if (virq_is_line_vector(vec))
		bh_bit_set(q->in_service, vec);
	q->upcalls++;
	return true;
}

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

/*
 * A partition raises one of its own vectors (BH_HC_VIRQ_RAISE): an arrival
 * like any other (rule 4), delivered under the five rules, before the call
 * returns if it is deliverable now. A physical line's vector is not the
 * partition's to raise: the kernel acknowledges and unmasks lines by it.
 */
int32_t virq_raise_own(struct partition *p, uint32_t v)
{
	if (v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES)
		return BH_EPERM;
	virq_raise(p, v, 1);
	return BH_OK;
}
