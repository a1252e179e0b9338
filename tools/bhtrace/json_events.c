/*
 * The events of `bhtrace json` (see json.c for the thread layout). Slices
 * are clipped to the requested range, which keeps their nesting intact.
 */
#include <bulkhead/abi.h>

#include "json.h"

static void clip(const struct json_out *j, int64_t *t0, int64_t *t1)
{
	if (*t0 < j->from)
		*t0 = j->from;
	if (*t1 > j->to)
		*t1 = j->to;
}

static void hcall(struct json_out *j, const struct bht_model *m, const struct bht_hcall *h)
{
	int64_t t0 = h->t0, t1 = h->t1 < 0 ? m->t_end : h->t1;
	char name[48];

	if (!json_in_range(j, t0, t1))
		return;
	clip(j, &t0, &t1);
	snprintf(name, sizeof(name), "hc %s", bht_hc_name(h->nr));
	json_slice(j, JSON_TID_RUN + h->part, name, "hypercall", t0, t1);
	fprintf(j->out, ",\"args\":{\"nr\":%u,\"arg0\":%u,", h->nr, h->arg0);
	if (h->t1 < 0)
		fputs("\"result\":\"no exit\"}}", j->out);
	else
		fprintf(j->out, "\"result\":%d}}", h->result);
}

void json_runs(struct json_out *j, const struct bht_model *m)
{
	for (size_t i = 0; i < m->nruns; i++) {
		const struct bht_run *r = &m->runs[i];
		int64_t t0 = r->t0, t1 = r->t1;
		if (!json_in_range(j, t0, t1))
			continue;
		clip(j, &t0, &t1);
		if (r->part == BH_TRACE_KERNEL)
			json_slice(j, JSON_TID_KERNEL, "idle", "sched", t0, t1);
		else
			json_slice(j, JSON_TID_RUN + r->part, "running", "sched", t0, t1);
		fputs("}", j->out);
	}
	for (size_t i = 0; i < m->nhcalls; i++)
		hcall(j, m, &m->hcalls[i]);
}

void json_windows(struct json_out *j, const struct bht_model *m)
{
	char name[48];

	for (size_t i = 0; i < m->nwindows; i++) {
		const struct bht_window *w = &m->windows[i];
		int64_t t0 = w->t0, t1 = w->t1;
		if (!json_in_range(j, t0, t1))
			continue;
		clip(j, &t0, &t1);
		snprintf(name, sizeof(name), "window %u", w->index);
		json_slice(j, JSON_TID_WINDOWS + w->part, name, "window", t0, t1);
		fprintf(j->out, ",\"args\":{\"frame\":%llu,\"ran_us\":", (unsigned long long)w->frame);
		json_us(j->out, w->ran);
		fputs(",\"start_delay_us\":", j->out);
		if (w->first_run >= 0)
			json_us(j->out, w->first_run - w->t0);
		else
			fputs("null", j->out);
		fprintf(j->out, ",\"owner_stopped\":%s}}", w->owner_idle ? "true" : "false");
	}
}

static void pending(struct json_out *j, const struct bht_model *m, size_t i)
{
	const struct bht_irq *q = &m->irqs[i];
	int64_t t0 = q->arrival, t1 = q->fate == BHT_PENDING ? m->t_end : q->delivery;
	char name[48], v[24];

	if (q->direct || !json_in_range(j, t0, t1))
		return;
	clip(j, &t0, &t1);
	bht_vector_name(q->vector, v, sizeof(v));
	snprintf(name, sizeof(name), "%s pending", v);
	json_head(j, "b", JSON_TID_RUN + q->part, name);
	fprintf(j->out, ",\"cat\":\"pending\",\"id\":\"0x%zx\",\"ts\":", i);
	json_us(j->out, t0);
	fprintf(j->out, ",\"args\":{\"arrivals\":%u,\"in_window\":%s}}", q->n,
		q->in_window ? "true" : "false");
	json_head(j, "e", JSON_TID_RUN + q->part, name);
	fprintf(j->out, ",\"cat\":\"pending\",\"id\":\"0x%zx\",\"ts\":", i);
	json_us(j->out, t1);
	fprintf(j->out, ",\"args\":{\"fate\":\"%s\"}}",
		q->fate == BHT_DELIVERED ? "delivered" : q->fate == BHT_DISCARDED ? "discarded"
										  : "still pending");
}

static void upcall(struct json_out *j, const struct bht_model *m, const struct bht_upcall *u)
{
	int64_t t0 = u->t0, t1 = u->t1 < 0 ? m->t_end : u->t1;
	char name[48], v[24];

	if (!json_in_range(j, t0, t1))
		return;
	clip(j, &t0, &t1);
	bht_vector_name(u->vector, v, sizeof(v));
	snprintf(name, sizeof(name), "upcall %s", v);
	json_slice(j, JSON_TID_UPCALLS + u->part, name, "virq", t0, t1);
	fprintf(j->out, ",\"args\":{\"vector\":%u,\"count\":%u,\"depth\":%u}}", u->vector,
		u->count, u->depth);
}

void json_virq(struct json_out *j, const struct bht_model *m)
{
	char name[48];

	for (size_t i = 0; i < m->nkirqs; i++) {
		const struct bht_rec *k = &m->kirqs[i];
		if (!json_in_range(j, k->t, k->t))
			continue;
		snprintf(name, sizeof(name), "irq %u", k->a);
		json_instant(j, JSON_TID_KERNEL, name, "irq", k->t);
		fputs(",\"args\":{\"owner\":", j->out);
		json_str(j->out, bht_part_name(m->trace, k->part));
		fputs("}}", j->out);
	}
	for (size_t i = 0; i < m->nirqs; i++)
		pending(j, m, i);
	for (size_t i = 0; i < m->nupcalls; i++)
		upcall(j, m, &m->upcalls[i]);
}

static void mark_name(const struct bht_mark *k, char *buf, size_t len)
{
	switch (k->type) {
	case BH_TRACE_HM_EVENT:
		snprintf(buf, len, "hm %s -> %s", bht_hm_event_name(k->a & 0xFFu),
			 bht_hm_action_name(k->a >> 8));
		break;
	case BH_TRACE_MODE:
		snprintf(buf, len, "mode %s", bht_mode_name(k->a));
		break;
	case BH_TRACE_RESTART:
		snprintf(buf, len, "%s restart", k->a ? "cold" : "warm");
		break;
	case BH_TRACE_PORT_MSG:
	case BH_TRACE_PORT_RECV:
		snprintf(buf, len, "port %u %s (%u bytes)", k->a,
			 k->type == BH_TRACE_PORT_MSG ? "sent" : "received", k->b);
		break;
	default:
		snprintf(buf, len, "%s %u", bht_event_name(k->type), k->a);
	}
}

void json_misc(struct json_out *j, const struct bht_model *m)
{
	char name[64];

	for (size_t i = 0; i < m->nmarks; i++) {
		const struct bht_mark *k = &m->marks[i];
		if (!json_in_range(j, k->t, k->t))
			continue;
		mark_name(k, name, sizeof(name));
		json_instant(j, k->part == BH_TRACE_KERNEL ? JSON_TID_KERNEL : JSON_TID_RUN + k->part,
			     name, bht_event_name(k->type), k->t);
		fprintf(j->out, ",\"args\":{\"a\":%u,\"b\":%u}}", k->a, k->b);
	}
}
