/*
 * `bhtrace check`: is the trace exactly what the kernel did? Used by the
 * in-QEMU trace test, where the run is deterministic (icount):
 *   - nothing lost, nothing inconsistent in the analysis;
 *   - every window started and ended on its configured tick, and every
 *     configured window up to the end of the run was started;
 *   - every arrival delivered, discarded, or still pending at the dump with
 *     the kernel's own count for that vector, and nothing pending that the
 *     trace does not explain;
 *   - with the kernel's log: its end-of-run summary (windows, ticks,
 *     upcalls, arrivals, health-monitor events, restarts, idle ticks, port
 *     messages sent and received per port)
 *     equals what the trace counts.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/abi.h>

#include "bhtrace.h"
#include "check.h"

void chk_fail(struct chk *c, const char *fmt, ...)
{
	va_list ap;

	c->failures++;
	if (c->failures > 20)
		return;
	fputs("bhtrace check: FAIL ", c->out);
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
}

/*
 * A boundary must be recorded within its tick. Those of tick 0 the boot
 * records, before the first tick the kernel counts: their tick has no
 * time of its own (kernel time 0 comes from the ticks, and the first one
 * the kernel takes may have waited for the boot; see kernel/core/trace.c).
 */
static void chk_window_rec(struct chk *c, const struct bht_rec *r, bool booting)
{
	const struct bht_trace *t = c->m->trace;
	uint32_t idx = r->a & 0x7FFFu;
	uint64_t tick = bht_rec_tick(t, r);

	if (idx >= t->nwindows || r->part != t->windows[idx].partition) {
		chk_fail(c, "%s names window %u of partition %u", bht_event_name(r->type), idx,
			 r->part);
		return;
	}
	uint64_t start = tick - (r->type == BH_TRACE_WINDOW_END ? t->windows[idx].duration : 0);
	if (start % t->major_frame != t->windows[idx].start)
		chk_fail(c, "%s of window %u at tick %llu, not on its configured tick",
			 bht_event_name(r->type), idx, (unsigned long long)tick);
	bool timed = !(booting && tick == 0);
	if (timed && (r->t < bht_tick_ns(t, tick) || r->t - bht_tick_ns(t, tick) >= bht_tick_ns(t, 1)))
		chk_fail(c, "%s of window %u recorded outside tick %llu", bht_event_name(r->type),
			 idx, (unsigned long long)tick);
	c->boundaries++;
}

static void chk_windows(struct chk *c)
{
	const struct bht_model *m = c->m;
	const struct bht_trace *t = m->trace;

	bool booting = t->classes & BH_TRACE_C_TICK; /* no tick record yet */

	for (size_t i = 0; i < t->nrecs; i++) {
		const struct bht_rec *r = &t->recs[i];
		booting = booting && r->type != BH_TRACE_TICK;
		if (r->type == BH_TRACE_WINDOW_START || r->type == BH_TRACE_WINDOW_END)
			chk_window_rec(c, r, booting);
	}
	for (size_t i = 0; i < m->nwindows; i++) {
		const struct bht_window *w = &m->windows[i];
		if (!w->seen)
			chk_fail(c, "window %u of frame %llu was never started", w->index,
				 (unsigned long long)w->frame);
		else if (w->rec1 < 0 && w->t1 <= bht_tick_ns(t, t->end_tick))
			chk_fail(c, "window %u of frame %llu was never ended", w->index,
				 (unsigned long long)w->frame);
	}
}

/* Outstanding arrivals of each vector against the kernel's pending state. */
static void chk_pending(struct chk *c)
{
	const struct bht_model *m = c->m;
	const struct bht_trace *t = m->trace;
	uint64_t *out = calloc((size_t)t->npartitions * BH_NR_VECTORS, sizeof(*out));

	if (!out) {
		chk_fail(c, "out of memory");
		return;
	}
	for (size_t i = 0; i < m->nirqs; i++) {
		const struct bht_irq *q = &m->irqs[i];
		c->arrivals += q->n;
		if (q->fate == BHT_PENDING && q->vector < BH_NR_VECTORS)
			out[q->part * BH_NR_VECTORS + q->vector] += q->n;
	}
	for (uint32_t p = 0; p < t->npartitions; p++) {
		for (uint32_t v = 0; v < BH_NR_VECTORS; v++) {
			const struct bht_part *tp = &t->parts[p];
			uint64_t kernel = (tp->pending[v >> 5] >> (v & 31u) & 1u) ? tp->count[v] : 0;
			if (out[p * BH_NR_VECTORS + v] != kernel)
				chk_fail(c, "%s vector %u: %llu arrivals outstanding in the trace, "
					    "%llu pending in the kernel",
					 tp->name, v, (unsigned long long)out[p * BH_NR_VECTORS + v],
					 (unsigned long long)kernel);
		}
	}
	free(out);
}

unsigned bht_check(const struct bht_model *m, const char *log_text, FILE *out)
{
	struct chk c = { .m = m, .out = out };
	const struct bht_trace *t = m->trace;

	if (t->lost)
		chk_fail(&c, "%llu events lost: the ring is too small to check this run",
			 (unsigned long long)t->lost);
	if (m->problems)
		chk_fail(&c, "%llu inconsistencies, the first %s", (unsigned long long)m->problems,
			 m->problem);
	if (m->unmatched_deliveries || m->unmatched_returns)
		chk_fail(&c, "%llu deliveries without an arrival, %llu returns without an upcall",
			 (unsigned long long)m->unmatched_deliveries,
			 (unsigned long long)m->unmatched_returns);
	chk_windows(&c);
	chk_pending(&c);
	if (log_text)
		chk_summary(&c, log_text);
	fprintf(out, "bhtrace check: %s: %zu records, %llu window boundaries, %llu arrivals, "
		     "%u summary figures compared, %u failures\n",
		c.failures ? "FAILED" : "OK", t->nrecs, (unsigned long long)c.boundaries,
		(unsigned long long)c.arrivals, c.compared, c.failures);
	return c.failures;
}
