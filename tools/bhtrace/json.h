/* Writing Chrome trace-event JSON (json.c, json_events.c). */
#ifndef BHTRACE_JSON_H
#define BHTRACE_JSON_H

#include "bhtrace.h"

/* Thread ids: the kernel, then per partition p: runs, windows, upcalls. */
#define JSON_TID_KERNEL 1u
#define JSON_TID_RUN 100u
#define JSON_TID_WINDOWS 200u
#define JSON_TID_UPCALLS 300u

struct json_out {
	FILE *out;
	bool first;
	int64_t from, to;
};

void json_str(FILE *out, const char *s);
void json_us(FILE *out, int64_t ns);
bool json_in_range(const struct json_out *j, int64_t t0, int64_t t1);
void json_head(struct json_out *j, const char *ph, uint32_t tid, const char *name);
/* Open events: the caller adds ",\"args\":{...}" if it wants, then "}". */
void json_slice(struct json_out *j, uint32_t tid, const char *name, const char *cat,
		int64_t t0, int64_t t1);
void json_instant(struct json_out *j, uint32_t tid, const char *name, const char *cat,
		  int64_t t);

void json_runs(struct json_out *j, const struct bht_model *m);
void json_windows(struct json_out *j, const struct bht_model *m);
void json_virq(struct json_out *j, const struct bht_model *m);
void json_misc(struct json_out *j, const struct bht_model *m);

#endif /* BHTRACE_JSON_H */
