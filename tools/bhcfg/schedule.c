/*
 * The numbers behind `bhcfg schedule`: each partition's time, windows and
 * longest gap in one major frame, the idle time, and how the frame is cut
 * into at most SCHED_MAX_COLS text columns. Windows are disjoint and inside
 * the frame (validate.c), so shares add up to the frame exactly.
 */
#include <stdlib.h>

#include "schedule.h"

static uint64_t sched_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t sched_max(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t sched_overlap(const struct bhcfg_window *w, uint64_t a,
			      uint64_t b)
{
	uint64_t lo = sched_max(a, w->start);
	uint64_t hi = sched_min(b, (uint64_t)w->start + w->duration);

	return hi > lo ? hi - lo : 0;
}

uint64_t sched_owned(const struct bhcfg_system *sys, unsigned p, uint64_t a,
		     uint64_t b)
{
	uint64_t busy = 0;
	unsigned i;

	for (i = 0; i < sys->nwindows; i++)
		if (p == sys->npartitions || sys->windows[i].partition == p)
			busy += sched_overlap(&sys->windows[i], a, b);
	return p == sys->npartitions ? (b - a) - busy : busy;
}

/* Windows of partition p (all windows for p == npartitions) by start. */
static unsigned sched_sorted(const struct bhcfg_system *sys, unsigned p,
			     const struct bhcfg_window **out)
{
	unsigned i, j, n = 0;

	for (i = 0; i < sys->nwindows; i++) {
		const struct bhcfg_window *w = &sys->windows[i];

		if (p != sys->npartitions && w->partition != p)
			continue;
		for (j = n; j > 0 && out[j - 1]->start > w->start; j--)
			out[j] = out[j - 1];
		out[j] = w;
		n++;
	}
	return n;
}

/* The gaps between the sorted windows, the one across the frame's end
 * included: how many are not empty and the longest. */
static void sched_gaps(const struct bhcfg_window **w, unsigned n,
		       uint64_t frame, unsigned *count, uint64_t *longest)
{
	unsigned i;

	*count = 0;
	*longest = n ? 0 : frame;
	for (i = 0; i < n; i++) {
		uint64_t end = (uint64_t)w[i]->start + w[i]->duration;
		uint64_t next = i + 1 < n ? w[i + 1]->start : frame + w[0]->start;
		uint64_t gap = next - end;

		if (gap)
			(*count)++;
		*longest = sched_max(*longest, gap);
	}
}

void sched_view(const struct bhcfg_system *sys, struct sched_view *v)
{
	const struct bhcfg_window *w[BHCFG_MAX_WINDOWS];
	unsigned p, n;

	v->frame = sys->major_frame;
	v->per_col = (v->frame + SCHED_MAX_COLS - 1u) / SCHED_MAX_COLS;
	v->cols = (unsigned)((v->frame + v->per_col - 1u) / v->per_col);
	for (p = 0; p < sys->npartitions; p++) {
		struct sched_row *r = &v->rows[p];
		unsigned gaps;

		r->ticks = sched_owned(sys, p, 0, v->frame);
		r->windows = sched_sorted(sys, p, w);
		sched_gaps(w, r->windows, v->frame, &gaps, &r->max_gap);
	}
	n = sched_sorted(sys, sys->npartitions, w);
	v->idle.ticks = sched_owned(sys, sys->npartitions, 0, v->frame);
	sched_gaps(w, n, v->frame, &v->idle.windows, &v->idle.max_gap);
}

void sched_time(char *buf, size_t size, uint64_t us)
{
	unsigned long long ms = us / 1000u, frac = us % 1000u;
	int digits = 3;

	if (us == 0)
		snprintf(buf, size, "0");
	else if (us % 1000000u == 0)
		snprintf(buf, size, "%llus", (unsigned long long)(us / 1000000u));
	else if (us < 1000u)
		snprintf(buf, size, "%lluus", (unsigned long long)us);
	else if (frac == 0)
		snprintf(buf, size, "%llums", ms);
	else {
		while (frac % 10u == 0) {
			frac /= 10u;
			digits--;
		}
		snprintf(buf, size, "%llu.%0*llums", ms, digits, frac);
	}
}

unsigned sched_permille(uint64_t part, uint64_t whole)
{
	return whole ? (unsigned)((part * 1000u + whole / 2u) / whole) : 0;
}
