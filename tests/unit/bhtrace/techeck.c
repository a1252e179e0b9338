/* The Chrome trace-event checker (see techeck.h): a small JSON parser
 * into a tree, then the rules per event. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "techeck.h"

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jt t;
	double num;
	char *str;
	size_t n;
	struct jv *items; /* array elements or object values */
	char **keys;	  /* object keys */
};

struct jp {
	const char *s, *end;
	int depth;
	bool bad;
};

static void jv_free(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jv_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

static void ws(struct jp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t'))
		p->s++;
}

static bool lit(struct jp *p, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(p->end - p->s) < n || strncmp(p->s, w, n))
		return false;
	p->s += n;
	return true;
}

static char *jstring(struct jp *p)
{
	size_t cap = 16, n = 0;
	char *out = malloc(cap);

	p->s++; /* the opening quote */
	while (p->s < p->end && *p->s != '"') {
		char c = *p->s++;
		if ((unsigned char)c < 0x20)
			p->bad = true;
		if (c == '\\' && p->s < p->end) {
			char e = *p->s++;
			const char *map = strchr("\"\\/bfnrt", e);
			if (e == 'u' && p->end - p->s >= 4) {
				p->s += 4;
				c = '?';
			} else if (map && e) {
				c = "\"\\/\b\f\n\r\t"[map - "\"\\/bfnrt"];
			} else {
				p->bad = true;
			}
		}
		if (n + 2 > cap)
			out = realloc(out, cap *= 2);
		out[n++] = c;
	}
	if (p->s >= p->end)
		p->bad = true;
	else
		p->s++;
	out[n] = '\0';
	return out;
}

static void jvalue(struct jp *p, struct jv *v);

static void jitems(struct jp *p, struct jv *v, bool obj)
{
	size_t cap = 0;
	char close = obj ? '}' : ']';

	p->s++;
	ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return;
	}
	while (!p->bad) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = realloc(v->items, cap * sizeof(*v->items));
			if (obj)
				v->keys = realloc(v->keys, cap * sizeof(*v->keys));
		}
		ws(p);
		if (obj) {
			if (p->s >= p->end || *p->s != '"') {
				p->bad = true;
				return;
			}
			v->keys[v->n] = jstring(p);
			ws(p);
			if (p->s >= p->end || *p->s++ != ':')
				p->bad = true;
		}
		memset(&v->items[v->n], 0, sizeof(*v->items));
		jvalue(p, &v->items[v->n++]);
		ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s >= p->end || *p->s++ != close)
			p->bad = true;
		return;
	}
}

static void jnumber(struct jp *p, struct jv *v)
{
	const char *s = p->s;
	char *end;

	if (*s == '-')
		s++;
	if (s >= p->end || *s < '0' || *s > '9' || (*s == '0' && s + 1 < p->end && s[1] >= '0' && s[1] <= '9'))
		p->bad = true;
	v->t = J_NUM;
	v->num = strtod(p->s, &end);
	if (end == p->s || end > p->end)
		p->bad = true;
	p->s = end;
}

static void jvalue(struct jp *p, struct jv *v)
{
	ws(p);
	if (p->s >= p->end || ++p->depth > 64) {
		p->bad = true;
		return;
	}
	if (*p->s == '{' || *p->s == '[') {
		v->t = *p->s == '{' ? J_OBJ : J_ARR;
		jitems(p, v, v->t == J_OBJ);
	} else if (*p->s == '"') {
		v->t = J_STR;
		v->str = jstring(p);
	} else if (lit(p, "true") || lit(p, "false")) {
		v->t = J_BOOL;
	} else if (lit(p, "null")) {
		v->t = J_NULL;
	} else {
		jnumber(p, v);
	}
	p->depth--;
}

