/*
 * The lanes of the SVG timeline: the kernel's (idle time, ticks, physical
 * interrupts) and each partition's (configured windows behind the time it
 * actually ran, with the time spent in upcalls as a dark strip). Each lane
 * is a <g class="lane"> whose data- attributes give its box and colour, so
 * tests can find it in a rendering.
 */
#include <string.h>

#include "svg.h"

void svg_merge_flush(struct svg_merge *g)
{
	char a[32], b[32], busy[32];
	double w = g->x1 - g->x0;

	if (!g->n)
		return;
	fprintf(g->s->out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"%s>",
		g->x0, g->y, w < 0.8 ? 0.8 : w, g->h, g->fill, g->extra);
	bht_fmt_time(g->t0, a, sizeof(a));
	bht_fmt_time(g->t1, b, sizeof(b));
	bht_fmt_time(g->busy, busy, sizeof(busy));
	if (g->n == 1)
		svg_title(g->s->out, "%s: %s to %s (%s)", g->what, a, b, busy);
	else
		svg_title(g->s->out, "%u x %s between %s and %s, %s in all", g->n, g->what, a, b,
			  busy);
	fputs("</rect>\n", g->s->out);
	g->n = 0;
}

void svg_merge_add(struct svg_merge *g, int64_t t0, int64_t t1)
{
	double x0, x1;

	if (t1 < g->s->from || t0 > g->s->to || t1 < t0)
		return;
	x0 = svg_x(g->s, t0 < g->s->from ? g->s->from : t0);
	x1 = svg_x(g->s, t1 > g->s->to ? g->s->to : t1);
	if (g->n && x0 > g->x1 + 0.5)
		svg_merge_flush(g);
	if (!g->n) {
		g->x0 = x0;
		g->t0 = t0;
		g->busy = 0;
	}
	g->x1 = x1 > g->x1 || g->n == 0 ? x1 : g->x1;
	g->t1 = t1;
	g->busy += t1 - t0;
	g->n++;
}

static void lane_open(struct svg *s, unsigned i, const char *name, const char *color,
		      double h, const char *sub)
{
	double y = svg_lane_y(i);

	fprintf(s->out, "<g class=\"lane\" data-lane=\"%s\" data-y0=\"%.0f\" data-y1=\"%.0f\" "
			"data-x0=\"%.0f\" data-x1=\"%.0f\" data-color=\"%s\">\n",
		name, y, y + h, SVG_LEFT, SVG_LEFT + s->width, color);
	fprintf(s->out, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", y,
		SVG_LEFT + s->width + SVG_RIGHT, h, i % 2 ? "#f8f9fa" : "#f1f3f5");
	fprintf(s->out, "<text x=\"10\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\" "
			"fill=\"%s\">%s</text>\n",
		y + h / 2 - (sub ? 2 : -5), color, name);
	if (sub)
		fprintf(s->out, "<text x=\"10\" y=\"%.1f\" font-size=\"10\" fill=\"#495057\">%s</text>\n",
			y + h / 2 + 12, sub);
	fputs("<g clip-path=\"url(#plot)\">\n", s->out);
}

static void lane_close(struct svg *s)
{
	fputs("</g>\n</g>\n", s->out);
}

static void kernel_ticks(struct svg *s, double y)
{
	const struct bht_trace *t = s->m->trace;
	double per = (double)bht_tick_ns(t, 1) * s->width / (double)(s->to - s->from);

	if (per < 4 || !(t->classes & BH_TRACE_C_TICK))
		return;
	fputs("<g stroke=\"#868e96\" stroke-width=\"1\">", s->out);
	for (size_t i = 0; i < t->nrecs; i++) {
		const struct bht_rec *r = &t->recs[i];
		if (r->type != BH_TRACE_TICK || r->t < s->from || r->t > s->to)
			continue;
		double x = svg_x(s, r->t);
		fprintf(s->out, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\"/>", x, y + 2, x,
			y + 8);
	}
	fputs("</g>\n", s->out);
}

/* Physical interrupts, one triangle per pixel column. */
static void kernel_irqs(struct svg *s, double y)
{
	const struct bht_model *m = s->m;
	long col = -1;
	unsigned n = 0;
	size_t last = 0;

	for (size_t i = 0; i <= m->nkirqs; i++) {
		const struct bht_rec *k = i < m->nkirqs ? &m->kirqs[i] : NULL;
		long c = k && k->t >= s->from && k->t <= s->to ? (long)(svg_x(s, k->t) - SVG_LEFT) : -1;
		if (n && (c != col || !k)) {
			const struct bht_rec *l = &m->kirqs[last];
			double x = SVG_LEFT + (double)col + 0.5;
			fprintf(s->out, "<path d=\"M%.1f %.1f l-5 -8 h10 Z\" fill=\"#e8590c\">", x, y + 30);
			svg_title(s->out, "%u physical interrupt(s); last: line %u for %s", n, l->a,
				  bht_part_name(m->trace, l->part));
			fputs("</path>\n", s->out);
			n = 0;
		}
		if (c >= 0) {
			col = c;
			last = i;
			n++;
		}
	}
}

