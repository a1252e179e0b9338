/*
 * `bhtrace json`: the Chrome trace-event format, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open. One process for the system;
 * threads: the kernel (idle time, physical interrupts, ticks), and per
 * partition one for when it ran (with its hypercalls nested inside), one
 * for its configured windows, one for its upcalls (nested as they nested).
 * Time from arrival to delivery of each pending interrupt is an async
 * slice. Timestamps are microseconds with nanosecond decimals.
 */
#include <bulkhead/abi.h>

#include "bhtrace.h"
#include "json.h"

void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* ns as microseconds with three decimals, exact. */
void json_us(FILE *out, int64_t ns)
{
	uint64_t v = ns < 0 ? (uint64_t)-ns : (uint64_t)ns;

	fprintf(out, "%s%llu.%03llu", ns < 0 ? "-" : "", (unsigned long long)(v / 1000u),
		(unsigned long long)(v % 1000u));
}

static void json_sep(struct json_out *j)
{
	fputs(j->first ? "\n" : ",\n", j->out);
	j->first = false;
}

bool json_in_range(const struct json_out *j, int64_t t0, int64_t t1)
{
	return t1 >= j->from && t0 <= j->to;
}

/* The common head of an event: {"ph":..,"pid":1,"tid":..,"name":.. */
void json_head(struct json_out *j, const char *ph, uint32_t tid, const char *name)
{
	json_sep(j);
	fprintf(j->out, "{\"ph\":\"%s\",\"pid\":1,\"tid\":%u,\"name\":", ph, tid);
	json_str(j->out, name);
}

void json_slice(struct json_out *j, uint32_t tid, const char *name, const char *cat,
		int64_t t0, int64_t t1)
{
	json_head(j, "X", tid, name);
	fprintf(j->out, ",\"cat\":\"%s\",\"ts\":", cat);
	json_us(j->out, t0);
	fputs(",\"dur\":", j->out);
	json_us(j->out, t1 - t0);
}

void json_instant(struct json_out *j, uint32_t tid, const char *name, const char *cat,
		  int64_t t)
{
	json_head(j, "i", tid, name);
	fprintf(j->out, ",\"cat\":\"%s\",\"s\":\"t\",\"ts\":", cat);
	json_us(j->out, t);
}

static void json_meta(struct json_out *j, uint32_t tid, const char *what, const char *name,
		      uint32_t sort)
{
	json_head(j, "M", tid, what);
	fputs(",\"args\":{\"name\":", j->out);
	json_str(j->out, name);
	fputs("}}", j->out);
	json_head(j, "M", tid, "thread_sort_index");
	fprintf(j->out, ",\"args\":{\"sort_index\":%u}}", sort);
}

static void json_threads(struct json_out *j, const struct bht_trace *t)
{
	char name[64];

	json_head(j, "M", 0, "process_name");
	fputs(",\"args\":{\"name\":", j->out);
	snprintf(name, sizeof(name), "Bulkhead %s", t->system);
	json_str(j->out, name);
	fputs("}}", j->out);
	json_meta(j, JSON_TID_KERNEL, "thread_name", "kernel", 0);
	for (uint32_t p = 0; p < t->npartitions; p++) {
		json_meta(j, JSON_TID_RUN + p, "thread_name", t->parts[p].name, 1 + 3 * p);
		snprintf(name, sizeof(name), "%s windows", t->parts[p].name);
		json_meta(j, JSON_TID_WINDOWS + p, "thread_name", name, 2 + 3 * p);
		snprintf(name, sizeof(name), "%s upcalls", t->parts[p].name);
		json_meta(j, JSON_TID_UPCALLS + p, "thread_name", name, 3 + 3 * p);
	}
}

int bht_write_json(const struct bht_model *m, const struct bht_range *r, FILE *out)
{
	struct json_out j = { out, true, r->from, r->to < 0 ? m->t_end : r->to };

	fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"system\":", out);
	json_str(out, m->trace->system);
	fprintf(out, ",\"trace_format\":\"%u.%u\",\"events_lost\":%llu},\"traceEvents\":[",
		m->trace->version_major, m->trace->version_minor,
		(unsigned long long)m->trace->lost);
	json_threads(&j, m->trace);
	json_runs(&j, m);
	json_windows(&j, m);
	json_virq(&j, m);
	json_misc(&j, m);
	fputs("\n]}\n", out);
	return ferror(out) ? -1 : 0;
}
