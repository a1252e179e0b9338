/* Synthetic trace dumps for bhtrace's tests (see gen.h). */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

void gen_init(struct gen *g, uint32_t ring, uint32_t major_frame_ms)
{
	memset(g, 0, sizeof(*g));
	g->ring = ring;
	g->slots = calloc(ring, sizeof(*g->slots));
	g->tsc = GEN_TSC_ZERO;
	g->major_frame = major_frame_ms;
	g->classes = BH_TRACE_C_ALL;
}

void gen_part(struct gen *g, const char *name)
{
	strncpy(g->names[g->nparts], name, BH_TRACE_NAME_LEN - 1);
	g->parts[g->nparts].mode = 3;
	g->nparts++;
}

void gen_window(struct gen *g, uint32_t part, uint32_t start_ms, uint32_t dur_ms)
{
	g->windows[g->nwindows++] = (struct bh_trace_window){ part, start_ms, dur_ms };
}

void gen_at(struct gen *g, int64_t ns)
{
	g->tsc = GEN_TSC_ZERO + (uint64_t)ns;
}

void gen_rec(struct gen *g, uint8_t type, uint8_t part, uint16_t a, uint32_t b)
{
	g->slots[g->written++ % g->ring] = (struct bh_trace_rec){ g->tsc, type, part, a, b };
}

void gen_pending(struct gen *g, uint32_t part, uint32_t v, uint32_t n)
{
	g->parts[part].pending[v >> 5] |= 1u << (v & 31u);
	g->parts[part].count[v] = n;
}

void gen_end(struct gen *g, int64_t ns, uint64_t tick)
{
	g->end_ns = ns;
	g->end_tick = tick;
}

static uint8_t *put(uint8_t *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static uint8_t *put_header(const struct gen *g, uint8_t *p)
{
	memcpy(p, BH_TRACE_MAGIC, 8);
	p = put(p + 8, BH_TRACE_VERSION_MAJOR, 2);
	p = put(p, BH_TRACE_VERSION_MINOR, 2);
	p = put(p, sizeof(struct bh_trace_header), 4);
	p = put(p, sizeof(struct bh_trace_part), 4);
	p = put(p, sizeof(struct bh_trace_window), 4);
	p = put(p, sizeof(struct bh_trace_rec), 4);
	p = put(p, g->ring, 4);
	p = put(p, g->written, 8);
	p = put(p, 1000000000u, 8);			 /* tsc_hz */
	p = put(p, GEN_TSC_ZERO, 8);			 /* tsc_zero */
	p = put(p, GEN_TSC_ZERO + (uint64_t)g->end_ns, 8); /* end_tsc */
	p = put(p, g->end_tick, 8);
	p = put(p, 1000, 4);	/* tick_clocks: 1000 cycles of 1 MHz, 1 ms */
	p = put(p, 1000000, 4); /* tick_hz */
	p = put(p, 1000, 4);	/* tick_us */
	p = put(p, g->major_frame, 4);
	p = put(p, g->classes, 4);
	p = put(p, g->nparts, 4);
	p = put(p, g->nwindows, 4);
	p = put(p, 0x10, 4);
	memcpy(p, "synthetic", 10);
	return p + BH_TRACE_NAME_LEN;
}

static uint8_t *put_tables(const struct gen *g, uint8_t *p)
{
	for (uint32_t i = 0; i < g->nparts; i++) {
		memcpy(p, g->names[i], BH_TRACE_NAME_LEN);
		p = put(p + BH_TRACE_NAME_LEN, g->parts[i].mode, 4);
		p = put(p, g->parts[i].pending[0], 4);
		p = put(p, g->parts[i].pending[1], 4);
		for (unsigned v = 0; v < 64; v++)
			p = put(p, g->parts[i].count[v], 4);
	}
	for (uint32_t i = 0; i < g->nwindows; i++) {
		p = put(p, g->windows[i].partition, 4);
		p = put(p, g->windows[i].start, 4);
		p = put(p, g->windows[i].duration, 4);
	}
	return p;
}

uint8_t *gen_dump(const struct gen *g, size_t *len)
{
	uint64_t n = g->written < g->ring ? g->written : g->ring;
	size_t size = sizeof(struct bh_trace_header) + g->nparts * sizeof(struct bh_trace_part) +
		      g->nwindows * sizeof(struct bh_trace_window) + n * 16 + 16;
	uint8_t *buf = malloc(size), *p;

	struct bh_trace_rec *recs = malloc((n ? n : 1) * sizeof(*recs));

	/* Tests add records out of time order; the kernel never does. A
	 * ring that has not wrapped is put in time order (stable). */
	memcpy(recs, g->slots, n * sizeof(*recs));
	for (uint64_t i = 1; g->written <= g->ring && i < n; i++)
		for (uint64_t j = i; j && recs[j].tsc < recs[j - 1].tsc; j--) {
			struct bh_trace_rec x = recs[j];
			recs[j] = recs[j - 1];
			recs[j - 1] = x;
		}
	p = put_tables(g, put_header(g, buf));
	for (uint64_t i = 0; i < n; i++) {
		const struct bh_trace_rec *r = &recs[i];
		p = put(p, r->tsc, 8);
		*p++ = r->type;
		*p++ = r->part;
		p = put(p, r->a, 2);
		p = put(p, r->b, 4);
	}
	memcpy(p, BH_TRACE_TRAILER, 8);
	put(p + 8, n, 8);
	free(recs);
	*len = size;
	return buf;
}

void gen_free(struct gen *g)
{
	free(g->slots);
	g->slots = NULL;
}

static int window_at(const struct gen *g, uint32_t pos, int ends)
{
	for (uint32_t i = 0; i < g->nwindows; i++) {
		const struct bh_trace_window *w = &g->windows[i];
		if ((ends ? w->start + w->duration : w->start) == pos)
			return (int)i;
	}
	return -1;
}

void gen_frames(struct gen *g, uint32_t frames, int64_t delay_ns)
{
	uint8_t running = BH_TRACE_KERNEL;
	uint64_t last = (uint64_t)frames * g->major_frame;

	for (uint64_t k = 0; k <= last; k++) {
		uint32_t pos = (uint32_t)(k % g->major_frame);
		int e = k ? window_at(g, pos ? pos : g->major_frame, 1) : -1;
		int s = k < last ? window_at(g, pos, 0) : -1;
		gen_at(g, (int64_t)k * GEN_MS + delay_ns);
		if (k)
			gen_rec(g, BH_TRACE_TICK, running, 0, (uint32_t)k);
		if (e >= 0)
			gen_rec(g, BH_TRACE_WINDOW_END, (uint8_t)g->windows[e].partition, (uint16_t)e,
				(uint32_t)k);
		if (s >= 0)
			gen_rec(g, BH_TRACE_WINDOW_START, (uint8_t)g->windows[s].partition,
				(uint16_t)s, (uint32_t)k);
		if (k == last)
			break;
		gen_at(g, (int64_t)k * GEN_MS + delay_ns + 1000);
		if (s >= 0 || e >= 0) {
			running = s >= 0 ? (uint8_t)g->windows[s].partition : BH_TRACE_KERNEL;
			gen_rec(g, BH_TRACE_SWITCH, running, 0, 0);
		}
	}
	gen_end(g, (int64_t)last * GEN_MS + delay_ns + 2000, last);
}
