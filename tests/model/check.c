/*
 * The comparisons made after every step: the deliveries of the step (which
 * partition, which vector, how many, in which order), then each
 * partition's whole virtual interrupt state, kernel against model: counts
 * and pending bits (in the vCPU state page), lines in service, the
 * guest-written words (the summary hint included), the line at the
 * interrupt controller, the upcalls in progress, where the guest's code
 * is; and that nothing went to
 * the health monitor. check_totals() is the end-of-sequence bookkeeping:
 * every arrival delivered exactly once.
 */
#include <stdarg.h>
#include <stdio.h>

#include <arch/host.h>
#include <bh/partition.h>
#include <bh/sched.h>

#include "model.h"

static char msg[512];

static const char *say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return msg;
}

static const char *name(int i)
{
	return bh_cfg.partitions[i].name;
}

static const char *check_events(const struct world *w)
{
	const struct ref *m = &w->ref;
	uint32_t n = w->nev < m->nev ? w->nev : m->nev;

	for (uint32_t k = 0; k < n; k++) {
		const struct delivery *a = &w->ev[k], *b = &m->ev[k];
		if (a->part != b->part || a->vec != b->vec || a->count != b->count)
			return say("delivery %u: kernel gave %s vector %u count %u, model %s vector "
				   "%u count %u", k + 1, name(a->part), a->vec, a->count,
				   name(b->part), b->vec, b->count);
	}
	if (w->nev != m->nev) {
		const struct delivery *d = w->nev > m->nev ? &w->ev[n] : &m->ev[n];
		return say("%s delivered %s vector %u count %u, the %s did not",
			   w->nev > m->nev ? "the kernel" : "the model", name(d->part), d->vec,
			   d->count, w->nev > m->nev ? "model" : "kernel");
	}
	return NULL;
}

/*
 * The hot comparison of every step, left out of the sanitizers'
 * instrumentation (their per-load checks made it a third of the run time);
 * the arrays compared are fixed-size members of live structures.
 */
__attribute__((no_sanitize("address", "undefined"))) static bool
same_words(const uint32_t *a, const uint32_t *b, uint32_t n)
{
	uint32_t diff = 0;

	for (uint32_t k = 0; k < n; k++)
		diff |= a[k] ^ b[k];
	return !diff;
}

/* Where the kernel and the model first differ about vector v's state. */
static const char *vector_diff(int i, const struct partition *p, const struct ref_part *pp,
			       uint32_t v)
{
	const struct virq *q = &p->virq;
	const struct bh_vcpu_state *vs = p->vstate;
	bool pend = (vs->pending[v >> 5] >> (v & 31u)) & 1u;
	bool serv = bh_bit_test(q->in_service, v);

	if (vs->count[v] != pp->count[v] || pend != (pp->count[v] != 0))
		return say("%s vector %u: kernel count %u pending %d, model count %u", name(i), v,
			   vs->count[v], pend, pp->count[v]);
	if (serv != (v >= BH_VEC_IRQ_BASE && ref_in_service(pp, v)))
		return say("%s vector %u: kernel in-service %d, model %d", name(i), v, serv, !serv);
	return NULL;
}

static const char *check_vectors(int i, const struct partition *p, const struct ref_part *pp)
{
	const struct virq *q = &p->virq;
	const struct bh_vcpu_state *vs = p->vstate;
	uint32_t serv[2] = { 0, 0 };

	for (uint32_t d = 0; d < pp->depth; d++)
		if (pp->served[d])
			bh_bit_set(serv, BH_VEC_IRQ(sys_line(i)));
	if (same_words((const uint32_t *)vs->count, pp->count, BH_NR_VECTORS) &&
	    same_words((const uint32_t *)vs->pending, pp->pending, 2) &&
	    same_words(q->in_service, serv, 2))
		return NULL;
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++) {
		const char *why = vector_diff(i, p, pp, v);
		if (why)
			return why;
	}
	return say("%s: kernel and model differ in vectors outside 0..63", name(i));
}

static const char *check_page(int i, const struct bh_vcpu *vc, const struct ref_part *pp)
{
	if (vc->enabled != pp->enabled)
		return say("%s enabled: page %u, model %u", name(i), vc->enabled, pp->enabled);
	if (vc->summary != pp->summary)
		return say("%s summary: page %u, model %u", name(i), vc->summary, pp->summary);
	for (uint32_t k = 0; k < 2; k++)
		if (vc->mask[k] != pp->mask[k])
			return say("%s mask[%u]: page %#x, model %#x", name(i), k, vc->mask[k],
				   pp->mask[k]);
	return NULL;
}

