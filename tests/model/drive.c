/*
 * The kernel side of the model checker: each operation done to the real
 * core exactly as a guest and the hardware would do it. Guest operations
 * are stores into the vCPU page and hypercalls through core_hypercall()
 * (with the guest library's rules for when to make one); interrupts are
 * core_timer_tick() and, for a device line, core_irq() after the fake
 * controller masked the line (as the i386 arch does); an edge that comes
 * while the line is masked is held, once, until the kernel unmasks it.
 *
 * Deliveries are observed where a guest would see them: the partition's
 * saved context redirected to its upcall entry with eax = vector,
 * edx = count, and the upcall frame in its memory. Everything a delivery
 * must satisfy on its own (enabled, unmasked, in window, the frame saving
 * the interrupted context) is checked here as it happens.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <arch/host.h>
#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/uaccess.h>
#include <bh/virq.h>

#include "model.h"

#define EFLAGS_GUEST 0x202u /* IF and the reserved bit: what every context holds */

static char error[512];

const char *drive_error(void)
{
	return error[0] ? error : NULL;
}

void drive_clear_error(void)
{
	error[0] = '\0';
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	if (error[0])
		return; /* the first problem explains the rest */
	va_start(ap, fmt);
	vsnprintf(error, sizeof(error), fmt, ap);
	va_end(ap);
}

static struct partition *part(int i)
{
	return &bh_partitions[i];
}

/* Where guest i's code is at upcall nesting depth d, and its marker registers. */
static uint32_t loc_pc(uint32_t d)
{
	return d ? G_HANDLER_PC + 16u * d : G_MAIN_PC;
}

static uint32_t loc_sp(const struct guest *g)
{
	return g->depth ? g->va[g->depth - 1] : G_MAIN_SP;
}

static uint32_t token(int i, uint32_t d)
{
	return 0x70000000u + ((uint32_t)i << 16) + d;
}

/* The guest's code runs at its current depth: set the registers it would have. */
static void guest_at(struct world *w, int i)
{
	struct arch_regs *r = &part(i)->ctx.regs;
	const struct guest *g = &w->g[i];

	r->eip = loc_pc(g->depth);
	r->esp = loc_sp(g);
	r->ebp = r->esi = r->edi = token(i, g->depth);
}

static struct arch_regs *interrupted(void)
{
	struct partition *p = bh_sched.running;

	return p ? &p->ctx.regs : arch_idle_regs();
}

/* Record each partition's virtual flag as the kernel is entered. */
static void note_flags(struct world *w)
{
	for (int i = 0; i < NPART; i++)
		w->entry_enabled[i] = part(i)->vcpu->enabled;
}

static bool frame_saved_guest(const struct bh_upcall_frame *f, int i, const struct guest *g)
{
	uint32_t t = token(i, g->depth);

	return f->eip == loc_pc(g->depth) && f->esp == loc_sp(g) && f->ebp == t &&
	       f->esi == t && f->edi == t;
}

/* The checks a delivery must pass whatever the model says. */
static void delivery_rules(struct world *w, int i, const struct bh_upcall_frame *f)
{
	struct partition *p = part(i);
	const struct arch_regs *r = &p->ctx.regs;

	if (r->eax != f->vector || r->edx != f->count || r->esp != r->ecx)
		fail("%s: upcall registers eax=%u edx=%u esp=%#x ecx=%#x disagree with the frame",
		     p->cfg->name, r->eax, r->edx, r->esp, r->ecx);
	if (!sys_in_window(bh_sched.now, i))
		fail("%s: vector %u delivered outside its window (t=%llu)", p->cfg->name,
		     f->vector, (unsigned long long)bh_sched.now);
	if (!w->entry_enabled[i] || f->enabled != 1)
		fail("%s: vector %u delivered while disabled", p->cfg->name, f->vector);
	if (f->vector >= BH_NR_VECTORS || bh_bit_test(p->vcpu->mask, f->vector))
		fail("%s: vector %u delivered while masked", p->cfg->name, f->vector);
	if (!frame_saved_guest(f, i, &w->g[i]))
		fail("%s: upcall frame of vector %u does not hold the interrupted context "
		     "(eip=%#x esp=%#x)", p->cfg->name, f->vector, f->eip, f->esp);
	if (vec_slot(i, f->vector) < 0 || !f->count)
		fail("%s: delivery of vector %u count %u that never arrived", p->cfg->name,
		     f->vector, f->count);
}

