/*
 * What `bhcfg schedule` draws, computed once for both pictures (text in
 * schedule.c, SVG in schedule_svg.c): the major frame cut into columns,
 * and per partition its share of the frame.
 */
#ifndef BHCFG_SCHEDULE_H
#define BHCFG_SCHEDULE_H

#include "bhcfg.h"

#define SCHED_MAX_COLS 100u

/* One partition's (or the idle time's) part of the major frame. */
struct sched_row {
	uint64_t ticks;	  /* owned in one major frame */
	unsigned windows; /* idle: stretches without a window */
	uint64_t max_gap; /* longest time between two windows, in ticks, across
			   * the frame's end; idle: the longest stretch */
};

struct sched_view {
	uint64_t frame;	  /* ticks */
	uint64_t per_col; /* ticks per text column */
	unsigned cols;
	struct sched_row rows[BH_CFG_MAX_PARTITIONS];
	struct sched_row idle;
};

void sched_view(const struct bhcfg_system *sys, struct sched_view *v);

/* Ticks of [a, b) that partition p owns (p == npartitions: idle). */
uint64_t sched_owned(const struct bhcfg_system *sys, unsigned p, uint64_t a,
		     uint64_t b);

/* A time as the config would write it: "20ms", "1.5ms", "250us", "2s". */
void sched_time(char *buf, size_t size, uint64_t us);

/* part / whole in tenths of a per cent, rounded. */
unsigned sched_permille(uint64_t part, uint64_t whole);

#endif /* BHCFG_SCHEDULE_H */
