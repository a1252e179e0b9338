/*
 * bhtrace: the kernel trace decoder, as a library.
 *
 * bht_load() turns a dump (common/trace_format.h) into a struct bht_trace:
 * the header's facts and the records in the order they happened, each with
 * its time in ns of kernel time. bht_analyze() derives what the outputs
 * draw and count: the configured windows, when each partition actually
 * ran, every interrupt from arrival to delivery, hypercalls, health-monitor
 * and mode events. The outputs (SVG, Chrome trace-event JSON, text
 * summary, consistency check) only print that model.
 */
#ifndef BHTRACE_H
#define BHTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace_format.h"

#define BHT_ERR_MAX 256u
#define BHT_MAX_PARTS 64u	 /* more is refused as corrupt */
#define BHT_MAX_WINDOWS 4096u
#define BHT_MAX_RING (1u << 24)

/* ------------------------------------------------------------ the dump */

struct bht_rec {
	int64_t t;     /* ns of kernel time (may be < 0 before the timer started) */
	uint64_t tsc;
	uint8_t type;  /* enum bh_trace_event */
	uint8_t part;  /* partition id or BH_TRACE_KERNEL */
	uint16_t a;
	uint32_t b;
};

struct bht_part {
	char name[BH_TRACE_NAME_LEN + 1];
	uint32_t mode;
	uint32_t pending[2];
	uint32_t count[64];
};

struct bht_trace {
	uint16_t version_major, version_minor;
	char system[BH_TRACE_NAME_LEN + 1];
	uint32_t ring_records;
	uint64_t written;
	uint64_t lost; /* overwritten before the dump */
	uint64_t tsc_hz, tsc_zero, end_tsc, end_tick;
	uint32_t tick_clocks, tick_hz, tick_us, major_frame, classes, exit_code;
	uint32_t npartitions, nwindows;
	struct bht_part *parts;
	struct bh_trace_window *windows;
	size_t nrecs;
	struct bht_rec *recs; /* oldest first */
	int64_t end_t;	      /* ns when the dump began */
	bool tick_timebase;   /* times interpolated between kernel ticks */
	int64_t clock_skew;   /* the largest gap between TSC time and a tick's */
};

/* Decode a dump in memory. 0, or -1 with a message in err. */
int bht_load(const uint8_t *buf, size_t len, struct bht_trace *t, char *err, size_t errlen);
/* The same from a file. */
int bht_load_file(const char *path, struct bht_trace *t, char *err, size_t errlen);
void bht_free(struct bht_trace *t);

/* Time: TSC to kernel ns, kernel ticks to ns, and a record's full tick. */
int64_t bht_tsc_ns(const struct bht_trace *t, uint64_t tsc);
int64_t bht_tick_ns(const struct bht_trace *t, uint64_t tick);
uint64_t bht_rec_tick(const struct bht_trace *t, const struct bht_rec *r);
int64_t bht_frame_ns(const struct bht_trace *t);
/*
 * After loading: if the TSC's time and the kernel's ticks disagree by
 * more than a tick (QEMU without icount on a busy host delays and drops
 * timer interrupts), give records times interpolated between the tick
 * records instead, so that the timeline stays in kernel time.
 */
void bht_retime(struct bht_trace *t);

/* Names, NULL (or "?") when out of range. */
const char *bht_event_name(unsigned type);
unsigned bht_event_class(unsigned type); /* BH_TRACE_C_*, 0 if unknown */
const char *bht_class_name(unsigned bit);
const char *bht_hc_name(unsigned nr);
const char *bht_hm_event_name(unsigned ev);
const char *bht_hm_action_name(unsigned act);
const char *bht_mode_name(unsigned mode);
/* "tick", "timer", "port 3", "irq 8", "trap 14", "vector 5" */
void bht_vector_name(unsigned vector, char *buf, size_t len);
/* "12.345 ms" with a unit chosen for the magnitude. */
void bht_fmt_time(int64_t ns, char *buf, size_t len);
const char *bht_part_name(const struct bht_trace *t, unsigned part);

/* --------------------------------------------------------- the model */

/* A configured window, one per frame, with what actually happened in it. */
struct bht_window {
	uint32_t part, index; /* schedule index */
	uint64_t frame;
	int64_t t0, t1;	      /* planned, from the schedule */
	int64_t rec0, rec1;   /* when the kernel recorded its start/end; -1 unknown */
	int64_t first_run;    /* when its owner first ran in it; -1 never */
	int64_t ran;	      /* ns its owner was on the CPU inside it */
	bool owner_idle;      /* the owner was stopped (mode idle) */
	bool seen;	      /* its start is in the trace */
};

