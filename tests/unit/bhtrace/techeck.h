/*
 * A checker of the Chrome trace-event format (the JSON object form), for
 * bhtrace's output: it parses the JSON and checks what Perfetto and
 * chrome://tracing need of each event (ph, name, pid, tid, ts; dur for X;
 * cat and id for async b/e; args for metadata), that B/E and b/e pair up,
 * and that complete (X) slices on one thread nest.
 */
#ifndef BHTRACE_TECHECK_H
#define BHTRACE_TECHECK_H

#include <stddef.h>

struct techeck_result {
	size_t events, slices, instants, asyncs, metadata;
	char err[256]; /* "" when valid */
};

/* 0 if `json` is a valid trace; -1 with r->err set otherwise. */
int techeck(const char *json, size_t len, struct techeck_result *r);

#endif /* BHTRACE_TECHECK_H */