static const char *check_line(int i, const struct world *w, const struct ref_part *pp)
{
	uint32_t line = sys_line(i);
	bool masked = (host_irq_masked >> line) & 1u;

	if (masked != pp->pic_masked)
		return say("%s line %u at the controller: %s, rule 3 says %s", name(i), line,
			   masked ? "masked" : "unmasked", pp->pic_masked ? "masked" : "unmasked");
	if (w->latch[i] != pp->latch)
		return say("%s line %u: controller %s an edge, model %s", name(i), line,
			   w->latch[i] ? "holds" : "holds no", pp->latch ? "holds one" : "none");
	return NULL;
}

static const char *check_guest(int i, const struct world *w, const struct partition *p,
			       const struct ref_part *pp)
{
	const struct guest *g = &w->g[i];

	if (p->mode == BH_MODE_IDLE || p->hm_events)
		return say("%s went to the health monitor (%u events, mode %u)", name(i),
			   p->hm_events, p->mode);
	if (g->depth != pp->depth)
		return say("%s upcalls in progress: kernel %u, model %u", name(i), g->depth,
			   pp->depth);
	for (uint32_t d = 0; d < g->depth; d++)
		if (g->f[d].vector != pp->handling[d])
			return say("%s upcall level %u: kernel vector %u, model %u", name(i), d,
				   g->f[d].vector, pp->handling[d]);
	if (p->ctx.regs.eip != (g->depth ? G_HANDLER_PC + 16u * g->depth : G_MAIN_PC))
		return say("%s context at %#x: not where its code was", name(i), p->ctx.regs.eip);
	return NULL;
}

static const char *check_part(const struct world *w, int i)
{
	const struct partition *p = &bh_partitions[i];
	const struct ref_part *pp = &w->ref.p[i];
	const char *why;

	if ((why = check_vectors(i, p, pp)) || (why = check_page(i, p->vcpu, pp)) ||
	    (why = check_line(i, w, pp)) || (why = check_guest(i, w, p, pp)))
		return why;
	return NULL;
}

const char *check_step(const struct world *w)
{
	const char *why = drive_error();

	if (why || (why = check_events(w)))
		return why;
	if (bh_sched.now != w->ref.now)
		return say("kernel time %llu, model %llu", (unsigned long long)bh_sched.now,
			   (unsigned long long)w->ref.now);
	for (int i = 0; i < NPART; i++) {
		bool runs = bh_sched.running == &bh_partitions[i];
		if (runs != ref_running(&w->ref, i))
			return say("%s %s, the schedule says otherwise", name(i),
				   runs ? "runs" : "does not run");
		if ((why = check_part(w, i)))
			return why;
	}
	return NULL;
}

/*
 * After a drain, with the partition in its window: nothing left anywhere,
 * and each slot's delivered counts add up to its arrivals. Virtual ticks
 * are counted from time alone: one every period since boot. Device edges
 * either reached the kernel or were merged by the controller into one it
 * held, and none is held any more.
 */
const char *check_totals(const struct world *w, int i)
{
	const struct tally *t = &w->t;
	const struct virq *q = &bh_partitions[i].virq;
	const struct bh_vcpu_state *vs = bh_partitions[i].vstate;
	uint64_t ticks = bh_sched.now / sys_tick_period(i);

	if (vs->pending[0] || vs->pending[1] || q->in_service[0] || q->in_service[1] ||
	    w->g[i].depth || w->latch[i])
		return say("%s: drained, yet something is pending, in service or held", name(i));
	for (int s = 0; s < NSLOT; s++) {
		uint64_t arrived = s == S_TICK ? ticks : t->arrived[i][s];
		if (t->delivered[i][s] != arrived)
			return say("%s vector %u: %llu arrivals, %llu delivered", name(i),
				   slot_vec(i, s), (unsigned long long)arrived,
				   (unsigned long long)t->delivered[i][s]);
	}
	if (t->arrived[i][S_LINE] + t->coalesced[i] != t->edges[i])
		return say("%s line: %llu edges, %llu reached the kernel, %llu merged", name(i),
			   (unsigned long long)t->edges[i],
			   (unsigned long long)t->arrived[i][S_LINE],
			   (unsigned long long)t->coalesced[i]);
	return NULL;
}
