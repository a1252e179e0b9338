/*
 * `bhtrace summary`: what the run did, per partition: windows and how much
 * of them it used, how late each window really started, interrupt latency
 * (arrival to delivery, in and out of the partition's window) as order
 * statistics and a histogram by decade, time spent pending, hypercalls and
 * health-monitor events.
 */
#include <string.h>

#include <bulkhead/abi.h>

#include "bhtrace.h"
#include "stats.h"

static void sum_header(const struct bht_model *m, FILE *out)
{
	const struct bht_trace *t = m->trace;
	char a[32], b[32], f[32], tick[32];

	bht_fmt_time(m->t_begin, a, sizeof(a));
	bht_fmt_time(m->t_end, b, sizeof(b));
	bht_fmt_time(bht_frame_ns(t), f, sizeof(f));
	bht_fmt_time(bht_tick_ns(t, 1), tick, sizeof(tick));
	fprintf(out, "trace of system %s: %s to %s, major frame %s, tick %s\n", t->system, a, b,
		f, tick);
	fprintf(out, "  %llu events recorded, %zu in the dump, %llu lost (ring of %u records)\n",
		(unsigned long long)t->written, t->nrecs, (unsigned long long)t->lost,
		t->ring_records);
	fprintf(out, "  classes:");
	for (unsigned c = 0; c < 8; c++)
		if (t->classes & (1u << c))
			fprintf(out, " %s", bht_class_name(c));
	fprintf(out, "; TSC %llu Hz; trace format %u.%u; run ended with code %#x\n",
		(unsigned long long)t->tsc_hz, t->version_major, t->version_minor, t->exit_code);
	if (t->tick_timebase) {
		bht_fmt_time(t->clock_skew, a, sizeof(a));
		fprintf(out, "  times interpolated between kernel ticks: the TSC and the timer "
			     "disagreed by up to %s (QEMU without icount on a busy host?)\n",
			a);
	}
	if (m->problems)
		fprintf(out, "  %llu inconsistencies, the first %s\n",
			(unsigned long long)m->problems, m->problem);
}

static void sum_windows(const struct bht_model *m, uint32_t p, FILE *out)
{
	const struct bht_part_stats *st = &m->stats[p];
	struct samples d = { 0 };
	char a[32], b[32], c[32];

	for (size_t i = 0; i < m->nwindows; i++) {
		const struct bht_window *w = &m->windows[i];
		if (w->part == p && w->first_run >= 0)
			samples_add(&d, w->first_run - w->t0);
	}
	samples_sort(&d);
	fprintf(out, "  windows      %llu configured, %llu ran, %llu with the partition stopped\n",
		(unsigned long long)st->windows, (unsigned long long)st->windows_run,
		(unsigned long long)st->windows_idle);
	bht_fmt_time(st->ran_ns, a, sizeof(a));
	bht_fmt_time(st->planned_ns, b, sizeof(b));
	fprintf(out, "  utilisation  ran %s of %s planned (%.2f %%), %.2f %% of the trace\n", a, b,
		st->planned_ns ? 100.0 * (double)st->ran_ns / (double)st->planned_ns : 0.0,
		m->t_end > m->t_begin ? 100.0 * (double)st->ran_ns / (double)(m->t_end - m->t_begin)
				      : 0.0);
	if (d.n) {
		bht_fmt_time(samples_pct(&d, 0), a, sizeof(a));
		bht_fmt_time(samples_pct(&d, 50), b, sizeof(b));
		bht_fmt_time(d.v[d.n - 1], c, sizeof(c));
		fprintf(out, "  start delay  min %s, median %s, max %s (%zu windows)\n", a, b, c, d.n);
	}
	fprintf(out, "  ticks        %llu kernel ticks taken while it ran\n",
		(unsigned long long)st->ticks);
	samples_free(&d);
}

static void sum_dist(const char *what, struct samples *s, FILE *out)
{
	uint64_t dec[SAMPLES_DECADES];
	char a[32], b[32], c[32], e[32];

	if (!s->n)
		return;
	samples_sort(s);
	samples_decades(s, dec);
	bht_fmt_time(s->v[0], a, sizeof(a));
	bht_fmt_time(samples_pct(s, 50), b, sizeof(b));
	bht_fmt_time(samples_pct(s, 99), c, sizeof(c));
	bht_fmt_time(s->v[s->n - 1], e, sizeof(e));
	fprintf(out, "      %-14s n=%zu min %s, median %s, p99 %s, max %s\n", what, s->n, a, b, c,
		e);
	fprintf(out, "      %-14s <1us %llu | <10us %llu | <100us %llu | <1ms %llu | <10ms %llu "
		     "| >=10ms %llu\n",
		"", (unsigned long long)dec[0], (unsigned long long)dec[1],
		(unsigned long long)dec[2], (unsigned long long)dec[3], (unsigned long long)dec[4],
		(unsigned long long)dec[5]);
}

