/*
 * A synthetic trace dump generator for bhtrace's unit tests: it writes
 * records into a ring exactly as the kernel does (overwrite-oldest) and
 * serialises a dump byte by byte, little-endian, as common/trace_format.h
 * lays it out. Time: TSC at 1 GHz from GEN_TSC_ZERO, kernel tick 1 ms.
 */
#ifndef BHTRACE_GEN_H
#define BHTRACE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "trace_format.h"

#define GEN_MAX_PARTS 8u
#define GEN_MAX_WINDOWS 16u
#define GEN_TSC_ZERO 5000u
#define GEN_MS 1000000ll

struct gen {
	uint32_t ring;
	uint64_t written;
	struct bh_trace_rec *slots;
	uint64_t tsc;
	uint32_t major_frame; /* ticks of 1 ms */
	uint32_t classes;
	uint32_t nparts, nwindows;
	char names[GEN_MAX_PARTS][BH_TRACE_NAME_LEN];
	struct bh_trace_part parts[GEN_MAX_PARTS];
	struct bh_trace_window windows[GEN_MAX_WINDOWS];
	uint64_t end_tick;
	int64_t end_ns;
};

void gen_init(struct gen *g, uint32_t ring, uint32_t major_frame_ms);
void gen_part(struct gen *g, const char *name);
void gen_window(struct gen *g, uint32_t part, uint32_t start_ms, uint32_t dur_ms);
/* Set the time of the next records, ns since kernel time 0. */
void gen_at(struct gen *g, int64_t ns);
void gen_rec(struct gen *g, uint8_t type, uint8_t part, uint16_t a, uint32_t b);
/* The dump's final state: vector v pending with count n. */
void gen_pending(struct gen *g, uint32_t part, uint32_t v, uint32_t n);
void gen_end(struct gen *g, int64_t ns, uint64_t tick);
/* The dump as bytes (malloc'd). */
uint8_t *gen_dump(const struct gen *g, size_t *len);
void gen_free(struct gen *g);

/*
 * A plausible run: for each window of each frame, WINDOW_START on its tick
 * (+ delay_ns), SWITCH to its owner 1 us later, WINDOW_END and SWITCH to
 * idle at its end (+ delay_ns), a TICK per ms with the running partition.
 * Ends at the end of frame `frames`.
 */
void gen_frames(struct gen *g, uint32_t frames, int64_t delay_ns);

#endif /* BHTRACE_GEN_H */
