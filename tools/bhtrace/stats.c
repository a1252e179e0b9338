/* Order statistics over samples of durations (ns), for the summary. */
#include <stdlib.h>

#include "stats.h"

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int samples_add(struct samples *s, int64_t v)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		int64_t *nv = realloc(s->v, nc * sizeof(*nv));
		if (!nv)
			return -1;
		s->v = nv;
		s->cap = nc;
	}
	s->v[s->n++] = v;
	return 0;
}

void samples_sort(struct samples *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_i64);
}

/* Nearest-rank percentile of sorted samples; p in 0..100. */
int64_t samples_pct(const struct samples *s, unsigned p)
{
	size_t rank;

	if (!s->n)
		return 0;
	rank = (s->n * p + 99) / 100;
	return s->v[rank ? rank - 1 : 0];
}

/* Counts per decade: < 1 us, < 10 us, ... , >= 10 ms. */
void samples_decades(const struct samples *s, uint64_t out[SAMPLES_DECADES])
{
	for (unsigned d = 0; d < SAMPLES_DECADES; d++)
		out[d] = 0;
	for (size_t i = 0; i < s->n; i++) {
		int64_t lim = 1000;
		unsigned d = 0;
		while (d < SAMPLES_DECADES - 1 && s->v[i] >= lim) {
			lim *= 10;
			d++;
		}
		out[d]++;
	}
}

void samples_free(struct samples *s)
{
	free(s->v);
	*s = (struct samples){ 0 };
}
