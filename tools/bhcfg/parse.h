/*
 * Statement layer: the block structure of the config file and the state
 * shared by the modules that handle each block's statements (parse.c for
 * the top level and the schedule, partition.c and hm.c for partitions).
 * Everything that can be checked on one line is checked here; checks that
 * need the whole file are in validate.c and memory.c.
 */
#ifndef BHCFG_PARSE_H
#define BHCFG_PARSE_H

#include "bhcfg.h"
#include "lex.h"

enum parse_block { PARSE_TOP, PARSE_PARTITION, PARSE_SCHEDULE, PARSE_CHANNEL };

struct parse_state {
	struct bhcfg_system *sys;
	struct bhcfg_diag *diag;
	const struct lex_line *ln;	/* the line being handled */
	struct lex_line line;		/* storage for it */
	enum parse_block block;
	unsigned block_line;
	struct bhcfg_partition *part;	/* open partition, maybe &scratch */
	struct bhcfg_partition scratch; /* takes partitions past the limit */
	struct bhcfg_channel *chan;	/* open channel, maybe &chan_scratch */
	struct bhcfg_channel chan_scratch;
	unsigned statements;		/* statements seen before this one */
	bool first_reported;		/* "system must come first" was said */
};

typedef void (*parse_fn_t)(struct parse_state *st, char *const *arg,
			   unsigned nargs);

struct parse_stmt {
	const char *keyword;
	unsigned min_args;
	unsigned max_args;
	const char *usage;
	parse_fn_t fn;
};

/* Parses the whole text into st->sys; errors go to st->diag. */
void parse_text(struct parse_state *st, const char *text, size_t len);

void parse_error(struct parse_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* `end`: closes the open block. */
void parse_end(struct parse_state *st, char *const *arg, unsigned nargs);

/* Records that a once-only statement was seen; false if seen before. */
bool parse_once(struct parse_state *st, unsigned *line, const char *what);

#endif /* BHCFG_PARSE_H */
