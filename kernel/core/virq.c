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
 */
#include <bh/arch.h>
#include <bh/hm.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/uaccess.h>
#include <bh/virq.h>

_Static_assert(BH_VEC_IRQ_BASE == 32 && BH_NR_IRQ_LINES <= 32, "line vectors in word 1");

/* Owner of each physical line, from the configuration (NULL: none). */
static struct partition *line_owner[BH_NR_IRQ_LINES];

void virq_init(void)
{
	for (uint32_t l = 0; l < BH_NR_IRQ_LINES; l++) {
		uint32_t id = 0;
		while (id < bh_cfg.npartitions && !(bh_cfg.partitions[id].irq_lines & (1u << l)))
			id++;
		line_owner[l] = part_get(id);
	}
}

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
	uint32_t period = p->cfg->tick_period;

	for (uint32_t l = 0; l < BH_NR_IRQ_LINES; l++)
		if (q->bound_lines & (1u << l))
			arch_irq_mask(l);
	memset(q, 0, sizeof(*q));
	q->next_tick = period ? bh_sched.now + period : 0;
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

/*
 * Write an upcall frame on the interrupt stack and redirect r to the
 * handler. The frame goes below the current stack pointer if the guest is
 * already on its interrupt stack (nesting), else at the top of that stack.
 * With no registration, stack_lo == stack_hi == 0 and the room test fails.
 */
static inline __attribute__((always_inline)) bool
upcall_push(struct partition *p, struct arch_regs *r, uint32_t vector, uint32_t count,
	    uint32_t error, uint32_t addr, uint32_t was_enabled)
{
	const struct virq *q = &p->virq;
	uint32_t off = arch_regs_sp(r) - q->stack_lo; /* sp's offset in the stack */
	struct bh_upcall_frame *f = q->top_frame;
	uint32_t va = q->top_frame_va;

	/* Already on the interrupt stack (0 < off <= size): nest below sp. */
	if (BH_UNLIKELY(off - 1 < q->stack_size)) {
		if (off < sizeof(struct bh_upcall_frame) + 16u)
			return false; /* it would overflow */
		off = (off - (uint32_t)sizeof(struct bh_upcall_frame)) & ~15u;
		f = (struct bh_upcall_frame *)(q->stack_kbase + off);
		va = q->stack_lo + off;
	} else if (BH_UNLIKELY(!f)) {
		return false; /* no interrupt stack registered */
	}

	f->vector = vector;
	f->count = count;
	f->error_code = error;
	f->fault_addr = addr;
	f->enabled = was_enabled;
	arch_upcall_save(r, f);
	arch_upcall_enter(r, q->entry, va, vector, count);
	p->vcpu->enabled = 0;
	return true;
}

static bool is_line_vector(uint32_t v)
{
	return v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES;
}