static const struct jv *get(const struct jv *o, const char *key)
{
	for (size_t i = 0; o->t == J_OBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return &o->items[i];
	return NULL;
}

static int fail(struct techeck_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -1;
}

struct slice {
	double pid, tid;
	int64_t t0, t1;
};

static int64_t ns_of(double us)
{
	return (int64_t)llround(us * 1000.0);
}

static int cmp_slice(const void *a, const void *b)
{
	const struct slice *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	return (y->t1 > x->t1) - (y->t1 < x->t1); /* the longer first */
}

/* Complete slices on one thread must nest: no partial overlap. */
static int check_nesting(struct slice *s, size_t n, struct techeck_result *r)
{
	struct slice **stack = malloc((n + 1) * sizeof(*stack));
	size_t depth = 0;
	int ret = 0;

	qsort(s, n, sizeof(*s), cmp_slice);
	for (size_t i = 0; i < n && !ret; i++) {
		if (i && (s[i].pid != s[i - 1].pid || s[i].tid != s[i - 1].tid))
			depth = 0;
		while (depth && stack[depth - 1]->t1 <= s[i].t0)
			depth--;
		if (depth && s[i].t1 > stack[depth - 1]->t1)
			ret = fail(r, "X slices overlap without nesting on tid %.0f at ts %lld ns",
				   s[i].tid, (long long)s[i].t0);
		stack[depth++] = &s[i];
	}
	free(stack);
	return ret;
}

static bool is_num(const struct jv *v)
{
	return v && v->t == J_NUM && isfinite(v->num);
}

static bool is_str(const struct jv *v)
{
	return v && v->t == J_STR;
}

/* One event's required fields; counts it. */
static int check_event(const struct jv *e, size_t i, struct techeck_result *r, long *open_async)
{
	const struct jv *ph = get(e, "ph");

	if (e->t != J_OBJ)
		return fail(r, "event %zu is not an object", i);
	if (!is_str(ph) || strlen(ph->str) != 1 || !strchr("BEXiIbenstfMCPONDRc", ph->str[0]))
		return fail(r, "event %zu: missing or unknown ph", i);
	if (!is_str(get(e, "name")) || !is_num(get(e, "pid")) || !is_num(get(e, "tid")))
		return fail(r, "event %zu (%s): name, pid and tid are required", i, ph->str);
	char c = ph->str[0];
	r->events++;
	if (c == 'M') {
		const struct jv *args = get(e, "args");
		r->metadata++;
		if (!args || args->t != J_OBJ || (!get(args, "name") && !get(args, "sort_index")))
			return fail(r, "event %zu: metadata without args.name or args.sort_index", i);
		return 0;
	}
	if (!is_num(get(e, "ts")))
		return fail(r, "event %zu (%s): ts is required", i, ph->str);
	if (c == 'X' && (!is_num(get(e, "dur")) || get(e, "dur")->num < 0))
		return fail(r, "event %zu: X without a duration >= 0", i);
	if ((c == 'i' || c == 'I') && get(e, "s") &&
	    (!is_str(get(e, "s")) || !strchr("gpt", get(e, "s")->str[0])))
		return fail(r, "event %zu: instant scope must be g, p or t", i);
	if (strchr("ben", c) && (!get(e, "id") || !is_str(get(e, "cat"))))
		return fail(r, "event %zu: async event without id and cat", i);
	r->slices += c == 'X';
	r->instants += c == 'i' || c == 'I';
	r->asyncs += c == 'b';
	*open_async += c == 'b' ? 1 : c == 'e' ? -1 : 0;
	return 0;
}

static int check_events(const struct jv *evs, struct techeck_result *r)
{
	struct slice *s = malloc((evs->n + 1) * sizeof(*s));
	size_t ns = 0;
	long open_async = 0, open_sync = 0;
	int ret = 0;

	for (size_t i = 0; i < evs->n && !ret; i++) {
		const struct jv *e = &evs->items[i];
		ret = check_event(e, i, r, &open_async);
		if (ret)
			break;
		const char *ph = get(e, "ph")->str;
		open_sync += ph[0] == 'B' ? 1 : ph[0] == 'E' ? -1 : 0;
		if (ph[0] == 'X')
			s[ns++] = (struct slice){ get(e, "pid")->num, get(e, "tid")->num,
						  ns_of(get(e, "ts")->num),
						  ns_of(get(e, "ts")->num + get(e, "dur")->num) };
	}
	if (!ret && (open_async || open_sync))
		ret = fail(r, "unbalanced begin/end events (%ld B/E, %ld b/e open)", open_sync,
			   open_async);
	if (!ret)
		ret = check_nesting(s, ns, r);
	free(s);
	return ret;
}

int techeck(const char *json, size_t len, struct techeck_result *r)
{
	struct jp p = { json, json + len, 0, false };
	struct jv root = { 0 };
	const struct jv *evs, *unit;
	int ret;

	memset(r, 0, sizeof(*r));
	jvalue(&p, &root);
	ws(&p);
	if (p.bad || p.s != p.end)
		ret = fail(r, "not valid JSON (at byte %zu)", (size_t)(p.s - json));
	else if (root.t != J_OBJ || !(evs = get(&root, "traceEvents")) || evs->t != J_ARR)
		ret = fail(r, "no traceEvents array in a top-level object");
	else if ((unit = get(&root, "displayTimeUnit")) &&
		 (!is_str(unit) || (strcmp(unit->str, "ms") && strcmp(unit->str, "ns"))))
		ret = fail(r, "displayTimeUnit must be \"ms\" or \"ns\"");
	else
		ret = check_events(evs, r);
	jv_free(&root);
	return ret;
}
