/*
 * The reference model: DESIGN.md's virtual interrupt rules, written from
 * the design and not from virq.c, over abstract state (counts, the guest's
 * words, the upcalls in progress, the line at the controller).
 *
 *   arrival      counts up; delivered at once if the partition runs, is
 *                enabled and the vector unmasked (rule 1), else pends (4)
 *   delivery     lowest vector first, one at a time; disables the guest;
 *                in batch mode (alpha) every deliverable vector in the same
 *                upcall, lowest first (abi.h), all taken off pending
 *   triggers     an arrival, the enable/unmask/sync hypercalls, an upcall
 *                return, the start of the partition's window (rules 2, 3, 5)
 *   virtual tick due every `period` kernel ticks; ticks due outside the
 *                partition's windows are handed over at its next window
 *                start as one arrival of their number
 *   line         masked at the controller from an edge's arrival until the
 *                guest returns from the upcall or unmasks, with nothing of
 *                the line pending, in service or masked; edges that come
 *                while it is masked are held as one (an edge-triggered 8259)
 *   summary      the guest-written hint "something may be deliverable"
 *                (abi.h): an arrival of an unmasked vector sets it; every
 *                trigger that finds the partition enabled leaves it true
 *                (delivered: whatever is still pending and unmasked; nothing
 *                to deliver: 0); the sync and unmask hypercalls set it to
 *                pending & ~mask before the trigger; the guest's enable
 *                makes the sync hypercall only if it is set
 *   state page   pending bits and counts are the kernel's own, read-only to
 *                the guest: a scribble reaches enabled, summary and mask
 *
 * Deliveries happen at the triggers only. A guest that sets `enabled` or
 * clears a mask bit by a plain store, with no hypercall (the random phase's
 * scribbling), is served at its next trigger, not at an unrelated kernel
 * entry (another partition's arrival, a tick with nothing due): the rules
 * leave that open, and the model pins what the kernel does today.
 */
#include <string.h>

#include "model.h"

static bool masked(const struct ref_part *pp, uint32_t v)
{
	return (pp->mask[v >> 5] >> (v & 31u)) & 1u;
}

/* Set v's count; its pending bit follows: pending means count > 0. */
static void set_count(struct ref_part *pp, uint32_t v, uint32_t n)
{
	uint32_t bit = 1u << (v & 31u);

	pp->count[v] = n;
	pp->pending[v >> 5] = n ? pp->pending[v >> 5] | bit : pp->pending[v >> 5] & ~bit;
}

uint32_t ref_guest_pending(const struct ref_part *pp)
{
	return (pp->pending[0] & ~pp->mask[0]) | (pp->pending[1] & ~pp->mask[1]);
}

bool ref_running(const struct ref *m, int part)
{
	return sys_in_window(m->now, part);
}

/* v is in service: it is the partition's line and an upcall in progress
 * handed it over. */
bool ref_in_service(const struct ref_part *pp, uint32_t v)
{
	for (uint32_t i = 0; i < pp->depth; i++)
		if (pp->served[i] && v == pp->line_vec)
			return true;
	return false;
}

/* A trigger: deliver the lowest deliverable vector, if the partition can
 * take one; either way an enabled partition's summary ends up true. */
static void try_deliver(struct ref *m, int part)
{
	struct ref_part *pp = &m->p[part];

	uint32_t d = pp->depth < MAX_NEST ? pp->depth : MAX_NEST - 1u;
	bool first = true;

	if (!ref_running(m, part) || !pp->enabled)
		return;
	pp->summary = 0;
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++) {
		if (!pp->count[v] || masked(pp, v))
			continue;
		if (m->nev < MAX_EVENTS)
			m->ev[m->nev++] = (struct delivery){ (uint8_t)part, (uint8_t)v, pp->count[v] };
		set_count(pp, v, 0);
		if (first) {
			pp->enabled = 0;
			pp->handling[d] = (uint8_t)v;
			pp->served[d] = false;
			first = false;
		}
		pp->served[d] |= v == BH_VEC_IRQ(sys_line(part));
		if (!pp->batch)
			break;
	}
	if (first)
		return;
	if (pp->depth < MAX_NEST)
		pp->depth++;
	pp->summary = ref_guest_pending(pp) != 0;
}

/* The sync and unmask hypercalls tell the truth before the trigger. */
static void summary_refresh(struct ref_part *pp)
{
	pp->summary = ref_guest_pending(pp) != 0;
}

static void arrive(struct ref *m, int part, uint32_t v, uint32_t n)
{
	struct ref_part *pp = &m->p[part];

	set_count(pp, v, pp->count[v] + n < n ? UINT32_MAX : pp->count[v] + n);
	if (!masked(pp, v))
		pp->summary = 1;
	try_deliver(m, part);
}

static void edge(struct ref *m, int part)
{
	struct ref_part *pp = &m->p[part];

	if (pp->pic_masked) {
		pp->latch = true;
		return;
	}
	pp->pic_masked = true;
	arrive(m, part, BH_VEC_IRQ(sys_line(part)), 1);
}

