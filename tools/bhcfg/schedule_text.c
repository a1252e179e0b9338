/*
 * `bhcfg schedule`: the major frame as a text Gantt chart, one row per
 * partition and one for idle time, then each row's windows, time, share of
 * the frame and longest gap between its windows (docs/config.md has an
 * example). A column is one tick, or as many ticks as keep the chart within
 * SCHED_MAX_COLS columns; a cell is '#' when the row owns the whole column,
 * '+' when it owns part of it, '.' otherwise.
 */
#include <string.h>

#include "emit.h"
#include "schedule.h"

#define TEXT_LABEL_EVERY 10u

static unsigned text_name_width(const struct bhcfg_system *sys)
{
	size_t w = strlen("partition");
	unsigned i;

	for (i = 0; i < sys->npartitions; i++)
		if (strlen(sys->partitions[i].name) > w)
			w = strlen(sys->partitions[i].name);
	return (unsigned)w + 2u;
}

static void text_time(char *buf, size_t size, const struct bhcfg_system *sys,
		      uint64_t ticks)
{
	sched_time(buf, size, ticks * sys->tick_us);
}

/* The time axis: a label every TEXT_LABEL_EVERY columns that fits, and one
 * at the frame's end; under it a '|' where each label starts. */
static void text_axis(FILE *out, const struct bhcfg_system *sys,
		      const struct sched_view *v, unsigned indent)
{
	char labels[SCHED_MAX_COLS + 32u], marks[SCHED_MAX_COLS + 2u], t[32];
	size_t used = 0;
	unsigned c;

	memset(labels, ' ', sizeof(labels));
	memset(marks, ' ', sizeof(marks));
	for (c = 0; c <= v->cols; c++) {
		bool end = c == v->cols;
		size_t len;

		if (c % TEXT_LABEL_EVERY != 0 && !end)
			continue;
		text_time(t, sizeof(t), sys, end ? v->frame : c * v->per_col);
		len = strlen(t);
		if (c && c < used + 1u)
			continue; /* would touch the previous label */
		if (end && c + len > sizeof(labels))
			break;
		if (!end && c + len + 1u > v->cols)
			continue; /* leave room for the end label */
		memcpy(labels + c, t, len);
		marks[c] = '|';
		used = c + len;
	}
	fprintf(out, "%*s%.*s\n", (int)indent, "", (int)used, labels);
	fprintf(out, "%*s%.*s\n", (int)indent, "", (int)v->cols + 1, marks);
}

static char text_cell(const struct bhcfg_system *sys,
		      const struct sched_view *v, unsigned p, unsigned c)
{
	uint64_t a = (uint64_t)c * v->per_col;
	uint64_t b = a + v->per_col > v->frame ? v->frame : a + v->per_col;
	uint64_t owned = sched_owned(sys, p, a, b);

	return owned == 0 ? '.' : owned == b - a ? '#' : '+';
}

static void text_row(FILE *out, const struct bhcfg_system *sys,
		     const struct sched_view *v, unsigned p, unsigned width)
{
	const char *name = p < sys->npartitions ? sys->partitions[p].name : "idle";
	unsigned c;

	fprintf(out, "%-*s", (int)width, name);
	for (c = 0; c < v->cols; c++)
		fputc(text_cell(sys, v, p, c), out);
	fputc('\n', out);
}

static void text_share(FILE *out, const struct bhcfg_system *sys,
		       const struct sched_view *v, const char *name,
		       const struct sched_row *r, unsigned width)
{
	char t[32], gap[32];
	unsigned pm = sched_permille(r->ticks, v->frame);

	text_time(t, sizeof(t), sys, r->ticks);
	text_time(gap, sizeof(gap), sys, r->max_gap);
	fprintf(out, "%-*s%7u %9s %5u.%u%% %9s\n", (int)width, name, r->windows,
		t, pm / 10u, pm % 10u, gap);
}

static void text_header(FILE *out, const struct bhcfg_system *sys,
			const struct sched_view *v)
{
	char frame[32], tick[32], col[32];

	text_time(frame, sizeof(frame), sys, v->frame);
	sched_time(tick, sizeof(tick), sys->tick_us);
	text_time(col, sizeof(col), sys, v->per_col);
	fprintf(out, "system %s: major frame %s = %llu ticks of %s, %s per column\n\n",
		sys->name, frame, (unsigned long long)v->frame, tick, col);
}

int bhcfg_emit_schedule(const struct bhcfg_system *sys, FILE *out)
{
	static struct sched_view v;
	unsigned width = text_name_width(sys), p;

	sched_view(sys, &v);
	text_header(out, sys, &v);
	text_axis(out, sys, &v, width);
	for (p = 0; p <= sys->npartitions; p++)
		text_row(out, sys, &v, p, width);
	if (v.per_col > 1u)
		fprintf(out, "%*s# the whole column, + part of it, . none\n",
			(int)width, "");
	fprintf(out, "\n%-*s%7s %9s %8s %9s\n", (int)width, "partition",
		"windows", "time", "share", "max gap");
	for (p = 0; p < sys->npartitions; p++)
		text_share(out, sys, &v, sys->partitions[p].name, &v.rows[p],
			   width);
	text_share(out, sys, &v, "idle", &v.idle, width);
	return emit_status(out);
}
