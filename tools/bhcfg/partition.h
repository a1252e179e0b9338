/*
 * The statements of a `partition ... end` block.
 */
#ifndef BHCFG_PARTITION_H
#define BHCFG_PARTITION_H

#include "parse.h"

extern const struct parse_stmt partition_stmts[];
extern const unsigned partition_nstmts;

/* Starts partition p: name, source line and every default. */
void partition_init(struct bhcfg_partition *p, const char *name,
		    const struct lex_line *ln);

#endif /* BHCFG_PARTITION_H */