/* The guest is done with its line (upcall return or unmask): rule 3. */
static void line_release(struct ref_part *pp, int part)
{
	uint32_t v = BH_VEC_IRQ(sys_line(part));

	if (!pp->count[v] && !ref_in_service(pp, v) && !masked(pp, v))
		pp->pic_masked = false;
}

static void upcall_return(struct ref *m, int part)
{
	struct ref_part *pp = &m->p[part];
	bool served = pp->served[--pp->depth];

	pp->enabled = 1; /* the flag saved in the frame: on, since it was delivered */
	if (served)
		line_release(pp, part);
	try_deliver(m, part);
}

static void unmask(struct ref *m, int part, uint32_t v)
{
	struct ref_part *pp = &m->p[part];
	bool line = v == BH_VEC_IRQ(sys_line(part));
	bool was_pending = (pp->pending[v >> 5] >> (v & 31u)) & 1u;

	pp->mask[v >> 5] &= ~(1u << (v & 31u));
	if (!line && !was_pending)
		return; /* the guest library makes no hypercall */
	if (line)
		line_release(pp, part);
	summary_refresh(pp);
	try_deliver(m, part);
}

static void scribble(struct ref_part *pp, uint32_t word, uint32_t val)
{
	if (word == 0)
		pp->enabled = val;
	else if (word == 1)
		pp->summary = val;
	else if (word == 2 || word == 3)
		pp->mask[word - 2] = val;
	/* the rest of the page means nothing to the kernel */
}

/* One kernel tick: windows change, virtual ticks fall due or are handed over. */
static void tick(struct ref *m)
{
	m->now++;
	for (int i = 0; i < NPART; i++) {
		struct ref_part *pp = &m->p[i];
		uint32_t period = sys_tick_period(i);
		bool starts = ref_running(m, i) && !sys_in_window(m->now - 1, i);
		if (period && m->now % period == 0)
			pp->owed++;
		if (ref_running(m, i) && pp->owed) {
			uint32_t n = pp->owed;
			pp->owed = 0;
			arrive(m, i, BH_VEC_TICK, n);
		} else if (starts) {
			try_deliver(m, i);
		}
	}
}

/* What follows any event: held edges reach unmasked lines; beta returns. */
static void settle(struct ref *m)
{
	for (bool again = true; again;) {
		again = false;
		for (int i = 0; i < NPART; i++) {
			struct ref_part *pp = &m->p[i];
			if (pp->latch && !pp->pic_masked) {
				pp->latch = false;
				edge(m, i);
				again = true;
			}
		}
		if (m->auto_b && ref_running(m, PB) && m->p[PB].depth) {
			upcall_return(m, PB);
			again = true;
		}
	}
}

static void advance(struct ref *m, int part, bool to_start)
{
	do {
		tick(m);
		settle(m);
	} while (ref_running(m, part) != to_start);
}

static void guest_op(struct ref *m, const struct op *op)
{
	struct ref_part *pp = &m->p[op->part];
	uint32_t v = slot_vec(op->part, op->slot);

	switch (op->kind) {
	case OP_DISABLE:
		pp->enabled = 0;
		break;
	case OP_ENABLE:
		pp->enabled = 1;
		if (pp->summary) { /* the library's test; then the sync hypercall */
			summary_refresh(pp);
			try_deliver(m, op->part);
		}
		break;
	case OP_MASK:
		pp->mask[v >> 5] |= 1u << (v & 31u);
		break;
	case OP_UNMASK:
		unmask(m, op->part, v);
		break;
	case OP_URET:
		upcall_return(m, op->part);
		break;
	case OP_SCRIBBLE:
		scribble(pp, op->word, op->val);
		break;
	case OP_SYNC:
		summary_refresh(pp);
		try_deliver(m, op->part);
		break;
	default:
		break;
	}
}

void ref_apply(struct ref *m, const struct op *op)
{
	m->nev = 0;
	switch (op->kind) {
	case OP_ARRIVE:
		if (op->slot == S_LINE)
			edge(m, op->part);
		else
			arrive(m, op->part, slot_vec(op->part, op->slot), 1);
		break;
	case OP_WSTART:
	case OP_WEND:
		advance(m, op->part, op->kind == OP_WSTART);
		break;
	case OP_TICK:
		tick(m);
		break;
	default:
		guest_op(m, op);
		break;
	}
	settle(m);
}

/* Power-on: everything masked and disabled, the line masked, time 0. */
void ref_init(struct ref *m, bool auto_b)
{
	memset(m, 0, sizeof(*m));
	m->auto_b = auto_b;
	for (int i = 0; i < NPART; i++) {
		m->p[i].mask[0] = m->p[i].mask[1] = UINT32_MAX;
		m->p[i].pic_masked = true;
		m->p[i].line_vec = BH_VEC_IRQ(sys_line(i));
	}
	m->p[PA].batch = true; /* alpha registers batch upcalls (drive.c) */
}
