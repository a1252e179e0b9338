/*
 * Reading a dump: the header, the partition and window tables, the ring
 * (put back in order when it wrapped) and the trailer. Every field is read
 * byte by byte as little-endian and every size is checked before use, so a
 * truncated or corrupt file gives a message, never a crash.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bhtrace.h"

struct load_in {
	const uint8_t *buf;
	size_t len;
	char *err;
	size_t errlen;
};

static int load_fail(struct load_in *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int load_fail(struct load_in *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->err, in->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void rd_name(char *dst, const uint8_t *p)
{
	memcpy(dst, p, BH_TRACE_NAME_LEN);
	dst[BH_TRACE_NAME_LEN] = '\0';
	for (char *c = dst; *c; c++)
		if (*c < 0x20 || *c > 0x7e)
			*c = '?';
}

#define HOFF(f) __builtin_offsetof(struct bh_trace_header, f)

static void load_header_fields(const uint8_t *h, struct bht_trace *t)
{
	t->version_major = rd16(h + HOFF(version_major));
	t->version_minor = rd16(h + HOFF(version_minor));
	t->ring_records = rd32(h + HOFF(ring_records));
	t->written = rd64(h + HOFF(written));
	t->tsc_hz = rd64(h + HOFF(tsc_hz));
	t->tsc_zero = rd64(h + HOFF(tsc_zero));
	t->end_tsc = rd64(h + HOFF(end_tsc));
	t->end_tick = rd64(h + HOFF(end_tick));
	t->tick_clocks = rd32(h + HOFF(tick_clocks));
	t->tick_hz = rd32(h + HOFF(tick_hz));
	t->tick_us = rd32(h + HOFF(tick_us));
	t->major_frame = rd32(h + HOFF(major_frame));
	t->classes = rd32(h + HOFF(classes));
	t->npartitions = rd32(h + HOFF(npartitions));
	t->nwindows = rd32(h + HOFF(nwindows));
	t->exit_code = rd32(h + HOFF(exit_code));
	rd_name(t->system, h + HOFF(system));
}

/* Sizes of the pieces, as the header states them (a newer minor may grow them). */
struct load_sizes {
	uint32_t header, part, window, rec;
	uint64_t nrecs;
};

static int load_check_header(struct load_in *in, const struct bht_trace *t,
			     struct load_sizes *s)
{
	const uint8_t *h = in->buf;

	s->header = rd32(h + HOFF(header_size));
	s->part = rd32(h + HOFF(part_size));
	s->window = rd32(h + HOFF(window_size));
	s->rec = rd32(h + HOFF(rec_size));
	if (t->version_major != BH_TRACE_VERSION_MAJOR)
		return load_fail(in, "trace format version %u.%u, this bhtrace reads %u.x",
				 t->version_major, t->version_minor, BH_TRACE_VERSION_MAJOR);
	if (s->header < sizeof(struct bh_trace_header) || s->part < sizeof(struct bh_trace_part) ||
	    s->window < sizeof(struct bh_trace_window) || s->rec < sizeof(struct bh_trace_rec) ||
	    s->header > 4096 || s->part > 4096 || s->window > 4096 || s->rec > 4096)
		return load_fail(in, "corrupt header: impossible structure sizes");
	if (!t->ring_records || (t->ring_records & (t->ring_records - 1)) ||
	    t->ring_records > BHT_MAX_RING)
		return load_fail(in, "corrupt header: ring of %u records", t->ring_records);
	if (t->npartitions == 0 || t->npartitions > BHT_MAX_PARTS ||
	    t->nwindows > BHT_MAX_WINDOWS)
		return load_fail(in, "corrupt header: %u partitions, %u windows", t->npartitions,
				 t->nwindows);
	if (!t->tsc_hz || !t->tick_hz || !t->tick_clocks || !t->major_frame)
		return load_fail(in, "corrupt header: zero clock rate, tick or major frame");
	s->nrecs = t->written < t->ring_records ? t->written : t->ring_records;
	return 0;
}

static void load_part(const uint8_t *p, struct bht_part *d)
{
	rd_name(d->name, p);
	d->mode = rd32(p + 16);
	d->pending[0] = rd32(p + 20);
	d->pending[1] = rd32(p + 24);
	for (unsigned v = 0; v < 64; v++)
		d->count[v] = rd32(p + 28 + 4 * v);
}

