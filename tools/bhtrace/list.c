/*
 * `bhtrace list`: every record in the range as one line of text: time,
 * partition, event and its fields by name (docs/trace.md). For reading a
 * run event by event, or feeding grep.
 */
#include <bulkhead/abi.h>

#include "bhtrace.h"

static void list_fields(const struct bht_trace *t, const struct bht_rec *r, FILE *out)
{
	char v[24];

	switch (r->type) {
	case BH_TRACE_TICK:
		fprintf(out, "tick=%u", r->b);
		break;
	case BH_TRACE_WINDOW_START:
	case BH_TRACE_WINDOW_END:
		fprintf(out, "window=%u tick=%llu%s", r->a & 0x7FFFu,
			(unsigned long long)bht_rec_tick(t, r),
			r->a & BH_TRACE_WIN_IDLE ? " owner-stopped" : "");
		break;
	case BH_TRACE_IRQ:
		fprintf(out, "line=%u", r->a);
		break;
	case BH_TRACE_VIRQ_RAISE:
	case BH_TRACE_VIRQ_PENDING:
	case BH_TRACE_VIRQ_DELIVER:
	case BH_TRACE_VIRQ_RETURN:
	case BH_TRACE_VIRQ_DISCARD:
		bht_vector_name(r->a & ~BH_TRACE_VEC_FLAGS, v, sizeof(v));
		fprintf(out, "vector=%u (%s)%s%s %s=%u", r->a & ~BH_TRACE_VEC_FLAGS, v,
			r->type == BH_TRACE_VIRQ_DELIVER && (r->a & BH_TRACE_DIRECT) ? " direct" : "",
			r->type == BH_TRACE_VIRQ_DELIVER && (r->a & BH_TRACE_BATCH) ? " batch" : "",
			r->type == BH_TRACE_VIRQ_RETURN ? "enabled" : "count", r->b);
		break;
	case BH_TRACE_HC_ENTRY:
		fprintf(out, "nr=%u (%s) arg0=%#x", r->a, bht_hc_name(r->a), r->b);
		break;
	case BH_TRACE_HC_EXIT:
		fprintf(out, "nr=%u (%s) result=%d", r->a, bht_hc_name(r->a), (int32_t)r->b);
		break;
	case BH_TRACE_HM_EVENT:
		fprintf(out, "event=%s action=%s pc=%#x", bht_hm_event_name(r->a & 0xFFu),
			bht_hm_action_name(r->a >> 8), r->b);
		break;
	case BH_TRACE_MODE:
		fprintf(out, "mode=%s condition=%u", bht_mode_name(r->a), r->b);
		break;
	case BH_TRACE_RESTART:
		fprintf(out, "%s condition=%u", r->a ? "cold" : "warm", r->b);
		break;
	default:
		fprintf(out, "a=%u b=%u", r->a, r->b);
	}
}

int bht_write_list(const struct bht_trace *t, const struct bht_range *rg, FILE *out)
{
	int64_t to = rg->to < 0 ? INT64_MAX : rg->to;

	for (size_t i = 0; i < t->nrecs; i++) {
		const struct bht_rec *r = &t->recs[i];
		if (r->t < rg->from || r->t > to)
			continue;
		fprintf(out, "%13.3f us  %-12s %-13s ", (double)r->t / 1e3,
			bht_part_name(t, r->part), bht_event_name(r->type));
		list_fields(t, r, out);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
