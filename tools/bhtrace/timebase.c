/*
 * Time in a trace. Records carry the time-stamp counter; kernel time 0 is
 * the TSC value tsc_zero (the timer's start) and the counter runs at tsc_hz
 * (measured against the timer at boot; exactly 1 GHz under QEMU's icount,
 * where the counter counts instructions). Kernel ticks are tick_clocks
 * periods of a tick_hz clock, converted exactly as the kernel does.
 */
#include <stdint.h>
#include <string.h>

#include "bhtrace.h"

/* d * 1e9 / hz without overflow for any d below 2^63 and hz below 2^33. */
static uint64_t scale_ns(uint64_t d, uint64_t hz)
{
	return (d / hz) * 1000000000u + ((d % hz) * 1000000000u) / hz;
}

int64_t bht_tsc_ns(const struct bht_trace *t, uint64_t tsc)
{
	if (tsc >= t->tsc_zero)
		return (int64_t)scale_ns(tsc - t->tsc_zero, t->tsc_hz);
	return -(int64_t)scale_ns(t->tsc_zero - tsc, t->tsc_hz);
}

int64_t bht_tick_ns(const struct bht_trace *t, uint64_t tick)
{
	uint64_t cyc = tick * t->tick_clocks;

	return (int64_t)((cyc / t->tick_hz) * 1000000000u +
			 ((cyc % t->tick_hz) * 1000000000u) / t->tick_hz);
}

int64_t bht_frame_ns(const struct bht_trace *t)
{
	return bht_tick_ns(t, t->major_frame);
}

/*
 * Records carry the low 32 bits of a tick: the full one is the value with
 * those bits nearest to the tick the record's time falls in.
 */
uint64_t bht_rec_tick(const struct bht_trace *t, const struct bht_rec *r)
{
	int64_t per = bht_tick_ns(t, 1);
	uint64_t approx = r->t > 0 && per > 0 ? (uint64_t)(r->t / per) : 0;
	int32_t off = (int32_t)(r->b - (uint32_t)approx);

	if (off < 0 && (uint64_t)-(int64_t)off > approx)
		return r->b; /* before the first wrap */
	return approx + (uint64_t)(int64_t)off;
}

static bool is_anchor(const struct bht_rec *r)
{
	return r->type == BH_TRACE_TICK;
}

/* Times between anchors a and b (indices of tick records), linearly. */
static void retime_span(struct bht_trace *t, size_t a, size_t b, int64_t ta, int64_t tb)
{
	uint64_t d = t->recs[b].tsc - t->recs[a].tsc;

	for (size_t i = a + 1; i < b; i++) {
		uint64_t x = t->recs[i].tsc - t->recs[a].tsc;
		t->recs[i].t = ta + (int64_t)((double)x / (double)d * (double)(tb - ta));
	}
}

static int64_t skew_of(const struct bht_trace *t)
{
	int64_t worst = 0;

	for (size_t i = 0; i < t->nrecs; i++) {
		const struct bht_rec *r = &t->recs[i];
		if (!is_anchor(r))
			continue;
		int64_t d = r->t - bht_tick_ns(t, bht_rec_tick(t, r));
		if ((d < 0 ? -d : d) > worst)
			worst = d < 0 ? -d : d;
	}
	return worst;
}

void bht_retime(struct bht_trace *t)
{
	size_t last = SIZE_MAX;
	int64_t last_t = 0;

	t->clock_skew = skew_of(t);
	if (t->clock_skew <= bht_tick_ns(t, 1))
		return;
	t->tick_timebase = true;
	for (size_t i = 0; i < t->nrecs; i++) {
		struct bht_rec *r = &t->recs[i];
		if (!is_anchor(r))
			continue;
		int64_t tt = bht_tick_ns(t, bht_rec_tick(t, r));
		if (last != SIZE_MAX && r->tsc > t->recs[last].tsc && tt > last_t)
			retime_span(t, last, i, last_t, tt);
		r->t = tt;
		last = i;
		last_t = tt;
	}
	/* After the last tick, the TSC's own rate. */
	for (size_t i = last + 1; last != SIZE_MAX && i < t->nrecs; i++)
		t->recs[i].t = last_t + bht_tsc_ns(t, t->recs[i].tsc) - bht_tsc_ns(t, t->recs[last].tsc);
	if (last != SIZE_MAX)
		t->end_t = last_t + bht_tsc_ns(t, t->end_tsc) - bht_tsc_ns(t, t->recs[last].tsc);
}

void bht_fmt_time(int64_t ns, char *buf, size_t len)
{
	const char *sign = ns < 0 ? "-" : "";
	uint64_t v = ns < 0 ? (uint64_t)-ns : (uint64_t)ns;

	if (v < 1000u)
		snprintf(buf, len, "%s%llu ns", sign, (unsigned long long)v);
	else if (v < 1000000u)
		snprintf(buf, len, "%s%.3f us", sign, (double)v / 1e3);
	else if (v < 1000000000u)
		snprintf(buf, len, "%s%.3f ms", sign, (double)v / 1e6);
	else
		snprintf(buf, len, "%s%.6f s", sign, (double)v / 1e9);
}
