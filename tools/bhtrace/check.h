/* Internals of `bhtrace check` (check.c, check_log.c). */
#ifndef BHTRACE_CHECK_H
#define BHTRACE_CHECK_H

#include "bhtrace.h"

struct chk {
	const struct bht_model *m;
	FILE *out;
	unsigned failures, compared;
	uint64_t boundaries, arrivals;
};

void chk_fail(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Compare the kernel's end-of-run summary in log_text with the trace. */
void chk_summary(struct chk *c, const char *log_text);

#endif /* BHTRACE_CHECK_H */
