/*
 * Virtual interrupts in the analysis. Each arrival (a raise, or a physical
 * line's arrival delivered at once) becomes a struct bht_irq; arrivals of
 * one vector wait in a list until a delivery takes them all (the kernel
 * coalesces them into one upcall with their count) or a discard drops them.
 * A line's arrival time is that of its IRQ record, which precedes the
 * raise or direct delivery it caused. Upcalls nest per partition until
 * their return.
 */
#include <stdlib.h>

#include "analyze.h"

static size_t *pend_slot(size_t *arr, uint32_t part, uint32_t v)
{
	return &arr[(size_t)part * AN_VECTORS + v];
}

static int64_t arrival_time(struct an_state *s, const struct bht_rec *r, uint32_t v)
{
	uint32_t line = v - BH_VEC_IRQ_BASE;

	if (v < BH_VEC_IRQ_BASE || line >= BH_NR_IRQ_LINES || !s->line_fresh[line])
		return r->t;
	s->line_fresh[line] = false;
	return s->line_t[line];
}

static struct bht_irq *new_irq(struct an_state *s, const struct bht_rec *r, uint32_t v,
			       uint32_t n)
{
	struct bht_model *m = s->m;
	size_t nn = m->nirqs;
	struct bht_irq *q = an_push(&m->irqs, &m->nirqs, &s->caps[1], sizeof(*q));

	if (!q || !an_push(&s->irq_next, &nn, &s->next_cap, sizeof(size_t)))
		return NULL;
	*q = (struct bht_irq){ r->part, v, n, arrival_time(s, r, v), -1, BHT_PENDING,
			       false, false, false };
	q->in_window = an_window_at(m, q->arrival, r->part) != NULL;
	s->irq_next[m->nirqs - 1] = AN_NONE;
	m->stats[r->part].arrivals += n;
	return q;
}

static int on_raise(struct an_state *s, const struct bht_rec *r)
{
	uint32_t v = r->a % AN_VECTORS;
	struct bht_irq *q = new_irq(s, r, v, r->b);
	size_t idx = s->m->nirqs - 1;

	if (!q)
		return -1;
	size_t *head = pend_slot(s->pend_head, r->part, v);
	size_t *tail = pend_slot(s->pend_tail, r->part, v);
	if (*head == AN_NONE)
		*head = idx;
	else
		s->irq_next[*tail] = idx;
	*tail = idx;
	return 0;
}

/* The outstanding arrivals of part/v all meet their fate at r; their count. */
static uint64_t settle(struct an_state *s, const struct bht_rec *r, uint32_t v,
		       enum bht_fate fate)
{
	size_t *head = pend_slot(s->pend_head, r->part, v);
	uint64_t n = 0;

	for (size_t i = *head; i != AN_NONE; i = s->irq_next[i]) {
		s->m->irqs[i].fate = fate;
		s->m->irqs[i].delivery = r->t;
		n += s->m->irqs[i].n;
	}
	*head = *pend_slot(s->pend_tail, r->part, v) = AN_NONE;
	return n;
}

static int push_upcall(struct an_state *s, const struct bht_rec *r, uint32_t v)
{
	struct bht_model *m = s->m;
	uint32_t *depth = &s->udepth[r->part];
	struct bht_upcall *u = an_push(&m->upcalls, &m->nupcalls, &s->caps[2], sizeof(*u));

	if (!u)
		return -1;
	*u = (struct bht_upcall){ r->part, v, r->b, r->t, -1, *depth };
	if (*depth < AN_NEST_MAX)
		s->ustack[(size_t)r->part * AN_NEST_MAX + (*depth)++] = m->nupcalls - 1;
	else
		an_problem(s, r, "upcalls of %s nest deeper than %u",
			   bht_part_name(s->t, r->part), AN_NEST_MAX);
	if (v < BH_NR_VECTORS)
		m->stats[r->part].upcalls++;
	else
		m->stats[r->part].traps++;
	return 0;
}