void svg_kernel_lane(struct svg *s)
{
	const struct bht_model *m = s->m;
	double y = svg_lane_y(0);
	struct svg_merge idle = { .s = s, .y = y + 10, .h = SVG_KLANE - 20, .fill = "url(#hatch)",
				  .what = "idle", .extra = "" };

	lane_open(s, 0, "kernel", "#495057", SVG_KLANE, NULL);
	for (size_t i = 0; i < m->nruns; i++)
		if (m->runs[i].part == BH_TRACE_KERNEL)
			svg_merge_add(&idle, m->runs[i].t0, m->runs[i].t1);
	svg_merge_flush(&idle);
	kernel_ticks(s, y);
	kernel_irqs(s, y);
	lane_close(s);
}

/* Configured windows, drawn one by one while they are wide enough. */
static void part_windows(struct svg *s, uint32_t p, double y, const char *color)
{
	const struct bht_model *m = s->m;
	char extra[96], a[32], b[32], ran[32], d[32];
	struct svg_merge g = { .s = s, .y = y + 6, .h = SVG_LANE - 12, .fill = color,
			       .what = "configured windows", .extra = extra };

	snprintf(extra, sizeof(extra), " fill-opacity=\"0.14\" stroke=\"%s\" stroke-dasharray=\"4 2\"",
		 color);
	for (size_t i = 0; i < m->nwindows; i++) {
		const struct bht_window *w = &m->windows[i];
		if (w->part != p || w->t1 < s->from || w->t0 > s->to)
			continue;
		if (svg_x(s, w->t1) - svg_x(s, w->t0) < 3) {
			svg_merge_add(&g, w->t0, w->t1);
			continue;
		}
		svg_merge_flush(&g);
		bht_fmt_time(w->t0, a, sizeof(a));
		bht_fmt_time(w->t1, b, sizeof(b));
		bht_fmt_time(w->ran, ran, sizeof(ran));
		if (w->first_run >= 0)
			bht_fmt_time(w->first_run - w->t0, d, sizeof(d));
		else
			snprintf(d, sizeof(d), "%s", w->owner_idle ? "stopped" : "never ran");
		double x0 = svg_x(s, w->t0), x1 = svg_x(s, w->t1);
		fprintf(s->out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"%s>",
			x0, y + 6, x1 - x0, SVG_LANE - 12, color, extra);
		svg_title(s->out, "window %u of frame %llu: planned %s to %s; ran %s (%.1f %%); "
				  "start delay %s",
			  w->index, (unsigned long long)w->frame, a, b, ran,
			  100.0 * (double)w->ran / (double)(w->t1 - w->t0), d);
		fputs("</rect>\n", s->out);
	}
	svg_merge_flush(&g);
}

/* Time in outermost upcalls, where the partition actually ran. */
static void part_upcalls(struct svg *s, uint32_t p, struct svg_merge *up)
{
	const struct bht_model *m = s->m;
	size_t r = 0;

	for (size_t i = 0; i < m->nupcalls; i++) {
		const struct bht_upcall *u = &m->upcalls[i];
		int64_t u1 = u->t1 < 0 ? m->t_end : u->t1;
		if (u->part != p || u->depth)
			continue;
		while (r < m->nruns && m->runs[r].t1 <= u->t0)
			r++;
		for (size_t k = r; k < m->nruns && m->runs[k].t0 < u1; k++) {
			const struct bht_run *run = &m->runs[k];
			if (run->part == p)
				svg_merge_add(up, run->t0 > u->t0 ? run->t0 : u->t0,
					      run->t1 < u1 ? run->t1 : u1);
		}
	}
	svg_merge_flush(up);
}

void svg_part_lane(struct svg *s, uint32_t p)
{
	const struct bht_model *m = s->m;
	const char *color = svg_color(p);
	double y = svg_lane_y(1 + p);
	char sub[64], ran[32];
	struct svg_merge run = { .s = s, .y = y + 16, .h = SVG_LANE - 32, .fill = color,
				 .what = "ran", .extra = "" };
	struct svg_merge up = { .s = s, .y = y + SVG_LANE - 22, .h = 6, .fill = "#212529",
				.what = "in an upcall", .extra = " fill-opacity=\"0.55\"" };

	bht_fmt_time(m->stats[p].ran_ns, ran, sizeof(ran));
	snprintf(sub, sizeof(sub), "id %u, ran %s", p, ran);
	lane_open(s, 1 + p, bht_part_name(m->trace, p), color, SVG_LANE, sub);
	part_windows(s, p, y, color);
	for (size_t i = 0; i < m->nruns; i++)
		if (m->runs[i].part == p)
			svg_merge_add(&run, m->runs[i].t0, m->runs[i].t1);
	svg_merge_flush(&run);
	part_upcalls(s, p, &up);
	lane_close(s);
}