/* The CPU belonged to `part` (or the idle loop) from t0 to t1. */
struct bht_run {
	uint32_t part; /* BH_TRACE_KERNEL: idle */
	int64_t t0, t1;
};

/* One arrival of a virtual interrupt and what became of it. */
enum bht_fate { BHT_PENDING, BHT_DELIVERED, BHT_DISCARDED };

struct bht_irq {
	uint32_t part, vector;
	uint32_t n;	   /* arrivals this record stands for (ticks coalesce) */
	int64_t arrival;   /* physical arrival (lines) or raise */
	int64_t delivery;  /* when fate != BHT_PENDING */
	enum bht_fate fate;
	bool direct;	   /* straight to the handler, never pending */
	bool in_window;	   /* its owner's window was active at arrival */
	bool went_pending; /* the kernel recorded it as not deliverable at once */
};

/* An upcall from delivery to its return. */
struct bht_upcall {
	uint32_t part, vector, count;
	int64_t t0, t1; /* t1: return, or the restart that abandoned it; -1: neither */
	uint32_t depth; /* nesting level, 0 = outermost */
};

struct bht_hcall {
	uint32_t part, nr, arg0;
	int32_t result;
	int64_t t0, t1; /* t1 = -1: no exit recorded */
};

/* An instant worth a mark: HM event, mode change, restart, discard, port. */
struct bht_mark {
	int64_t t;
	uint8_t type, part;
	uint16_t a;
	uint32_t b;
};

/* Per-partition figures. */
struct bht_part_stats {
	uint64_t windows, windows_run, windows_idle;
	int64_t planned_ns, ran_ns;
	uint64_t ticks;	      /* kernel ticks taken while it ran */
	uint64_t arrivals;    /* sum of n */
	uint64_t upcalls;     /* deliveries of vectors < 64 */
	uint64_t traps;	      /* deliveries of trap vectors */
	uint64_t returns, hcalls, hc_errors, hm, restarts, discarded, outstanding;
	uint64_t msgs_sent, msgs_received; /* port messages */
	int64_t pending_ns, pending_max;
};

struct bht_model {
	const struct bht_trace *trace;
	struct bht_window *windows;
	size_t nwindows;
	struct bht_run *runs;
	size_t nruns;
	struct bht_irq *irqs;
	size_t nirqs;
	struct bht_upcall *upcalls;
	size_t nupcalls;
	struct bht_hcall *hcalls;
	size_t nhcalls;
	struct bht_mark *marks;
	size_t nmarks;
	struct bht_rec *kirqs; /* physical IRQ arrivals (kernel lane) */
	size_t nkirqs;
	struct bht_part_stats *stats; /* [npartitions] */
	uint64_t idle_ticks;
	int64_t t_begin, t_end; /* the span the trace covers */
	uint64_t unmatched_deliveries; /* deliveries with no arrival in the trace */
	uint64_t unmatched_returns;
	uint64_t unknown_records;
	char problem[BHT_ERR_MAX]; /* first inconsistency found, "" if none */
	uint64_t problems;
};

int bht_analyze(const struct bht_trace *t, struct bht_model *m);
void bht_model_free(struct bht_model *m);

/* ---------------------------------------------------------- outputs */

struct bht_range {
	int64_t from, to; /* ns; to < 0: the end of the trace */
};

struct bht_svg_opts {
	struct bht_range range;
	unsigned width; /* pixels of the time axis */
};

int bht_write_svg(const struct bht_model *m, const struct bht_svg_opts *o, FILE *out);
int bht_write_json(const struct bht_model *m, const struct bht_range *r, FILE *out);
int bht_write_summary(const struct bht_model *m, FILE *out);
/* One line per record in the range: time, partition, event, fields. */
int bht_write_list(const struct bht_trace *t, const struct bht_range *r, FILE *out);

/*
 * The consistency check used by the in-QEMU test: windows at the configured
 * ticks, every arrival delivered, discarded or still pending in the dump's
 * final state, and (with a kernel log) counts equal to the kernel's
 * end-of-run summary. Prints what it checked; returns the problems found.
 */
unsigned bht_check(const struct bht_model *m, const char *log_text, FILE *out);

#endif /* BHTRACE_H */
