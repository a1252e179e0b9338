/* Drawing the SVG timeline (svg.c: page, legend, axis; svg_lane.c: lanes). */
#ifndef BHTRACE_SVG_H
#define BHTRACE_SVG_H

#include "bhtrace.h"

#define SVG_LEFT 120.0	/* lane labels */
#define SVG_RIGHT 24.0
#define SVG_TOP 104.0	/* title and legend above */
#define SVG_KLANE 40.0	/* kernel lane height */
#define SVG_LANE 68.0	/* partition lane height */
#define SVG_GAP 6.0

struct svg {
	FILE *out;
	const struct bht_model *m;
	int64_t from, to;
	double width; /* of the time axis, px */
	double lanes_end;
};

/* x of time t. */
double svg_x(const struct svg *s, int64_t t);
/* y of the top of lane `i` (0: kernel, 1 + p: partition p). */
double svg_lane_y(unsigned i);
const char *svg_color(uint32_t part);
/* A <title> for the enclosing element, escaped. */
void svg_title(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Intervals that fall within a pixel of each other become one rectangle;
 * its title says how many it stands for. Feed them in time order.
 */
struct svg_merge {
	struct svg *s;
	double y, h;
	const char *fill, *what;
	const char *extra; /* more attributes for the rect, or "" */
	double x0, x1;
	int64_t t0, t1, busy;
	unsigned n;
};

void svg_merge_add(struct svg_merge *g, int64_t t0, int64_t t1);
void svg_merge_flush(struct svg_merge *g);

void svg_kernel_lane(struct svg *s);
void svg_part_lane(struct svg *s, uint32_t p);
void svg_marks(struct svg *s, uint32_t p);

#endif /* BHTRACE_SVG_H */
