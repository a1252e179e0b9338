/*
 * Block structure and top-level statements. A statement found in the wrong
 * block gets an error that says where it belongs; a top-level statement
 * inside a block also closes that block, so that one missing `end` gives
 * one error rather than one per following line.
 */
#include <stdarg.h>
#include <string.h>

#include "args.h"
#include "partition.h"
#include "port.h"
#include "trace.h"

void parse_error(struct parse_state *st, const char *fmt, ...)
{
	char msg[BHCFG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bhcfg_diag_error(st->diag, st->ln->line, "%s", msg);
}

bool parse_once(struct parse_state *st, unsigned *line, const char *what)
{
	if (*line) {
		parse_error(st, "'%s' given twice (first at line %u)", what,
			    *line);
		return false;
	}
	*line = st->ln->line;
	return true;
}

static bool parse_name_free(struct parse_state *st, const char *name)
{
	const struct bhcfg_system *sys = st->sys;
	unsigned i;

	for (i = 0; i < sys->npartitions; i++) {
		if (strcmp(sys->partitions[i].name, name) == 0) {
			parse_error(st,
				    "duplicate name '%s' (partition at line %u)",
				    name, sys->partitions[i].line);
			return false;
		}
	}
	for (i = 0; i < sys->nshared; i++) {
		if (strcmp(sys->shared[i].name, name) == 0) {
			parse_error(st,
				    "duplicate name '%s' (shared object at "
				    "line %u)",
				    name, sys->shared[i].line);
			return false;
		}
	}
	return true;
}

static void parse_system(struct parse_state *st, char *const *arg,
			 unsigned nargs)
{
	(void)nargs;
	if (!parse_once(st, &st->sys->line, "system"))
		return;
	if (st->statements != 0 && !st->first_reported)
		parse_error(st, "'system' must be the first statement");
	args_name(st, arg[0], "system", st->sys->name);
}

static void parse_tick(struct parse_state *st, char *const *arg,
		       unsigned nargs)
{
	uint64_t us;

	(void)nargs;
	if (!parse_once(st, &st->sys->tick_line, "tick") ||
	    !args_duration(st, arg[0], "duration", &us))
		return;
	if (us < 50 || us > 50000) {
		parse_error(st, "tick %lluus is out of range (50us..50ms)",
			    (unsigned long long)us);
		return;
	}
	st->sys->tick_us = us;
}

static void parse_major_frame(struct parse_state *st, char *const *arg,
			      unsigned nargs)
{
	uint64_t us;

	(void)nargs;
	if (!parse_once(st, &st->sys->major_frame_line, "major_frame") ||
	    !args_duration(st, arg[0], "duration", &us))
		return;
	if (us == 0) {
		parse_error(st, "major frame must not be zero");
		return;
	}
	st->sys->major_frame_us = us;
}

static void parse_shared(struct parse_state *st, char *const *arg,
			 unsigned nargs)
{
	struct bhcfg_system *sys = st->sys;
	struct bhcfg_shared sh;

	memset(&sh, 0, sizeof(sh));
	sh.line = st->ln->line;
	if (nargs == 3) {
		parse_error(st, "missing argument (usage: shared <name> <size> "
				"[at <paddr>])");
		return;
	}
	if (!args_name(st, arg[0], "shared object", sh.name) ||
	    !parse_name_free(st, sh.name) || !args_size(st, arg[1], &sh.size))
		return;
	if (nargs == 4) {
		if (!args_at(st, arg + 2, sh.size, &sh.paddr))
			return;
		sh.paddr_given = true;
	}
	if (sys->nshared == BHCFG_MAX_SHARED) {
		parse_error(st, "more than %u shared objects", BHCFG_MAX_SHARED);
		return;
	}
	sys->shared[sys->nshared++] = sh;
}

/* A partition's console lines start with "[name] ": these would pass
 * for the kernel's own ("[bh] ...", "[hm] ..."). */
static bool parse_partition_name_ok(struct parse_state *st, const char *name)
{
	if (strcmp(name, "bh") != 0 && strcmp(name, "hm") != 0)
		return true;
	parse_error(st, "partition name '%s' is reserved (the kernel's console prefix)", name);
	return false;
}

static void parse_partition(struct parse_state *st, char *const *arg,
			    unsigned nargs)
{
	struct bhcfg_system *sys = st->sys;
	struct bhcfg_partition *p = &st->scratch;
	bool ok = args_name(st, arg[0], "partition", st->scratch.name) &&
		  parse_partition_name_ok(st, arg[0]) && parse_name_free(st, arg[0]);

	(void)nargs;
	if (ok && sys->npartitions == BH_CFG_MAX_PARTITIONS)
		parse_error(st, "more than %u partitions (BH_CFG_MAX_PARTITIONS)",
			    BH_CFG_MAX_PARTITIONS);
	else if (ok)
		p = &sys->partitions[sys->npartitions++];
	/* The block is parsed either way; a rejected one into scratch. */
	partition_init(p, ok ? arg[0] : "", st->ln);
	st->part = p;
	st->block = PARSE_PARTITION;
	st->block_line = st->ln->line;
}

static void parse_schedule(struct parse_state *st, char *const *arg,
			   unsigned nargs)
{
	(void)arg;
	(void)nargs;
	parse_once(st, &st->sys->schedule_line, "schedule");
	st->block = PARSE_SCHEDULE;
	st->block_line = st->ln->line;
}

static void parse_window(struct parse_state *st, char *const *arg,
			 unsigned nargs)
{
	struct bhcfg_system *sys = st->sys;
	struct bhcfg_window w;

	(void)nargs;
	memset(&w, 0, sizeof(w));
	w.line = st->ln->line;
	memcpy(w.text, st->ln->text, sizeof(w.text));
	if (!args_name(st, arg[0], "partition", w.partition_name) ||
	    !args_duration(st, arg[1], "offset", &w.start_us) ||
	    !args_duration(st, arg[2], "duration", &w.duration_us))
		return;
	if (sys->nwindows == BHCFG_MAX_WINDOWS) {
		parse_error(st, "more than %u windows", BHCFG_MAX_WINDOWS);
		return;
	}
	sys->windows[sys->nwindows++] = w;
}

void parse_end(struct parse_state *st, char *const *arg, unsigned nargs)
{
	(void)arg;
	(void)nargs;
	st->block = PARSE_TOP;
	st->part = NULL;
	st->chan = NULL;
}

static const struct parse_stmt parse_top[] = {
	{ "system", 1, 1, "system <name>", parse_system },
	{ "tick", 1, 1, "tick <duration>", parse_tick },
	{ "major_frame", 1, 1, "major_frame <duration>", parse_major_frame },
	{ "shared", 2, 4, "shared <name> <size> [at <paddr>]", parse_shared },
	{ "partition", 1, 1, "partition <name>", parse_partition },
	{ "schedule", 0, 0, "schedule", parse_schedule },
	{ "channel", 1, 1, "channel <name>", channel_open },
	{ "trace", 1, 5, "trace on|off [size <size>] [events <class>,...]", parse_trace },
};

static const struct parse_stmt parse_sched[] = {
	{ "window", 3, 3, "window <partition> <offset> <duration>",
	  parse_window },
	{ "end", 0, 0, "end", parse_end },
};

#define PARSE_COUNT(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

static const struct parse_stmt *parse_find(const struct parse_stmt *tab,
					   unsigned n, const char *kw)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (strcmp(tab[i].keyword, kw) == 0)
			return &tab[i];
	}
	return NULL;
}

