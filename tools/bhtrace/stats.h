/* Samples of durations and their order statistics (stats.c). */
#ifndef BHTRACE_STATS_H
#define BHTRACE_STATS_H

#include <stddef.h>
#include <stdint.h>

#define SAMPLES_DECADES 6u /* <1us <10us <100us <1ms <10ms >=10ms */

struct samples {
	int64_t *v;
	size_t n, cap;
};

int samples_add(struct samples *s, int64_t v);
void samples_sort(struct samples *s);
int64_t samples_pct(const struct samples *s, unsigned p);
void samples_decades(const struct samples *s, uint64_t out[SAMPLES_DECADES]);
void samples_free(struct samples *s);

#endif /* BHTRACE_STATS_H */
