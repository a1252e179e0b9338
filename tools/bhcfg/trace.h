/* The `trace` statement (trace.c). */
#ifndef BHCFG_TRACE_H
#define BHCFG_TRACE_H

#include "parse.h"

#define TRACE_DEFAULT_SIZE (64u * 1024u) /* bytes: 4096 records */

void parse_trace(struct parse_state *st, char *const *arg, unsigned nargs);

#endif /* BHCFG_TRACE_H */
