/*
 * bht_analyze(): one pass over the records in order. The configured windows
 * come from the schedule, one instance per frame the trace covers; window
 * records say when the kernel took each boundary; switch records say whose
 * context was on the CPU, and each such run is credited to the windows of
 * its partition that it overlaps.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"

void *an_push(void *arrp, size_t *n, size_t *cap, size_t elem)
{
	void **arr = arrp;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *na = realloc(*arr, nc * elem);
		if (!na)
			return NULL;
		*arr = na;
		*cap = nc;
	}
	return (char *)*arr + (*n)++ * elem;
}

void an_problem(struct an_state *s, const struct bht_rec *r, const char *fmt, ...)
{
	struct bht_model *m = s->m;
	char msg[BHT_ERR_MAX - 48], at[32];
	va_list ap;

	if (m->problems++)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bht_fmt_time(r ? r->t : s->t->end_t, at, sizeof(at));
	snprintf(m->problem, sizeof(m->problem), "at %s: %s", at, msg);
}

struct bht_window *an_window_at(const struct bht_model *m, int64_t t, uint32_t part)
{
	size_t lo = 0, hi = m->nwindows;

	while (lo < hi) { /* first window starting after t */
		size_t mid = (lo + hi) / 2;
		if (m->windows[mid].t0 <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	struct bht_window *w = &m->windows[lo - 1];
	if (t >= w->t1 || (part != AN_UNKNOWN && w->part != part))
		return NULL;
	return w;
}

/* Every configured window that starts before the run ended. */
static int an_windows(struct bht_model *m, const struct bht_trace *t)
{
	uint64_t first = (uint64_t)(m->t_begin > 0 ? m->t_begin : 0) / (uint64_t)bht_frame_ns(t);
	size_t cap = 0;

	for (uint64_t f = first; t->nwindows; f++) {
		for (uint32_t i = 0; i < t->nwindows; i++) {
			const struct bh_trace_window *cw = &t->windows[i];
			uint64_t tick = f * t->major_frame + cw->start;
			if (tick >= t->end_tick)
				return 0;
			struct bht_window *w = an_push(&m->windows, &m->nwindows, &cap, sizeof(*w));
			if (!w)
				return -1;
			*w = (struct bht_window){ cw->partition, i, f, bht_tick_ns(t, tick),
						  bht_tick_ns(t, tick + cw->duration), -1, -1, -1, 0,
						  false, false };
		}
	}
	return 0;
}

/* Credit the run [t0, t1) of part to its windows. */
static void an_credit(struct an_state *s, uint32_t part, int64_t t0, int64_t t1)
{
	struct bht_model *m = s->m;
	struct bht_window *w = an_window_at(m, t0, AN_UNKNOWN);
	size_t i = w ? (size_t)(w - m->windows) : 0;

	for (; i < m->nwindows && m->windows[i].t0 < t1; i++) {
		w = &m->windows[i];
		int64_t a = t0 > w->t0 ? t0 : w->t0, b = t1 < w->t1 ? t1 : w->t1;
		if (w->part != part || b <= a)
			continue;
		w->ran += b - a;
		if (w->first_run < 0)
			w->first_run = w->rec0 > a ? w->rec0 : a;
	}
}

static int an_run_end(struct an_state *s, int64_t t)
{
	struct bht_model *m = s->m;

	if (s->running == AN_UNKNOWN || t <= s->run_since)
		return 0;
	struct bht_run *r = an_push(&m->runs, &m->nruns, &s->caps[0], sizeof(*r));
	if (!r)
		return -1;
	*r = (struct bht_run){ s->running, s->run_since, t };
	if (s->running != BH_TRACE_KERNEL) {
		an_credit(s, s->running, s->run_since, t);
		m->stats[s->running].ran_ns += t - s->run_since;
	}
	return 0;
}

static struct bht_window *an_window_of(struct an_state *s, const struct bht_rec *r,
				       uint64_t tick)
{
	const struct bht_trace *t = s->t;
	uint32_t idx = r->a & 0x7FFFu;

	if (idx >= t->nwindows)
		return NULL;
	if (r->type == BH_TRACE_WINDOW_END)
		tick -= t->windows[idx].duration;
	uint64_t frame = tick / t->major_frame;
	if (!s->m->nwindows || frame < s->m->windows[0].frame)
		return NULL;
	/* Instances are generated frame by frame, every window of each. */
	uint64_t i = (frame - s->m->windows[0].frame) * t->nwindows + idx;
	return i < s->m->nwindows ? &s->m->windows[i] : NULL;
}