/* Latency of each delivered arrival of vector v, split by where it arrived. */
static void sum_vector(const struct bht_model *m, uint32_t p, uint32_t v, FILE *out)
{
	struct samples in = { 0 }, outw = { 0 };
	uint64_t arrivals = 0, direct = 0;
	char name[24];

	for (size_t i = 0; i < m->nirqs; i++) {
		const struct bht_irq *q = &m->irqs[i];
		if (q->part != p || q->vector != v)
			continue;
		arrivals += q->n;
		direct += q->direct;
		if (q->fate == BHT_DELIVERED)
			samples_add(q->in_window ? &in : &outw, q->delivery - q->arrival);
	}
	if (!arrivals)
		return;
	bht_vector_name(v, name, sizeof(name));
	fprintf(out, "    %-10s %llu arrivals, %llu delivered directly\n", name,
		(unsigned long long)arrivals, (unsigned long long)direct);
	sum_dist("in window", &in, out);
	sum_dist("out of window", &outw, out);
	samples_free(&in);
	samples_free(&outw);
}

static void sum_virq(const struct bht_model *m, uint32_t p, FILE *out)
{
	const struct bht_part_stats *st = &m->stats[p];
	char a[32], b[32];

	fprintf(out, "  interrupts   %llu arrivals, %llu upcalls, %llu traps, %llu returns "
		     "(latency: arrival to delivery)\n",
		(unsigned long long)st->arrivals, (unsigned long long)st->upcalls,
		(unsigned long long)st->traps, (unsigned long long)st->returns);
	for (uint32_t v = 0; v < BH_NR_UPCALL_VECTORS; v++)
		sum_vector(m, p, v, out);
	bht_fmt_time(st->pending_ns, a, sizeof(a));
	bht_fmt_time(st->pending_max, b, sizeof(b));
	fprintf(out, "  pending      %s in total, longest %s; %llu discarded, %llu still "
		     "pending at the end\n",
		a, b, (unsigned long long)st->discarded, (unsigned long long)st->outstanding);
}

static void sum_part(const struct bht_model *m, uint32_t p, FILE *out)
{
	const struct bht_part_stats *st = &m->stats[p];

	fprintf(out, "\npartition %s\n", bht_part_name(m->trace, p));
	sum_windows(m, p, out);
	sum_virq(m, p, out);
	fprintf(out, "  hypercalls   %llu (%llu failed)\n", (unsigned long long)st->hcalls,
		(unsigned long long)st->hc_errors);
	fprintf(out, "  health       %llu events, %llu restarts\n", (unsigned long long)st->hm,
		(unsigned long long)st->restarts);
	if (m->trace->classes & BH_TRACE_C_PORT)
		fprintf(out, "  ports        %llu messages sent, %llu received\n",
			(unsigned long long)st->msgs_sent, (unsigned long long)st->msgs_received);
}

static void sum_marks(const struct bht_model *m, FILE *out)
{
	char at[32];

	for (size_t i = 0; i < m->nmarks; i++) {
		const struct bht_mark *k = &m->marks[i];
		if (k->type != BH_TRACE_HM_EVENT)
			continue;
		bht_fmt_time(k->t, at, sizeof(at));
		fprintf(out, "  %s %s: %s -> %s (pc %#x)\n", at, bht_part_name(m->trace, k->part),
			bht_hm_event_name(k->a & 0xFFu), bht_hm_action_name(k->a >> 8), k->b);
	}
}

int bht_write_summary(const struct bht_model *m, FILE *out)
{
	sum_header(m, out);
	for (uint32_t p = 0; p < m->trace->npartitions; p++)
		sum_part(m, p, out);
	fprintf(out, "\nkernel\n  %llu idle ticks, %zu physical interrupts\n",
		(unsigned long long)m->idle_ticks, m->nkirqs);
	sum_marks(m, out);
	return ferror(out) ? -1 : 0;
}
