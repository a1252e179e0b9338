/*
 * `bhtrace svg`: the timeline as one self-contained SVG picture. Title and
 * legend on top; a lane for the kernel and one per partition; the major
 * frames as a grid; a time axis with units at the bottom. Every mark has a
 * hover title with the exact figures. --from/--to zoom into a range; marks
 * closer than a pixel are merged, so a whole run stays readable.
 */
#include <stdarg.h>
#include <string.h>

#include "svg.h"

static const char *const palette[] = {
	"#3b5bdb", "#2b8a3e", "#e8590c", "#9c36b5", "#0b7285", "#c2255c", "#5c940d", "#1971c2",
};

const char *svg_color(uint32_t part)
{
	return palette[part % (sizeof(palette) / sizeof(palette[0]))];
}

double svg_x(const struct svg *s, int64_t t)
{
	return SVG_LEFT + (double)(t - s->from) * s->width / (double)(s->to - s->from);
}

double svg_lane_y(unsigned i)
{
	return i ? SVG_TOP + SVG_KLANE + SVG_GAP + (i - 1) * (SVG_LANE + SVG_GAP) : SVG_TOP;
}

void svg_title(FILE *out, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs("<title>", out);
	for (const char *c = buf; *c; c++) {
		if (*c == '<')
			fputs("&lt;", out);
		else if (*c == '>')
			fputs("&gt;", out);
		else if (*c == '&')
			fputs("&amp;", out);
		else
			fputc(*c, out);
	}
	fputs("</title>", out);
}

static void svg_head(struct svg *s, double w, double h)
{
	const struct bht_trace *t = s->m->trace;
	char a[32], b[32];

	fprintf(s->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
			"viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n",
		w, h, w, h);
	fputs("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f1f3f5\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#adb5bd\" stroke-width=\"2\"/>"
	      "</pattern>",
	      s->out);
	fprintf(s->out, "<clipPath id=\"plot\"><rect x=\"%.1f\" y=\"0\" width=\"%.1f\" "
			"height=\"%.0f\"/></clipPath></defs>\n",
		SVG_LEFT, s->width, h);
	fprintf(s->out, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
	bht_fmt_time(s->from, a, sizeof(a));
	bht_fmt_time(s->to, b, sizeof(b));
	fprintf(s->out, "<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\" "
			"fill=\"#212529\">Bulkhead trace: system %s</text>\n",
		t->system);
	fprintf(s->out, "<text x=\"16\" y=\"46\" font-size=\"12\" fill=\"#495057\">%s to %s; "
			"%u partitions; %llu events recorded, %llu lost",
		a, b, t->npartitions, (unsigned long long)t->written, (unsigned long long)t->lost);
	bht_fmt_time(bht_frame_ns(t), a, sizeof(a));
	fprintf(s->out, "; major frame %s (dashed lines)</text>\n", a);
}

struct legend_item {
	const char *shape, *label;
};

static void svg_legend(struct svg *s)
{
	static const struct legend_item items[] = {
		{ "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"12\" fill=\"#3b5bdb\" fill-opacity=\"0.14\" "
		  "stroke=\"#3b5bdb\" stroke-dasharray=\"3 2\"/>", "configured window" },
		{ "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"12\" fill=\"#3b5bdb\"/>", "ran" },
		{ "<rect x=\"0\" y=\"-1\" width=\"18\" height=\"4\" fill=\"#212529\" fill-opacity=\"0.55\"/>",
		  "in an upcall" },
		{ "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"12\" fill=\"url(#hatch)\"/>", "idle" },
		{ "<path d=\"M3 -9 L15 -9 L9 -1 Z\" fill=\"#212529\"/>", "interrupt arrival" },
		{ "<circle cx=\"9\" cy=\"-3\" r=\"4\" fill=\"#ffffff\" stroke=\"#212529\" "
		  "stroke-width=\"1.5\"/>", "delivery" },
		{ "<line x1=\"1\" y1=\"-9\" x2=\"17\" y2=\"3\" stroke=\"#e03131\" stroke-width=\"1.2\"/>",
		  "arrival to delivery" },
		{ "<path d=\"M9 -10 L15 -3 L9 4 L3 -3 Z\" fill=\"#e03131\"/>", "health monitor" },
		{ "<path d=\"M5 4 L5 -10 L15 -7 L5 -4\" fill=\"#212529\" stroke=\"#212529\"/>",
		  "mode / restart" },
		{ "<path d=\"M4.5 -9 h9 v7 h-9 Z l4.5 4 l4.5 -4\" fill=\"#ffffff\" stroke=\"#1971c2\" "
		  "stroke-width=\"1.3\"/>", "message sent" },
		{ "<path d=\"M4.5 -9 h9 v7 h-9 Z l4.5 4 l4.5 -4\" fill=\"#a5d8ff\" stroke=\"#1971c2\" "
		  "stroke-width=\"1.3\"/>", "received" },
	};
	double x = 16;

	fputs("<g font-size=\"12\" fill=\"#212529\">\n", s->out);
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		fprintf(s->out, "<g transform=\"translate(%.0f,76)\">%s<text x=\"24\" y=\"2\">%s"
				"</text></g>\n",
			x, items[i].shape, items[i].label);
		x += 34 + 6.6 * (double)strlen(items[i].label);
	}
	fputs("</g>\n", s->out);
}