static void an_window_rec(struct an_state *s, const struct bht_rec *r)
{
	struct bht_window *w = an_window_of(s, r, bht_rec_tick(s->t, r));

	if (!w && s->t->lost)
		return; /* a window that began before the oldest record kept */
	if (!w || w->part != r->part) {
		an_problem(s, r, "%s of window %u matches no configured window",
			   bht_event_name(r->type), r->a & 0x7FFFu);
		return;
	}
	if (r->type == BH_TRACE_WINDOW_END) {
		w->rec1 = r->t;
		return;
	}
	w->rec0 = r->t;
	w->seen = true;
	w->owner_idle = (r->a & BH_TRACE_WIN_IDLE) != 0;
	if (s->running == r->part && w->first_run < 0)
		w->first_run = r->t; /* it keeps the CPU across the boundary */
}

static int an_record(struct an_state *s, const struct bht_rec *r)
{
	switch (r->type) {
	case BH_TRACE_SWITCH:
		if (an_run_end(s, r->t))
			return -1;
		s->running = r->part;
		s->run_since = r->t;
		return 0;
	case BH_TRACE_WINDOW_START:
	case BH_TRACE_WINDOW_END:
		an_window_rec(s, r);
		return 0;
	case BH_TRACE_TICK:
		if (r->part == BH_TRACE_KERNEL)
			s->m->idle_ticks++;
		else
			s->m->stats[r->part].ticks++;
		return 0;
	case BH_TRACE_IRQ:
	case BH_TRACE_VIRQ_RAISE:
	case BH_TRACE_VIRQ_PENDING:
	case BH_TRACE_VIRQ_DELIVER:
	case BH_TRACE_VIRQ_RETURN:
	case BH_TRACE_VIRQ_DISCARD:
		return an_virq(s, r);
	default:
		return an_misc(s, r);
	}
}

static void an_stats(struct bht_model *m)
{
	for (size_t i = 0; i < m->nwindows; i++) {
		const struct bht_window *w = &m->windows[i];
		struct bht_part_stats *st = &m->stats[w->part];
		st->windows++;
		st->planned_ns += w->t1 - w->t0;
		st->windows_run += w->first_run >= 0;
		st->windows_idle += w->owner_idle;
	}
}

static int an_alloc(struct an_state *s, const struct bht_trace *t)
{
	size_t np = t->npartitions;

	s->m->stats = calloc(np, sizeof(*s->m->stats));
	s->pend_head = malloc(np * AN_VECTORS * sizeof(size_t));
	s->pend_tail = malloc(np * AN_VECTORS * sizeof(size_t));
	s->ustack = calloc(np * AN_NEST_MAX, sizeof(size_t));
	s->udepth = calloc(np, sizeof(uint32_t));
	s->open_hc = malloc(np * sizeof(size_t));
	if (!s->m->stats || !s->pend_head || !s->pend_tail || !s->ustack || !s->udepth ||
	    !s->open_hc)
		return -1;
	for (size_t i = 0; i < np * AN_VECTORS; i++)
		s->pend_head[i] = s->pend_tail[i] = AN_NONE;
	for (size_t i = 0; i < np; i++)
		s->open_hc[i] = AN_NONE;
	return 0;
}

static void an_state_free(struct an_state *s)
{
	free(s->pend_head);
	free(s->pend_tail);
	free(s->irq_next);
	free(s->ustack);
	free(s->udepth);
	free(s->open_hc);
}

static int an_walk(struct an_state *s)
{
	const struct bht_trace *t = s->t;

	for (size_t i = 0; i < t->nrecs; i++)
		if (an_record(s, &t->recs[i]))
			return -1;
	if (an_run_end(s, s->m->t_end))
		return -1;
	an_virq_finish(s);
	an_stats(s->m);
	return 0;
}

int bht_analyze(const struct bht_trace *t, struct bht_model *m)
{
	struct an_state s;
	int ret;

	memset(m, 0, sizeof(*m));
	memset(&s, 0, sizeof(s));
	m->trace = t;
	m->t_begin = t->lost && t->nrecs ? t->recs[0].t : 0;
	m->t_end = t->end_t > m->t_begin ? t->end_t : m->t_begin;
	s.m = m;
	s.t = t;
	s.running = AN_UNKNOWN;
	ret = an_alloc(&s, t) || an_windows(m, t) ? -1 : an_walk(&s);
	an_state_free(&s);
	if (ret)
		bht_model_free(m);
	return ret;
}

void bht_model_free(struct bht_model *m)
{
	free(m->windows);
	free(m->runs);
	free(m->irqs);
	free(m->upcalls);
	free(m->hcalls);
	free(m->marks);
	free(m->kirqs);
	free(m->stats);
	memset(m, 0, sizeof(*m));
}
