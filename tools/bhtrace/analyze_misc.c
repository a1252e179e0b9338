/*
 * Hypercalls (entry to exit, per partition) and the instants the outputs
 * mark: health-monitor events, mode changes, restarts, port messages sent
 * and received.
 */
#include "analyze.h"

static int on_hc_entry(struct an_state *s, const struct bht_rec *r)
{
	struct bht_model *m = s->m;
	struct bht_hcall *h = an_push(&m->hcalls, &m->nhcalls, &s->caps[4], sizeof(*h));

	if (!h)
		return -1;
	*h = (struct bht_hcall){ r->part, r->a, r->b, 0, r->t, -1 };
	/* A call with no exit (the run ended in it) stays open: t1 = -1. */
	s->open_hc[r->part] = m->nhcalls - 1;
	m->stats[r->part].hcalls++;
	return 0;
}

static void on_hc_exit(struct an_state *s, const struct bht_rec *r)
{
	size_t *open = &s->open_hc[r->part];

	if (*open == AN_NONE)
		return; /* its entry was lost */
	struct bht_hcall *h = &s->m->hcalls[*open];
	if (h->nr != r->a)
		an_problem(s, r, "%s: exit of hypercall %u inside hypercall %u",
			   bht_part_name(s->t, r->part), r->a, h->nr);
	h->t1 = r->t;
	h->result = (int32_t)r->b;
	/* INT32_MIN: the handler set the result registers itself. */
	if (h->result < 0 && h->result != INT32_MIN)
		s->m->stats[r->part].hc_errors++;
	*open = AN_NONE;
}

static int on_mark(struct an_state *s, const struct bht_rec *r)
{
	struct bht_model *m = s->m;
	struct bht_mark *k = an_push(&m->marks, &m->nmarks, &s->caps[5], sizeof(*k));

	if (!k)
		return -1;
	*k = (struct bht_mark){ r->t, r->type, r->part, r->a, r->b };
	if (r->part == BH_TRACE_KERNEL)
		return 0;
	if (r->type == BH_TRACE_HM_EVENT)
		m->stats[r->part].hm++;
	m->stats[r->part].msgs_sent += r->type == BH_TRACE_PORT_MSG;
	m->stats[r->part].msgs_received += r->type == BH_TRACE_PORT_RECV;
	if (r->type == BH_TRACE_RESTART) {
		m->stats[r->part].restarts++;
		an_virq_restart(s, r->part, r->t);
	}
	return 0;
}

int an_misc(struct an_state *s, const struct bht_rec *r)
{
	switch (r->type) {
	case BH_TRACE_HC_ENTRY:
	case BH_TRACE_HC_EXIT:
		if (r->part == BH_TRACE_KERNEL) {
			an_problem(s, r, "hypercall record without a partition");
			return 0;
		}
		if (r->type == BH_TRACE_HC_ENTRY)
			return on_hc_entry(s, r);
		on_hc_exit(s, r);
		return 0;
	case BH_TRACE_HM_EVENT:
	case BH_TRACE_MODE:
	case BH_TRACE_RESTART:
	case BH_TRACE_PORT_MSG:
	case BH_TRACE_PORT_RECV:
		return on_mark(s, r);
	default:
		s->m->unknown_records++;
		return 0;
	}
}