static const struct parse_stmt *parse_lookup(enum parse_block b,
					     const char *kw)
{
	if (b == PARSE_PARTITION)
		return parse_find(partition_stmts, partition_nstmts, kw);
	if (b == PARSE_SCHEDULE)
		return parse_find(parse_sched, PARSE_COUNT(parse_sched), kw);
	if (b == PARSE_CHANNEL)
		return parse_find(channel_stmts, channel_nstmts, kw);
	return parse_find(parse_top, PARSE_COUNT(parse_top), kw);
}

static bool parse_known(const char *kw)
{
	return parse_lookup(PARSE_TOP, kw) || parse_lookup(PARSE_PARTITION, kw) ||
	       parse_lookup(PARSE_SCHEDULE, kw) || parse_lookup(PARSE_CHANNEL, kw);
}

static const char *parse_block_name(enum parse_block b)
{
	return b == PARSE_PARTITION ? "partition"
	       : b == PARSE_CHANNEL ? "channel"
				    : "schedule";
}

/* kw is not valid in the current block: say where it belongs. */
static bool parse_misplaced(struct parse_state *st, const char *kw)
{
	if (st->block != PARSE_TOP && parse_lookup(PARSE_TOP, kw)) {
		parse_error(st,
			    "'%s' inside the %s block opened at line %u "
			    "(missing 'end'?)",
			    kw, parse_block_name(st->block), st->block_line);
		parse_end(st, NULL, 0);
		return true; /* handle it at the top level */
	}
	if (strcmp(kw, "end") == 0)
		parse_error(st, "'end' without an open block");
	else if (parse_lookup(PARSE_PARTITION, kw))
		parse_error(st, "'%s' outside a partition block", kw);
	else if (parse_lookup(PARSE_SCHEDULE, kw))
		parse_error(st, "'%s' outside the schedule block", kw);
	else if (parse_lookup(PARSE_CHANNEL, kw))
		parse_error(st, "'%s' outside a channel block", kw);
	else
		parse_error(st, "unknown keyword '%s'", kw);
	return false;
}