static int on_deliver(struct an_state *s, const struct bht_rec *r)
{
	uint32_t v = (r->a & ~BH_TRACE_VEC_FLAGS) % AN_VECTORS;

	if (r->a & BH_TRACE_DIRECT) {
		struct bht_irq *q = new_irq(s, r, v, 1);
		if (!q)
			return -1;
		q->fate = BHT_DELIVERED;
		q->delivery = r->t;
		q->direct = true;
	} else if (v < BH_NR_VECTORS) {
		uint64_t n = settle(s, r, v, BHT_DELIVERED);
		if (!n)
			s->m->unmatched_deliveries++;
		else if (n != r->b && !s->t->lost)
			an_problem(s, r, "%s delivered with count %u, %llu arrivals recorded",
				   bht_part_name(s->t, r->part), r->b, (unsigned long long)n);
	}
	if (r->a & BH_TRACE_BATCH)
		return 0; /* run in the upcall of the delivery before it */
	return push_upcall(s, r, v);
}

static void on_return(struct an_state *s, const struct bht_rec *r)
{
	uint32_t *depth = &s->udepth[r->part];

	if (!*depth) {
		s->m->unmatched_returns++;
		return;
	}
	struct bht_upcall *u = &s->m->upcalls[s->ustack[(size_t)r->part * AN_NEST_MAX + --*depth]];
	u->t1 = r->t;
	s->m->stats[r->part].returns++;
}

static void on_discard(struct an_state *s, const struct bht_rec *r)
{
	uint32_t v = r->a % AN_VECTORS;
	uint64_t n = settle(s, r, v, BHT_DISCARDED);

	s->m->stats[r->part].discarded += n;
	if (n != r->b && !s->t->lost)
		an_problem(s, r, "%s: %u arrivals discarded, %llu recorded",
			   bht_part_name(s->t, r->part), r->b, (unsigned long long)n);
}

int an_virq(struct an_state *s, const struct bht_rec *r)
{
	if (r->type == BH_TRACE_IRQ) {
		struct bht_rec *k = an_push(&s->m->kirqs, &s->m->nkirqs, &s->caps[3], sizeof(*k));
		if (!k)
			return -1;
		*k = *r;
		if (r->a < BH_NR_IRQ_LINES) {
			s->line_t[r->a] = r->t;
			s->line_fresh[r->a] = true;
		}
		return 0;
	}
	if (r->part == BH_TRACE_KERNEL) {
		an_problem(s, r, "%s without a partition", bht_event_name(r->type));
		return 0;
	}
	switch (r->type) {
	case BH_TRACE_VIRQ_RAISE:
		return on_raise(s, r);
	case BH_TRACE_VIRQ_PENDING: {
		size_t tail = *pend_slot(s->pend_tail, r->part, r->a % AN_VECTORS);
		if (tail != AN_NONE)
			s->m->irqs[tail].went_pending = true;
		return 0;
	}
	case BH_TRACE_VIRQ_DELIVER:
		return on_deliver(s, r);
	case BH_TRACE_VIRQ_RETURN:
		on_return(s, r);
		return 0;
	default:
		on_discard(s, r);
		return 0;
	}
}

/* A restart abandons the partition's upcalls: they end there, unreturned. */
void an_virq_restart(struct an_state *s, uint32_t part, int64_t t)
{
	uint32_t *depth = &s->udepth[part];

	while (*depth)
		s->m->upcalls[s->ustack[(size_t)part * AN_NEST_MAX + --*depth]].t1 = t;
}

void an_virq_finish(struct an_state *s)
{
	struct bht_model *m = s->m;

	for (size_t i = 0; i < m->nirqs; i++) {
		const struct bht_irq *q = &m->irqs[i];
		struct bht_part_stats *st = &m->stats[q->part];
		int64_t end = q->fate == BHT_PENDING ? m->t_end : q->delivery;
		if (q->fate == BHT_PENDING)
			st->outstanding += q->n;
		if (q->direct)
			continue;
		st->pending_ns += end - q->arrival;
		if (end - q->arrival > st->pending_max)
			st->pending_max = end - q->arrival;
	}
}
