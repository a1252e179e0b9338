/*
 * `bhcfg schedule --svg FILE`: the same chart as the text one, as an SVG
 * picture: one row per partition with a bar per window (hover shows its
 * times), idle stretches in grey, a time axis in tenths of the frame, and
 * each row's share on the right. Coordinates are computed in tenths of a
 * pixel with integers, so the same config always gives the same bytes.
 */
#include <string.h>

#include "emit.h"
#include "schedule.h"

#define SVG_CHART 600u	 /* px, the major frame */
#define SVG_ROW 24u	 /* px per row */
#define SVG_BAR 18u	 /* px, bar height */
#define SVG_TOP 40u	 /* px above the first row */
#define SVG_CHAR 8u	 /* px per character of a name */
#define SVG_RIGHT 150u	 /* px right of the chart, for the shares */

static const char *const svg_colours[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
	"#76b7b2", "#edc948", "#b07aa1", "#9c755f",
};

struct svg_geom {
	uint64_t frame; /* ticks */
	unsigned left;	/* px, where the chart starts */
};

/* Tenths of a pixel, printed as "N.D". */
static void svg_px(FILE *out, uint64_t tenths)
{
	fprintf(out, "%llu.%llu", (unsigned long long)(tenths / 10u),
		(unsigned long long)(tenths % 10u));
}

static uint64_t svg_x(const struct svg_geom *g, uint64_t ticks)
{
	return g->left * 10u + ticks * SVG_CHART * 10u / g->frame;
}

static void svg_bar(FILE *out, const struct svg_geom *g, unsigned row,
		    uint64_t start, uint64_t len, const char *fill,
		    const char *title)
{
	fprintf(out, "<rect x=\"");
	svg_px(out, svg_x(g, start));
	fprintf(out, "\" y=\"%u\" width=\"", SVG_TOP + row * SVG_ROW);
	svg_px(out, svg_x(g, start + len) - svg_x(g, start));
	fprintf(out, "\" height=\"%u\" fill=\"%s\"><title>%s</title></rect>\n",
		SVG_BAR, fill, title);
}

static void svg_window(FILE *out, const struct bhcfg_system *sys,
		       const struct svg_geom *g, const struct bhcfg_window *w)
{
	const char *name = sys->partitions[w->partition].name;
	char a[32], b[32], title[96];

	sched_time(a, sizeof(a), w->start * sys->tick_us);
	sched_time(b, sizeof(b), ((uint64_t)w->start + w->duration) * sys->tick_us);
	snprintf(title, sizeof(title), "%s %s-%s", name, a, b);
	svg_bar(out, g, w->partition, w->start, w->duration,
		svg_colours[w->partition % 8u], title);
}

/* Idle stretches: the gaps between all windows, walked in time order. */
static void svg_idle(FILE *out, const struct bhcfg_system *sys,
		     const struct svg_geom *g)
{
	uint64_t t = 0;

	while (t < g->frame) {
		uint64_t next = g->frame, end = g->frame;
		unsigned i;

		for (i = 0; i < sys->nwindows; i++) {
			const struct bhcfg_window *w = &sys->windows[i];

			if (w->start >= t && w->start < next) {
				next = w->start;
				end = (uint64_t)w->start + w->duration;
			}
		}
		if (next > t)
			svg_bar(out, g, sys->npartitions, t, next - t, "#bab0ac",
				"idle");
		t = end;
	}
}

static void svg_labels(FILE *out, const struct bhcfg_system *sys,
		       const struct sched_view *v, const struct svg_geom *g)
{
	unsigned p, y;

	for (p = 0; p <= sys->npartitions; p++) {
		const struct sched_row *r = p < sys->npartitions ? &v->rows[p] : &v->idle;
		unsigned pm = sched_permille(r->ticks, v->frame);

		y = SVG_TOP + p * SVG_ROW + SVG_BAR - 4u;
		fprintf(out, "<text x=\"%u\" y=\"%u\">%s</text>\n", 8u, y,
			p < sys->npartitions ? sys->partitions[p].name : "idle");
		fprintf(out, "<text x=\"%u\" y=\"%u\">%u.%u%% (%u %s)</text>\n",
			g->left + SVG_CHART + 10u, y, pm / 10u, pm % 10u,
			r->windows,
			p < sys->npartitions ? (r->windows == 1 ? "window" : "windows")
					     : (r->windows == 1 ? "stretch" : "stretches"));
	}
}

static void svg_axis(FILE *out, const struct bhcfg_system *sys,
		     const struct svg_geom *g)
{
	unsigned y = SVG_TOP + (sys->npartitions + 1u) * SVG_ROW + 4u, k;
	uint64_t frame_us = g->frame * sys->tick_us;
	char t[32];

	fprintf(out, "<line x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\" "
		     "stroke=\"#333\"/>\n",
		g->left, y, g->left + SVG_CHART, y);
	for (k = 0; k <= 10u; k++) {
		unsigned x = g->left + k * SVG_CHART / 10u;

		sched_time(t, sizeof(t), frame_us * k / 10u);
		fprintf(out, "<line x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\" "
			     "stroke=\"#333\"/>\n",
			x, y, x, y + 5u);
		fprintf(out, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">%s"
			     "</text>\n",
			x, y + 18u, t);
	}
}

int bhcfg_emit_schedule_svg(const struct bhcfg_system *sys, FILE *out)
{
	static struct sched_view v;
	struct svg_geom g;
	char frame[32];
	size_t name = strlen("idle");
	unsigned i, width, height;

	sched_view(sys, &v);
	for (i = 0; i < sys->npartitions; i++)
		if (strlen(sys->partitions[i].name) > name)
			name = strlen(sys->partitions[i].name);
	g.frame = v.frame;
	g.left = 16u + (unsigned)name * SVG_CHAR;
	width = g.left + SVG_CHART + SVG_RIGHT;
	height = SVG_TOP + (sys->npartitions + 1u) * SVG_ROW + 32u;
	sched_time(frame, sizeof(frame), v.frame * sys->tick_us);
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" "
		     "height=\"%u\" viewBox=\"0 0 %u %u\" font-family=\"sans-serif\" "
		     "font-size=\"13\">\n",
		width, height, width, height);
	fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	fprintf(out, "<text x=\"8\" y=\"22\" font-weight=\"bold\">system %s: "
		     "major frame %s</text>\n",
		sys->name, frame);
	for (i = 0; i < sys->nwindows; i++)
		svg_window(out, sys, &g, &sys->windows[i]);
	svg_idle(out, sys, &g);
	svg_labels(out, sys, &v, &g);
	svg_axis(out, sys, &g);
	fprintf(out, "</svg>\n");
	return emit_status(out);
}
