/*
 * Marks on a partition's lane: interrupt arrivals (triangles on top),
 * deliveries (circles at the bottom), a red line from each arrival to its
 * delivery where the wait is visible at this scale, health-monitor events
 * (red diamonds) and mode changes and restarts (flags). Arrivals and
 * deliveries in the same pixel column share one mark whose title counts
 * them.
 */
#include <stdlib.h>

#include <bulkhead/abi.h>

#include "svg.h"

/* Per pixel column: how many arrivals/deliveries, the longest wait. */
struct column {
	uint32_t arrivals, deliveries, direct, lines;
	int64_t worst;
};

static long col_of(const struct svg *s, int64_t t)
{
	if (t < s->from || t > s->to)
		return -1;
	long c = (long)(svg_x(s, t) - SVG_LEFT);
	return c < (long)s->width ? c : (long)s->width - 1;
}

static void fill_columns(struct svg *s, uint32_t p, struct column *col)
{
	const struct bht_model *m = s->m;

	for (size_t i = 0; i < m->nirqs; i++) {
		const struct bht_irq *q = &m->irqs[i];
		long a = col_of(s, q->arrival);
		long d = q->fate == BHT_DELIVERED ? col_of(s, q->delivery) : -1;
		if (q->part != p)
			continue;
		if (a >= 0) {
			col[a].arrivals += q->n;
			col[a].lines += q->vector >= BH_VEC_IRQ_BASE && q->vector < BH_VEC_TRAP_BASE;
		}
		if (d >= 0) {
			col[d].deliveries += q->n;
			col[d].direct += q->direct;
			if (q->delivery - q->arrival > col[d].worst)
				col[d].worst = q->delivery - q->arrival;
		}
	}
}

static void draw_columns(struct svg *s, double y, const struct column *col)
{
	char w[32];

	for (long c = 0; c < (long)s->width; c++) {
		double x = SVG_LEFT + (double)c + 0.5;
		if (col[c].arrivals) {
			fprintf(s->out, "<path d=\"M%.1f %.1f l-4 -7 h8 Z\" fill=\"#212529\">", x, y + 11);
			svg_title(s->out, "%u arrival(s), %u of them on device lines", col[c].arrivals,
				  col[c].lines);
			fputs("</path>\n", s->out);
		}
		if (col[c].deliveries) {
			bht_fmt_time(col[c].worst, w, sizeof(w));
			fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" "
					"stroke=\"#212529\" stroke-width=\"1.4\">",
				x, y + SVG_LANE - 8);
			svg_title(s->out, "%u arrival(s) delivered (%u directly), longest wait %s",
				  col[c].deliveries, col[c].direct, w);
			fputs("</circle>\n", s->out);
		}
	}
}

/* A line per wait that spans at least three pixels (one per distinct pair). */
static void draw_waits(struct svg *s, uint32_t p, double y)
{
	const struct bht_model *m = s->m;
	long last_a = -1, last_d = -1;
	char v[24], w[32];

	fputs("<g stroke=\"#e03131\" stroke-width=\"1.2\" stroke-opacity=\"0.8\">\n", s->out);
	for (size_t i = 0; i < m->nirqs; i++) {
		const struct bht_irq *q = &m->irqs[i];
		if (q->part != p || q->fate != BHT_DELIVERED || q->delivery < s->from ||
		    q->arrival > s->to)
			continue;
		double xa = svg_x(s, q->arrival), xd = svg_x(s, q->delivery);
		if (xd - xa < 3 || ((long)xa == last_a && (long)xd == last_d))
			continue;
		last_a = (long)xa;
		last_d = (long)xd;
		bht_vector_name(q->vector, v, sizeof(v));
		bht_fmt_time(q->delivery - q->arrival, w, sizeof(w));
		fprintf(s->out, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\">", xa, y + 11, xd,
			y + SVG_LANE - 12);
		svg_title(s->out, "%s: arrived %s window, waited %s", v,
			  q->in_window ? "in its" : "outside its", w);
		fputs("</line>\n", s->out);
	}
	fputs("</g>\n", s->out);
}

static void draw_mark(struct svg *s, const struct bht_mark *k, double y)
{
	double x = svg_x(s, k->t);
	char at[32];

	bht_fmt_time(k->t, at, sizeof(at));
	if (k->type == BH_TRACE_HM_EVENT) {
		fprintf(s->out, "<path d=\"M%.1f %.1f l7 8 l-7 8 l-7 -8 Z\" fill=\"#e03131\" "
				"stroke=\"#ffffff\">",
			x, y + 18);
		svg_title(s->out, "health monitor at %s: %s, action %s, pc %#x", at,
			  bht_hm_event_name(k->a & 0xFFu), bht_hm_action_name(k->a >> 8), k->b);
	} else if (k->type == BH_TRACE_PORT_MSG) {
		fprintf(s->out, "<path d=\"M%.1f %.1f h9 v7 h-9 Z l4.5 4 l4.5 -4\" fill=\"#ffffff\" "
				"stroke=\"#1971c2\" stroke-width=\"1.3\">",
			x - 4.5, y + 22);
		svg_title(s->out, "port %u: message of %u bytes sent at %s", k->a, k->b, at);
	} else if (k->type == BH_TRACE_PORT_RECV) {
		/* The sent mark's envelope, filled: the message taken in. */
		fprintf(s->out, "<path d=\"M%.1f %.1f h9 v7 h-9 Z l4.5 4 l4.5 -4\" fill=\"#a5d8ff\" "
				"stroke=\"#1971c2\" stroke-width=\"1.3\">",
			x - 4.5, y + 22);
		svg_title(s->out, "port %u: message of %u bytes received at %s", k->a, k->b, at);
	} else {
		fprintf(s->out, "<path d=\"M%.1f %.1f v-16 l10 3 l-10 3\" fill=\"#212529\" "
				"stroke=\"#212529\" stroke-width=\"1.4\">",
			x, y + 34);
		if (k->type == BH_TRACE_MODE)
			svg_title(s->out, "mode %s at %s", bht_mode_name(k->a), at);
		else if (k->type == BH_TRACE_RESTART)
			svg_title(s->out, "%s restart at %s", k->a ? "cold" : "warm", at);
		else
			svg_title(s->out, "%s %u (%u) at %s", bht_event_name(k->type), k->a, k->b, at);
	}
	fputs("</path>\n", s->out);
}

void svg_marks(struct svg *s, uint32_t p)
{
	const struct bht_model *m = s->m;
	double y = svg_lane_y(1 + p);
	struct column *col = calloc((size_t)s->width + 1, sizeof(*col));

	fputs("<g clip-path=\"url(#plot)\">\n", s->out);
	draw_waits(s, p, y);
	if (col) {
		fill_columns(s, p, col);
		draw_columns(s, y, col);
		free(col);
	}
	/* Health-monitor events last, on top; one mark per column and pass. */
	for (int hm = 0; hm < 2; hm++) {
		long last = -1;
		for (size_t i = 0; i < m->nmarks; i++) {
			const struct bht_mark *k = &m->marks[i];
			long c = col_of(s, k->t);
			if (k->part != p || c < 0 || c == last ||
			    (k->type == BH_TRACE_HM_EVENT) != (hm == 1))
				continue;
			draw_mark(s, k, y);
			last = c;
		}
	}
	fputs("</g>\n", s->out);
}
