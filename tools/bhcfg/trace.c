/*
 * The `trace` statement: whether the kernel records a trace, the size of
 * its ring and which classes of events it records (docs/config.md,
 * docs/trace.md):
 *   trace on|off [size <size>] [events <class>[,<class>...]|all]
 * The class names are those of common/trace_format.h.
 */
#include <string.h>

#include "args.h"
#include "trace.h"
#include "trace_format.h"

#define TRACE_SIZE_MIN 4096u
#define TRACE_SIZE_MAX (4u << 20)

#define TRACE_CLASS_WORD(n, bit, word) [bit] = word,
static const char *const trace_classes[8] = { BH_TRACE_CLASSES(TRACE_CLASS_WORD) };
#undef TRACE_CLASS_WORD

const char *bhcfg_trace_class_name(unsigned bit)
{
	return bit < 8 ? trace_classes[bit] : NULL;
}

static bool trace_size(struct parse_state *st, const char *tok, uint32_t *out)
{
	uint64_t v;

	if (lex_size(tok, &v) != LEX_OK) {
		parse_error(st, "malformed trace size '%s' (a number with an optional K or M)",
			    tok);
		return false;
	}
	if (v < TRACE_SIZE_MIN || v > TRACE_SIZE_MAX || (v & (v - 1))) {
		parse_error(st, "trace size '%s' must be a power of two from 4K to 4M", tok);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static int trace_class(const char *word, size_t len)
{
	for (unsigned b = 0; b < 8; b++)
		if (trace_classes[b] && strlen(trace_classes[b]) == len &&
		    !strncmp(trace_classes[b], word, len))
			return (int)b;
	return -1;
}

/* "sched,virq,hm" or "all". */
static bool trace_events(struct parse_state *st, const char *list, uint32_t *out)
{
	*out = 0;
	if (!strcmp(list, "all")) {
		*out = BH_TRACE_C_ALL;
		return true;
	}
	for (const char *w = list;; w++) {
		size_t len = strcspn(w, ",");
		int b = trace_class(w, len);
		if (b < 0) {
			parse_error(st, "unknown trace event class '%.*s' (known: sched, tick, irq, "
					"virq, hypercall, hm, partition, port, or all)",
				    (int)len, w);
			return false;
		}
		*out |= 1u << b;
		w += len;
		if (!*w)
			return true;
	}
}

static bool trace_options(struct parse_state *st, struct bhcfg_trace *t, char *const *arg,
			  unsigned nargs)
{
	bool size = false, events = false;

	for (unsigned i = 1; i < nargs; i += 2) {
		bool is_size = !strcmp(arg[i], "size"), is_events = !strcmp(arg[i], "events");
		if (!is_size && !is_events) {
			parse_error(st, "unknown trace option '%s' (size or events)", arg[i]);
			return false;
		}
		if ((is_size && size) || (is_events && events)) {
			parse_error(st, "trace option '%s' given twice", arg[i]);
			return false;
		}
		if (i + 1 == nargs) {
			parse_error(st, "missing value after '%s'", arg[i]);
			return false;
		}
		if (is_size ? !trace_size(st, arg[i + 1], &t->size)
			    : !trace_events(st, arg[i + 1], &t->classes))
			return false;
		size |= is_size;
		events |= is_events;
	}
	return true;
}

void parse_trace(struct parse_state *st, char *const *arg, unsigned nargs)
{
	struct bhcfg_trace t = { false, TRACE_DEFAULT_SIZE, BH_TRACE_C_ALL, 0 };

	if (!parse_once(st, &st->sys->trace.line, "trace"))
		return;
	t.line = st->ln->line;
	if (strcmp(arg[0], "on") && strcmp(arg[0], "off")) {
		parse_error(st, "trace must be 'on' or 'off', not '%s'", arg[0]);
		return;
	}
	t.on = !strcmp(arg[0], "on");
	if (!t.on && nargs > 1) {
		parse_error(st, "'trace off' takes no options");
		return;
	}
	if (t.on && !trace_options(st, &t, arg, nargs))
		return;
	if (!t.on)
		t.size = t.classes = 0;
	st->sys->trace = t;
}
