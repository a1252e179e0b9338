/*
 * The kernel's end-of-run summary against the trace. The summary lines are
 *   [bh] summary: T ticks, F major frames, I idle ticks
 *   [bh] partition NAME: mode=M windows=W ticks=T ... upcalls=U arrivals=A hm=H restarts=R
 *   [bh] port P.NAME: KIND DIRECTION sent=S received=R ...   (one per port, in id order)
 * Windows, ticks, health-monitor events and restarts count from boot;
 * upcalls and arrivals from the partition's last (re)start or stop, when
 * the kernel resets its interrupt state (a MODE record other than normal).
 * Port messages count from boot; the n-th port line is port id n, the `a`
 * of the trace's port records. A key the kernel does not print is not
 * compared.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/abi.h>

#include "check.h"

struct counts {
	uint64_t windows, ticks, upcalls, arrivals, hm, restarts;
};

#define CHK_PORTS 256u /* port ids compared; more than any kernel has */

struct port_counts {
	uint64_t sent[CHK_PORTS], received[CHK_PORTS];
	uint32_t lines; /* port lines seen: the next one's id */
};

static void count_port(struct port_counts *pc, const struct bht_rec *r)
{
	if (r->a >= CHK_PORTS)
		return;
	if (r->type == BH_TRACE_PORT_MSG)
		pc->sent[r->a]++;
	else if (r->type == BH_TRACE_PORT_RECV)
		pc->received[r->a]++;
}

static void count_rec(struct counts *k, const struct bht_rec *r)
{
	switch (r->type) {
	case BH_TRACE_WINDOW_START:
		k->windows += !(r->a & BH_TRACE_WIN_IDLE);
		break;
	case BH_TRACE_TICK:
		k->ticks++;
		break;
	case BH_TRACE_VIRQ_RAISE:
		k->arrivals += r->b;
		break;
	case BH_TRACE_VIRQ_DELIVER:
		k->upcalls += !(r->a & BH_TRACE_BATCH) && (r->a & ~BH_TRACE_VEC_FLAGS) < BH_NR_VECTORS;
		k->arrivals += (r->a & BH_TRACE_DIRECT) != 0;
		break;
	case BH_TRACE_HM_EVENT:
		k->hm++;
		break;
	case BH_TRACE_RESTART:
		k->restarts++;
		break;
	case BH_TRACE_MODE:
		if (r->a != BH_MODE_NORMAL)
			k->upcalls = k->arrivals = 0;
		break;
	default:
		break;
	}
}

/* The value of " key=" in line (up to its end), or -1. */
static long long log_value(const char *line, const char *end, const char *key)
{
	size_t kl = strlen(key);

	for (const char *p = line; p + kl < end; p++) {
		if ((p == line || p[-1] == ' ') && !strncmp(p, key, kl) && p[kl] == '=')
			return strtoll(p + kl + 1, NULL, 10);
	}
	return -1;
}

static void compare(struct chk *c, const char *who, const char *key, long long kernel,
		    uint64_t trace)
{
	if (kernel < 0)
		return;
	c->compared++;
	if ((uint64_t)kernel != trace)
		chk_fail(c, "%s %s: kernel summary %lld, trace %llu", who, key, kernel,
			 (unsigned long long)trace);
}

static void chk_part_line(struct chk *c, const struct counts *k, const char *line,
			  const char *end)
{
	const struct bht_trace *t = c->m->trace;
	const char *name = line + strlen("[bh] partition ");
	const char *colon = memchr(name, ':', (size_t)(end - name));

	if (!colon)
		return;
	for (uint32_t p = 0; p < t->npartitions; p++) {
		if (strlen(t->parts[p].name) != (size_t)(colon - name) ||
		    strncmp(t->parts[p].name, name, (size_t)(colon - name)))
			continue;
		compare(c, t->parts[p].name, "windows", log_value(colon, end, "windows"),
			k[p].windows);
		if (t->classes & BH_TRACE_C_TICK)
			compare(c, t->parts[p].name, "ticks", log_value(colon, end, "ticks"),
				k[p].ticks);
		compare(c, t->parts[p].name, "upcalls", log_value(colon, end, "upcalls"),
			k[p].upcalls);
		compare(c, t->parts[p].name, "arrivals", log_value(colon, end, "arrivals"),
			k[p].arrivals);
		compare(c, t->parts[p].name, "hm", log_value(colon, end, "hm"), k[p].hm);
		compare(c, t->parts[p].name, "restarts", log_value(colon, end, "restarts"),
			k[p].restarts);
	}
}

static void chk_port_line(struct chk *c, struct port_counts *pc, const char *line,
			  const char *end)
{
	uint32_t id = pc->lines++;
	char who[32];

	if (!(c->m->trace->classes & BH_TRACE_C_PORT) || id >= CHK_PORTS)
		return;
	snprintf(who, sizeof(who), "port %u", id);
	compare(c, who, "sent", log_value(line, end, "sent"), pc->sent[id]);
	compare(c, who, "received", log_value(line, end, "received"), pc->received[id]);
}

static void chk_idle_line(struct chk *c, const char *line, const char *end)
{
	const char *s = strstr(line, " major frames, ");

	if (!s || s > end || !(c->m->trace->classes & BH_TRACE_C_TICK))
		return;
	compare(c, "kernel", "idle ticks", strtoll(s + strlen(" major frames, "), NULL, 10),
		c->m->idle_ticks);
}

void chk_summary(struct chk *c, const char *log_text)
{
	const struct bht_trace *t = c->m->trace;
	struct counts *k = calloc(t->npartitions, sizeof(*k));
	struct port_counts *pc = calloc(1, sizeof(*pc));
	unsigned before = c->compared;

	if (!k || !pc) {
		chk_fail(c, "out of memory");
		free(k);
		free(pc);
		return;
	}
	for (size_t i = 0; i < t->nrecs; i++) {
		if (t->recs[i].part < t->npartitions)
			count_rec(&k[t->recs[i].part], &t->recs[i]);
		count_port(pc, &t->recs[i]);
	}
	for (const char *line = log_text; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (!strncmp(line, "[bh] partition ", 15) && log_value(line, end, "windows") >= 0)
			chk_part_line(c, k, line, end);
		else if (!strncmp(line, "[bh] port ", 10) && log_value(line, end, "sent") >= 0)
			chk_port_line(c, pc, line, end);
		else if (!strncmp(line, "[bh] summary: ", 14))
			chk_idle_line(c, line, end);
		line = *end ? end + 1 : end;
	}
	if (c->compared == before)
		chk_fail(c, "no end-of-run summary in the kernel log");
	free(k);
	free(pc);
}