static int load_tables(struct load_in *in, struct bht_trace *t, const struct load_sizes *s)
{
	const uint8_t *p = in->buf + s->header;

	t->parts = calloc(t->npartitions, sizeof(*t->parts));
	t->windows = calloc(t->nwindows ? t->nwindows : 1, sizeof(*t->windows));
	if (!t->parts || !t->windows)
		return load_fail(in, "out of memory");
	for (uint32_t i = 0; i < t->npartitions; i++, p += s->part)
		load_part(p, &t->parts[i]);
	for (uint32_t i = 0; i < t->nwindows; i++, p += s->window) {
		struct bh_trace_window *w = &t->windows[i];
		w->partition = rd32(p);
		w->start = rd32(p + 4);
		w->duration = rd32(p + 8);
		if (w->partition >= t->npartitions || !w->duration ||
		    w->start >= t->major_frame || w->duration > t->major_frame - w->start)
			return load_fail(in, "corrupt schedule: window %u", i);
	}
	return 0;
}

static int load_record(struct load_in *in, const struct bht_trace *t, const uint8_t *p,
		       struct bht_rec *r, size_t i)
{
	r->tsc = rd64(p);
	r->type = p[8];
	r->part = p[9];
	r->a = rd16(p + 10);
	r->b = rd32(p + 12);
	r->t = bht_tsc_ns(t, r->tsc);
	if (r->part != BH_TRACE_KERNEL && r->part >= t->npartitions)
		return load_fail(in, "record %zu: partition %u out of range", i, r->part);
	return 0;
}

/* The ring, oldest first: after a wrap the oldest is at written % size. */
static int load_ring(struct load_in *in, struct bht_trace *t, const uint8_t *ring,
		     const struct load_sizes *s)
{
	uint64_t first = t->written > t->ring_records ? t->written % t->ring_records : 0;

	t->nrecs = (size_t)s->nrecs;
	t->recs = calloc(t->nrecs ? t->nrecs : 1, sizeof(*t->recs));
	if (!t->recs)
		return load_fail(in, "out of memory");
	for (size_t i = 0; i < t->nrecs; i++) {
		size_t slot = (size_t)((first + i) % s->nrecs);
		if (load_record(in, t, ring + slot * s->rec, &t->recs[i], i))
			return -1;
		if (i && t->recs[i].tsc < t->recs[i - 1].tsc)
			return load_fail(in, "record %zu: time goes backwards", i);
	}
	return 0;
}

static int load_all(struct load_in *in, struct bht_trace *t)
{
	struct load_sizes s = { 0 };
	uint64_t tables, total;

	if (in->len < sizeof(struct bh_trace_header))
		return load_fail(in, "not a trace dump: %zu bytes", in->len);
	if (memcmp(in->buf, BH_TRACE_MAGIC, 8) != 0)
		return load_fail(in, "not a trace dump: no BHTRACE magic "
				     "(was the run started with -debugcon file:...?)");
	load_header_fields(in->buf, t);
	if (load_check_header(in, t, &s))
		return -1;
	tables = s.header + (uint64_t)s.part * t->npartitions + (uint64_t)s.window * t->nwindows;
	total = tables + s.rec * s.nrecs + sizeof(struct bh_trace_trailer);
	if (in->len < total)
		return load_fail(in, "truncated dump: %zu of %llu bytes", in->len,
				 (unsigned long long)total);
	const uint8_t *trailer = in->buf + total - sizeof(struct bh_trace_trailer);
	if (memcmp(trailer, BH_TRACE_TRAILER, 8) != 0 || rd64(trailer + 8) != s.nrecs)
		return load_fail(in, "corrupt dump: bad trailer");
	t->lost = t->written - s.nrecs;
	t->end_t = bht_tsc_ns(t, t->end_tsc);
	if (load_tables(in, t, &s))
		return -1;
	if (load_ring(in, t, in->buf + tables, &s))
		return -1;
	bht_retime(t);
	return 0;
}

int bht_load(const uint8_t *buf, size_t len, struct bht_trace *t, char *err, size_t errlen)
{
	struct load_in in = { buf, len, err, errlen };

	memset(t, 0, sizeof(*t));
	if (load_all(&in, t)) {
		bht_free(t);
		return -1;
	}
	return 0;
}

int bht_load_file(const char *path, struct bht_trace *t, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	int ret;

	memset(t, 0, sizeof(*t));
	if (!f) {
		snprintf(err, errlen, "cannot open %s", path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (!nb) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);
	ret = bht_load(buf, len, t, err, errlen);
	free(buf);
	return ret;
}

void bht_free(struct bht_trace *t)
{
	free(t->parts);
	free(t->windows);
	free(t->recs);
	memset(t, 0, sizeof(*t));
}