static void parse_statement(struct parse_state *st)
{
	const struct lex_line *ln = st->ln;
	const char *kw = ln->tok[0];
	const struct parse_stmt *s = parse_lookup(st->block, kw);
	unsigned nargs = ln->ntok - 1u;

	if (st->statements == 0 && strcmp(kw, "system") != 0 &&
	    parse_known(kw)) {
		parse_error(st, "the first statement must be 'system <name>'");
		st->first_reported = true;
	}
	if (!s && parse_misplaced(st, kw))
		s = parse_lookup(st->block, kw);
	if (!s)
		return;
	if (ln->overflow || nargs > s->max_args)
		parse_error(st, "extra argument '%s' (usage: %s)",
			    ln->overflow && nargs <= s->max_args
				    ? ln->tok[LEX_MAX_TOKENS - 1u]
				    : ln->tok[s->max_args + 1u],
			    s->usage);
	else if (nargs < s->min_args)
		parse_error(st, "missing argument (usage: %s)", s->usage);
	else
		s->fn(st, ln->tok + 1, nargs);
}

static void parse_required_partition(struct parse_state *st,
				     const struct bhcfg_partition *p)
{
	unsigned i;
	bool memory = false;

	if (!p->image_line)
		bhcfg_diag_error(st->diag, p->line,
				 "partition '%s' has no 'image' statement",
				 p->name);
	for (i = 0; i < p->nregions; i++)
		memory |= p->regions[i].kind == BHCFG_REGION_MEMORY;
	if (!memory)
		bhcfg_diag_error(st->diag, p->line,
				 "partition '%s' has no 'memory' statement",
				 p->name);
}

/* Missing statements are reported at the line that needs them. */
static void parse_required(struct parse_state *st)
{
	const struct bhcfg_system *sys = st->sys;
	unsigned i;

	if (!sys->line) {
		if (!st->first_reported)
			bhcfg_diag_error(st->diag, 1,
					 "missing 'system <name>' statement");
		return;
	}
	if (!sys->tick_line)
		bhcfg_diag_error(st->diag, sys->line,
				 "missing 'tick <duration>' statement");
	if (!sys->major_frame_line)
		bhcfg_diag_error(st->diag, sys->line,
				 "missing 'major_frame <duration>' statement");
	if (!sys->schedule_line)
		bhcfg_diag_error(st->diag, sys->line,
				 "missing 'schedule' block");
	if (!sys->npartitions)
		bhcfg_diag_error(st->diag, sys->line, "no partition defined");
	for (i = 0; i < sys->npartitions; i++)
		parse_required_partition(st, &sys->partitions[i]);
}

static void parse_unclosed(struct parse_state *st)
{
	if (st->block == PARSE_PARTITION)
		bhcfg_diag_error(st->diag, st->block_line,
				 "partition '%s' is not closed by 'end'",
				 st->part->name);
	else if (st->block == PARSE_SCHEDULE)
		bhcfg_diag_error(st->diag, st->block_line,
				 "schedule block is not closed by 'end'");
	else if (st->block == PARSE_CHANNEL)
		bhcfg_diag_error(st->diag, st->block_line,
				 "channel '%s' is not closed by 'end'",
				 st->chan->name);
}

void parse_text(struct parse_state *st, const char *text, size_t len)
{
	struct lex_line *ln = &st->line;
	size_t pos = 0;

	memset(ln, 0, sizeof(*ln));
	st->ln = ln;
	while (lex_next_line(text, len, &pos, ln)) {
		if (ln->error)
			parse_error(st, "%s", ln->error);
		else if (ln->ntok) {
			parse_statement(st);
			st->statements++;
		}
	}
	parse_unclosed(st);
	parse_required(st);
	st->ln = NULL;
}