static __attribute__((noinline)) void upcall_failed(struct partition *p, struct arch_regs *r,
					  uint32_t vec)
{
	struct hm_detail d = { UINT32_MAX, vec, arch_regs_sp(r), arch_regs_pc(r), NULL, 0 };

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
	if (BH_UNLIKELY(!upcall_push(p, r, vec, q->count[vec], 0, 0, 1))) {
		upcall_failed(p, r, vec);
		return false;
	}
	q->pending[vec >> 5] &= ~(1u << (vec & 31u));
	vc->pending[vec >> 5] = q->pending[vec >> 5];
	q->count[vec] = 0;
	vc->count[vec] = 0;
	if (is_line_vector(vec))
		bh_bit_set(q->in_service, vec);
	q->upcalls++;
	return true;
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
deliver_line_now(struct partition *p, struct arch_regs *r, uint32_t line)
{
	struct virq *q = &p->virq;
	volatile struct bh_vcpu *vc = p->vcpu;
	uint32_t m0 = vc->mask[0], m1 = vc->mask[1], v = BH_VEC_IRQ(line);

	if (!vc->enabled || (m1 >> line & 1u) || (q->pending[0] & ~m0) || (q->pending[1] & ~m1))
		return false;
	if (!upcall_push(p, r, v, 1, 0, 0, 1))
		return false;
	q->in_service[1] |= 1u << line;
	vc->pending[1] = q->pending[1]; /* every arrival refreshes its mirror */
	vc->count[v] = 0;
	q->arrivals++;
	q->upcalls++;
	return true;
}

bool virq_trap(struct partition *p, struct arch_regs *r, uint32_t exc, uint32_t error,
	       uint32_t addr)
{
	return upcall_push(p, r, BH_VEC_TRAP(exc), 1, error, addr, p->vcpu->enabled ? 1u : 0u);
}

void virq_sources_update(struct partition *p, uint64_t now, uint64_t now_ns)
{
	struct virq *q = &p->virq;

	if (q->next_tick && now >= q->next_tick) {
		uint32_t period = p->cfg->tick_period;
		uint64_t n = (now - q->next_tick) / period + 1;
		q->next_tick += n * period;
		virq_raise(p, BH_VEC_TICK, n > UINT32_MAX ? UINT32_MAX : (uint32_t)n);
	}
	if (q->timer_deadline_ns && now_ns >= q->timer_deadline_ns) {
		q->timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
}

/* Unmask line at the controller once nothing of it is outstanding. */
static void line_maybe_unmask(struct partition *p, uint32_t line)
{
	struct virq *q = &p->virq;
	uint32_t v = BH_VEC_IRQ(line);

	if (!(q->bound_lines & (1u << line)) || bh_bit_test(q->pending, v) ||
	    bh_bit_test(q->in_service, v) || bh_bit_test(p->vcpu->mask, v))
		return;
	arch_irq_unmask(line);
}

/*
 * A physical line fired (the arch has masked and acknowledged it). This is
 * the core's interrupt entry for device lines, kept here so that the whole
 * arrival-to-upcall path compiles as one function.
 */
/* The arrival cannot be delivered at once: it becomes pending (rule 4). */
static __attribute__((noinline)) struct arch_regs *line_pending(struct partition *p,
							       struct arch_regs *r,
							       uint32_t line)
{
	virq_raise(p, BH_VEC_IRQ(line), 1);
	return sched_resume(r);
}

ARCH_FASTCALL struct arch_regs *core_irq(struct arch_regs *r, unsigned line)
{
	struct partition *p = line_owner[line & (BH_NR_IRQ_LINES - 1)];

	/* An unbound line stays masked at the controller. */
	if (!p || !(p->virq.bound_lines >> line & 1u))
		return r;
	/* r is p's saved context only if p was running in ring 3. */
	if (r == &p->ctx.regs && deliver_line_now(p, r, line))
		return r;
	return line_pending(p, r, line);
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

int32_t virq_bind(struct partition *p, uint32_t line)
{
	if (line >= BH_NR_IRQ_LINES)
		return BH_EINVAL;
	if (!(p->cfg->irq_lines & (1u << line)))
		return BH_EPERM;
	if (p->virq.bound_lines & (1u << line))
		return BH_EBUSY;
	p->virq.bound_lines |= 1u << line;
	line_maybe_unmask(p, line);
	return (int32_t)BH_VEC_IRQ(line);
}

int32_t virq_unbind(struct partition *p, uint32_t line)
{
	struct virq *q = &p->virq;
	uint32_t v = BH_VEC_IRQ(line);

	if (line >= BH_NR_IRQ_LINES)
		return BH_EINVAL;
	if (!(q->bound_lines & (1u << line)))
		return BH_ENOENT;
	arch_irq_mask(line);
	q->bound_lines &= ~(1u << line);
	bh_bit_clear(q->pending, v);
	bh_bit_clear(q->in_service, v);
	q->count[v] = 0;
	virq_mirror(p);
	return BH_OK;
}

int32_t virq_unmask(struct partition *p, uint32_t vector)
{
	if (vector >= BH_NR_VECTORS)
		return BH_EINVAL;
	if (is_line_vector(vector))
		line_maybe_unmask(p, vector - BH_VEC_IRQ_BASE);
	sched_kick();
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
	if (f->vector < BH_NR_VECTORS && bh_bit_test(q->in_service, f->vector)) {
		bh_bit_clear(q->in_service, f->vector);
		line_maybe_unmask(p, f->vector - BH_VEC_IRQ_BASE);
	}
	sched_kick();
	return BH_OK;
}

int32_t virq_timer_set(struct partition *p, uint64_t deadline_ns)
{
	p->virq.timer_deadline_ns = deadline_ns;
	if (deadline_ns && deadline_ns <= bh_sched.now_ns) {
		p->virq.timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
	return BH_OK;
}
