/*
 * The virtual interrupt state machine (see bh/virq.h and DESIGN.md's five
 * rules): arrivals, what is deliverable, delivery, the summary hint.
 *
 * The pending bits and counts live in the partition's vCPU state page,
 * which the guest reads but cannot write: they are the kernel's only copy.
 * The guest-written page contributes `enabled` and `mask`, read afresh at
 * each decision; whatever values they hold, they only decide whether *this*
 * partition gets an upcall now or later. Nothing is ever dropped: an
 * arrival sets a pending bit and a count that stay until the vector is
 * delivered, the guest unbinds it, or the partition restarts.
 *
 * Delivery order: lowest vector number first (tick, timer, ports, lines).
 */
#include <bh/arch.h>
#include <bh/hm.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/virq.h>
#include <bh/virq_upcall.h>

void virq_reset(struct partition *p)
{
	struct virq *q = &p->virq;
	struct bh_vcpu_state *vs = p->vstate;

	for (uint32_t b = q->bound_lines; b; b &= b - 1u) /* bound lines only */
		arch_irq_mask((unsigned)__builtin_ctz(b));
	trace_virq_reset(p);
	/* A count is non-zero only while its vector is pending: clearing
	 * those, not all 64, keeps a restart storm's interrupts-off path short. */
	for (uint32_t w = 0; w < 2; w++)
		for (uint32_t bits = vs->pending[w]; bits; bits &= bits - 1u)
			vs->count[w * 32u + (uint32_t)__builtin_ctz(bits)] = 0;
	vs->pending[0] = vs->pending[1] = 0;
	memset(q, 0, sizeof(*q));
	vs->virq_options = 0;
	p->vcpu->summary = 0;
	virq_tick_reset(p);
}

void virq_raise(struct partition *p, uint32_t v, uint32_t n)
{
	struct bh_vcpu_state *vs = p->vstate;
	uint32_t c = vs->count[v] + n;

	if (c < n)
		c = UINT32_MAX; /* saturate: a count never wraps to "nothing pending" */
	vs->count[v] = c;
	vs->pending[v >> 5] |= 1u << (v & 31u);
	p->virq.arrivals += n;
	if (!(p->vcpu->mask[v >> 5] & (1u << (v & 31u))))
		p->vcpu->summary = 1;
	trace_virq_raise(p, v, n, c, p == bh_sched.current);
	if (p == bh_sched.current)
		sched_kick();
}

/* pending & ~mask, word w. */
static inline uint32_t deliverable_word(const struct partition *p, uint32_t w)
{
	return p->vstate->pending[w] & ~p->vcpu->mask[w];
}

void virq_summary_refresh(struct partition *p)
{
	p->vcpu->summary = (deliverable_word(p, 0) | deliverable_word(p, 1)) != 0;
}

int virq_deliverable(const struct partition *p)
{
	uint32_t w;

	if (!p->vcpu->enabled)
		return -1;
	w = deliverable_word(p, 0);
	if (w)
		return __builtin_ctz(w);
	w = deliverable_word(p, 1);
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

/* Word 1's bits that are physical lines' vectors (virq_line.c). */
#define LINE_BITS ((1u << BH_NR_IRQ_LINES) - 1u)

/*
 * Batch mode: the vectors deliverable besides the first (rest0/rest1, not
 * both 0) go with it, lowest first: their counts after the frame f, the
 * entry's esi/edi/ebp (r is the entry's context now).
 */
static void deliver_rest(struct partition *p, struct arch_regs *r, struct bh_upcall_frame *f,
			 uint32_t rest0, uint32_t rest1, uint32_t lines)
{
	struct bh_vcpu_state *vs = p->vstate;
	uint32_t *count = ((struct bh_upcall_frame_batch *)f)->count;
	uint32_t rest[2] = { rest0, rest1 };

	for (uint32_t w = 0; w < 2; w++) {
		for (uint32_t bits = rest[w]; bits; bits &= bits - 1u) {
			uint32_t v = w * 32u + (uint32_t)__builtin_ctz(bits);

			trace_virq(BH_TRACE_VIRQ_DELIVER, p, v | BH_TRACE_BATCH, vs->count[v]);
			count[v] = vs->count[v];
			vs->count[v] = 0;
		}
	}
	arch_upcall_batch(r, rest0, rest1, lines);
}

bool virq_deliver(struct partition *p, struct arch_regs *r)
{
	struct bh_vcpu_state *vs = p->vstate;
	int d = virq_deliverable(p);

	if (d < 0) {
		if (p->vcpu->enabled)
			p->vcpu->summary = 0; /* nothing deliverable at all */
		return false;
	}
	uint32_t vec = (uint32_t)d;
	uint32_t w0 = deliverable_word(p, 0), w1 = deliverable_word(p, 1);
	struct bh_upcall_frame *f = virq_upcall_push(p, r, vec, vs->count[vec], 0, 0, 1);

	if (BH_UNLIKELY(!f)) {
		upcall_failed(p, r, vec);
		return false;
	}
	p->virq.upcalls++;
	trace_virq(BH_TRACE_VIRQ_DELIVER, p, vec, vs->count[vec]);
	vs->count[vec] = 0;
	if (p->virq.batch) {
		/* Everything deliverable goes (virq_upcall_push() set the entry's
		 * registers for vec alone). */
		uint32_t rest0 = w0 & ~(vec < 32u ? 1u << vec : 0u);
		uint32_t rest1 = w1 & ~(vec >= 32u ? 1u << (vec - 32u) : 0u);

		if (rest0 | rest1)
			deliver_rest(p, r, f, rest0, rest1, w1 & LINE_BITS);
		vs->pending[0] &= ~w0;
		vs->pending[1] &= ~w1;
		p->virq.in_service[1] |= w1 & LINE_BITS;
		p->vcpu->summary = 0;
		return true;
	}
	vs->pending[vec >> 5] &= ~(1u << (vec & 31u));
	if (virq_is_line_vector(vec))
		bh_bit_set(p->virq.in_service, vec);
	virq_summary_refresh(p); /* more may be left: the upcall return delivers them */
	return true;
}

int32_t virq_sync(struct partition *p)
{
	virq_summary_refresh(p);
	sched_kick(); /* sched_resume() delivers before the guest runs again */
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