/* A round step of 1, 2 or 5 times a power of ten, at least `min` ns. */
static int64_t nice_step(int64_t min)
{
	int64_t p = 1;

	for (;;) {
		if (p >= min)
			return p;
		if (2 * p >= min)
			return 2 * p;
		if (5 * p >= min)
			return 5 * p;
		p *= 10;
	}
}

/*
 * A label in the unit of the axis' largest value, with as many decimals
 * as the step needs: "5.1 ms", not "5100 us".
 */
static void axis_label(int64_t t, int64_t step, int64_t max, char *buf, size_t len)
{
	static const char *const units[] = { "ns", "us", "ms", "s" };
	int64_t u = 1, d;
	unsigned i = 0, decimals = 0;

	while (i < 3 && max >= u * 1000) {
		u *= 1000;
		i++;
	}
	for (d = u; d > 1 && step % d; d /= 10)
		decimals++;
	snprintf(buf, len, "%.*f %s", decimals, (double)t / (double)u, units[i]);
}

static void svg_axis(struct svg *s)
{
	double y = s->lanes_end + 8;
	int64_t step = nice_step((s->to - s->from) * 90 / (int64_t)s->width + 1);
	char lab[32];

	fprintf(s->out, "<g font-size=\"11\" fill=\"#495057\" stroke=\"#868e96\">\n"
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		SVG_LEFT, y, SVG_LEFT + s->width, y);
	for (int64_t t = (s->from + step - 1) / step * step; t <= s->to; t += step) {
		double x = svg_x(s, t);
		axis_label(t, step, s->to, lab, sizeof(lab));
		fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" stroke=\"none\" text-anchor=\"middle\">%s"
				"</text>\n",
			x, y, x, y + 5, x, y + 18, lab);
	}
	fprintf(s->out, "<text x=\"%.1f\" y=\"%.1f\" stroke=\"none\" text-anchor=\"end\">time since "
			"boot</text>\n</g>\n",
		SVG_LEFT + s->width, y + 34);
}

/* Dashed lines at major-frame boundaries, labelled when there is room. */
static void svg_grid(struct svg *s)
{
	int64_t fns = bht_frame_ns(s->m->trace);
	double px = (double)fns * s->width / (double)(s->to - s->from);
	uint64_t every = px >= 60 ? 1 : (uint64_t)(60 / px) + 1;

	if (px < 2)
		return;
	fputs("<g stroke=\"#495057\" stroke-width=\"0.8\" stroke-dasharray=\"4 3\" font-size=\"10\" "
	      "fill=\"#495057\">\n",
	      s->out);
	for (uint64_t f = (uint64_t)(s->from / fns); (int64_t)f * fns <= s->to; f++) {
		double x = svg_x(s, (int64_t)f * fns);
		if (x < SVG_LEFT)
			continue;
		fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x,
			SVG_TOP - 8, x, s->lanes_end + 8);
		if (f % every == 0 && x + 44 < SVG_LEFT + s->width)
			fprintf(s->out, "<text x=\"%.1f\" y=\"%.1f\" stroke=\"none\">frame %llu</text>",
				x + 3, SVG_TOP - 2, (unsigned long long)f);
		fputc('\n', s->out);
	}
	fputs("</g>\n", s->out);
}

int bht_write_svg(const struct bht_model *m, const struct bht_svg_opts *o, FILE *out)
{
	struct svg s = { out, m, o->range.from, o->range.to < 0 ? m->t_end : o->range.to,
			 o->width ? o->width : 1400, 0 };
	uint32_t np = m->trace->npartitions;

	if (s.to <= s.from)
		s.to = s.from + 1;
	s.lanes_end = svg_lane_y(np + 1) - SVG_GAP;
	svg_head(&s, SVG_LEFT + s.width + SVG_RIGHT, s.lanes_end + 52);
	svg_legend(&s);
	svg_kernel_lane(&s);
	for (uint32_t p = 0; p < np; p++)
		svg_part_lane(&s, p);
	svg_grid(&s);
	for (uint32_t p = 0; p < np; p++)
		svg_marks(&s, p);
	svg_axis(&s);
	fputs("</svg>\n", out);
	return ferror(out) ? -1 : 0;
}