static void record(struct world *w, int i, uint32_t v, uint32_t count)
{
	if (w->nev < MAX_EVENTS)
		w->ev[w->nev++] = (struct delivery){ (uint8_t)i, (uint8_t)v, count };
	if (vec_slot(i, v) >= 0)
		w->t.delivered[i][vec_slot(i, v)] += count;
}

/*
 * Batch mode (alpha): the rest of the upcall, in esi/edi with the counts
 * after the frame, each unmasked, arrived, above the first and ascending;
 * ebp names the line if the line is among them all.
 */
static void observe_batch(struct world *w, int i, const struct bh_upcall_frame *f)
{
	struct partition *p = part(i);
	const struct arch_regs *r = &p->ctx.regs;
	const struct bh_upcall_frame_batch *fb =
		uaccess_ptr(p, gva(r->ecx), sizeof(*fb), BH_PERM_R);
	uint32_t left[2] = { r->esi, r->edi }, line = sys_line(i), lines = 0;

	if (!fb) {
		fail("%s: batch frame at %#x unreadable", p->cfg->name, r->ecx);
		return;
	}
	lines = f->vector == BH_VEC_IRQ(line) ? 1u << line : 0u;
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++) {
		if (!(left[v >> 5] >> (v & 31u) & 1u))
			continue;
		if (v <= f->vector || bh_bit_test(p->vcpu->mask, v) || vec_slot(i, v) < 0 ||
		    !fb->count[v])
			fail("%s: batch hands over vector %u count %u (first %u): masked, out of "
			     "order or never arrived", p->cfg->name, v, fb->count[v], f->vector);
		record(w, i, v, fb->count[v]);
		w->t.max_count = fb->count[v] > w->t.max_count ? fb->count[v] : w->t.max_count;
		lines |= v == BH_VEC_IRQ(line) ? 1u << line : 0u;
	}
	if (r->ebp != lines)
		fail("%s: batch upcall's lines %#x, its vectors say %#x", p->cfg->name, r->ebp,
		     lines);
}

/* Has the kernel redirected partition i to its upcall entry? Record it. */
static void observe(struct world *w, int i)
{
	struct arch_regs *r = &part(i)->ctx.regs;
	struct guest *g = &w->g[i];
	const struct bh_upcall_frame *f;

	if (r->eip != G_UPCALL)
		return;
	f = uaccess_ptr(part(i), gva(r->ecx), sizeof(*f), BH_PERM_R);
	if (!f || g->depth >= MAX_NEST) {
		fail("%s: upcall frame at %#x unreadable or nesting too deep", part(i)->cfg->name,
		     r->ecx);
		r->eip = loc_pc(g->depth);
		return;
	}
	delivery_rules(w, i, f);
	record(w, i, f->vector, f->count);
	g->lines[g->depth] = r->ebp;
	if (w->ref.p[i].batch && f->vector < BH_NR_VECTORS)
		observe_batch(w, i, f);
	w->t.upcalls++;
	w->t.max_count = f->count > w->t.max_count ? f->count : w->t.max_count;
	g->va[g->depth] = r->ecx;
	g->f[g->depth++] = *f;
	w->t.max_depth = g->depth > w->t.max_depth ? g->depth : w->t.max_depth;
	w->entry_enabled[i] = 0;
	guest_at(w, i); /* the handler starts running */
}

/* After any kernel entry: what it returned, and what it delivered. */
static void after_entry(struct world *w, struct arch_regs *ret)
{
	struct partition *run = bh_sched.running;

	if (ret != (run ? &run->ctx.regs : arch_idle_regs()))
		fail("kernel resumed a frame that is not the running partition's");
	if (run && host_live != run)
		fail("%s runs but is not live on the processor", run->cfg->name);
	for (int i = 0; i < NPART; i++)
		observe(w, i);
}

/* A hypercall from partition i; returns its result (eax as the guest sees it). */
static int32_t hypercall(struct world *w, int i, uint32_t nr, uint32_t a0, uint32_t a1,
			 uint32_t a2)
{
	struct arch_regs *r = &part(i)->ctx.regs;
	uint32_t depth = w->g[i].depth;

	if (bh_sched.running != part(i)) {
		fail("%s: hypercall %u while not running", part(i)->cfg->name, nr);
		return BH_ESTATE;
	}
	r->eax = nr;
	r->ebx = a0;
	r->ecx = a1;
	r->edx = a2;
	note_flags(w);
	after_entry(w, core_hypercall(r));
	/* Delivered on the way out: the result is in the saved context. */
	return (int32_t)(w->g[i].depth > depth ? w->g[i].f[depth].eax : r->eax);
}

static void expect_ok(int i, const char *what, int32_t ret)
{
	if (ret != BH_OK)
		fail("%s: %s returned %d", part(i)->cfg->name, what, ret);
}

static void fire_line(struct world *w, int i)
{
	unsigned line = sys_line(i);

	w->latch[i] = false;
	w->t.arrived[i][S_LINE]++;
	arch_irq_mask(line); /* the arch masks the line, then tells the core */
	note_flags(w);
	after_entry(w, core_irq(interrupted(), line));
}

static void device_edge(struct world *w, int i)
{
	w->t.edges[i]++;
	if (!(host_irq_masked & (1u << sys_line(i)))) {
		fire_line(w, i);
		return;
	}
	if (w->latch[i])
		w->t.coalesced[i]++;
	w->latch[i] = true;
}

/* A kernel source (timer expiry, a port message) raises v during some entry. */
static void kernel_source(struct world *w, int i, uint32_t v, int slot)
{
	w->t.arrived[i][slot]++;
	note_flags(w);
	virq_raise(part(i), v, 1);
	after_entry(w, sched_resume(interrupted()));
}

static void upcall_return(struct world *w, int i)
{
	struct guest *g = &w->g[i];
	struct arch_regs *r = &part(i)->ctx.regs;
	uint32_t d = g->depth - 1;
	struct bh_upcall_frame f = g->f[d];
	const void *mem = uaccess_ptr(part(i), gva(g->va[d]), sizeof(f), BH_PERM_R);

	if (!mem || memcmp(mem, &f, sizeof(f)))
		fail("%s: upcall frame %u changed while its handler ran", part(i)->cfg->name, d);
	g->depth = d;
	if (bh_sched.running != part(i)) {
		fail("%s: upcall return while not running", part(i)->cfg->name);
		return;
	}
	r->eax = BH_HC_UPCALL_RETURN;
	r->ebx = g->va[d];
	r->ebp = g->lines[d]; /* batch mode's lines, as the entry had them */
	note_flags(w);
	w->entry_enabled[i] = f.enabled;
	after_entry(w, core_hypercall(r));
	if (g->depth == d &&
	    (r->eip != f.eip || r->esp != f.esp || r->eax != f.eax || r->ebx != f.ebx ||
	     r->ecx != f.ecx || r->edx != f.edx || r->esi != f.esi || r->edi != f.edi ||
	     r->ebp != f.ebp || r->eflags != EFLAGS_GUEST))
		fail("%s: upcall return did not restore the frame's context", part(i)->cfg->name);
}

static void settle(struct world *w)
{
	for (bool again = true; again;) {
		again = false;
		for (int i = 0; i < NPART; i++) {
			if (w->latch[i] && !(host_irq_masked & (1u << sys_line(i)))) {
				fire_line(w, i);
				again = true;
			}
		}
		if (w->ref.auto_b && bh_sched.running == part(PB) && w->g[PB].depth) {
			upcall_return(w, PB);
			again = true;
		}
	}
}

static void timer_tick(struct world *w)
{
	note_flags(w);
	after_entry(w, core_timer_tick(interrupted()));
}

static void advance(struct world *w, int i, bool to_start)
{
	for (unsigned n = 0; n <= 2 * MAJOR; n++) {
		timer_tick(w);
		settle(w);
		if (sys_in_window(bh_sched.now, i) == to_start)
			return;
	}
	fail("%s: window boundary never came", part(i)->cfg->name);
}

/* bh_irq_enable() and bh_irq_unmask() of guest/include/bulkhead/bh.h. */
static void guest_enable(struct world *w, int i)
{
	struct bh_vcpu *vc = part(i)->vcpu;

	vc->enabled = 1;
	if (vc->summary)
		expect_ok(i, "virq_sync", hypercall(w, i, BH_HC_VIRQ_SYNC, 0, 0, 0));
}

static void guest_unmask(struct world *w, int i, uint32_t v)
{
	struct bh_vcpu *vc = part(i)->vcpu;
	uint32_t bit = 1u << (v & 31u);

	vc->mask[v >> 5] &= ~bit;
	if ((v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES) ||
	    (part(i)->vstate->pending[v >> 5] & bit))
		expect_ok(i, "virq_unmask", hypercall(w, i, BH_HC_VIRQ_UNMASK, v, 0, 0));
}

static void guest_op(struct world *w, const struct op *op)
{
	int i = op->part;
	struct bh_vcpu *vc = part(i)->vcpu;
	uint32_t v = slot_vec(i, op->slot);

	guest_at(w, i); /* the guest is somewhere in its code: tokens in registers */
	switch (op->kind) {
	case OP_DISABLE:
		vc->enabled = 0;
		break;
	case OP_ENABLE:
		guest_enable(w, i);
		break;
	case OP_MASK:
		vc->mask[v >> 5] |= 1u << (v & 31u);
		break;
	case OP_UNMASK:
		guest_unmask(w, i, v);
		break;
	case OP_URET:
		upcall_return(w, i);
		break;
	case OP_SCRIBBLE:
		((volatile uint32_t *)vc)[op->word] = op->val;
		break;
	case OP_SYNC:
		expect_ok(i, "virq_sync", hypercall(w, i, BH_HC_VIRQ_SYNC, 0, 0, 0));
		break;
	default:
		break;
	}
}

void drive_apply(struct world *w, const struct op *op)
{
	w->nev = 0;
	switch (op->kind) {
	case OP_ARRIVE:
		if (op->slot == S_LINE)
			device_edge(w, op->part);
		else
			kernel_source(w, op->part, slot_vec(op->part, op->slot), op->slot);
		break;
	case OP_WSTART:
	case OP_WEND:
		advance(w, op->part, op->kind == OP_WSTART);
		break;
	case OP_TICK:
		timer_tick(w);
		break;
	default:
		if (bh_sched.running != part(op->part))
			fail("guest operation for a partition that is not running");
		else
			guest_op(w, op);
		break;
	}
	settle(w);
}

const char *drive_boot_resume(struct world *w)
{
	for (int i = 0; i < NPART; i++)
		guest_at(w, i); /* crt0 ran: each guest is in its main program */
	note_flags(w);
	after_entry(w, sched_resume(arch_idle_regs()));
	return drive_error();
}

/* What a guest does at start: register its upcall entry and stack, bind its line. */
void drive_init_guest(struct world *w, int i)
{
	int32_t ret;

	guest_at(w, i);
	if (w->ref.p[i].batch) {
		ret = hypercall(w, i, BH_HC_VIRQ_OPTIONS, BH_VIRQ_OPT_BATCH, 0, 0);
		expect_ok(i, "virq_options", ret);
	}
	ret = hypercall(w, i, BH_HC_VIRQ_REGISTER, G_UPCALL, G_ISTACK, G_ISTACK_SIZE);
	expect_ok(i, "virq_register", ret);
	ret = hypercall(w, i, BH_HC_VIRQ_BIND, sys_line(i), 0, 0);
	if (ret != (int32_t)BH_VEC_IRQ(sys_line(i)))
		fail("%s: binding line %u returned %d", part(i)->cfg->name, sys_line(i), ret);
	settle(w);
}
