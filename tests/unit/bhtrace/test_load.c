/*
 * bhtrace's dump decoder: every event type decodes with its fields and
 * time, the ring comes back in order after wrapping around, overflow is
 * counted, and corrupt or truncated dumps are refused with a message (and
 * never read out of bounds: ASan watches).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bhtrace.h"
#include "gen.h"

static void two_parts(struct gen *g, uint32_t ring)
{
	gen_init(g, ring, 10);
	gen_part(g, "alpha");
	gen_part(g, "beta");
	gen_window(g, 0, 0, 4);
	gen_window(g, 1, 5, 4);
}

static int load(const struct gen *g, struct bht_trace *t, char *err)
{
	size_t len;
	uint8_t *buf = gen_dump(g, &len);
	int ret = bht_load(buf, len, t, err, BHT_ERR_MAX);

	free(buf);
	return ret;
}

#define EV_LIST(n, v, c, name, a, b) BH_TRACE_##n,
static const uint8_t all_types[] = { BH_TRACE_EVENTS(EV_LIST) };

static void every_event_type(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];
	size_t n = sizeof(all_types);

	(void)state;
	two_parts(&g, 64);
	for (size_t i = 0; i < n; i++) { /* a tick record's b is a tick: 0 */
		gen_at(&g, (int64_t)i * 1500);
		gen_rec(&g, all_types[i], (uint8_t)(i % 2), (uint16_t)(100 + i),
			all_types[i] == BH_TRACE_TICK ? 0 : 0xC0DE0000u + (uint32_t)i);
	}
	gen_end(&g, 40000, 0);
	assert_int_equal(load(&g, &t, err), 0);
	assert_int_equal(t.nrecs, n);
	assert_int_equal(t.lost, 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(t.recs[i].type, all_types[i]);
		assert_int_equal(t.recs[i].part, i % 2);
		assert_int_equal(t.recs[i].a, 100 + i);
		assert_int_equal(t.recs[i].b, all_types[i] == BH_TRACE_TICK ? 0 : 0xC0DE0000u + i);
		assert_int_equal(t.recs[i].t, (int64_t)i * 1500);
		assert_string_not_equal(bht_event_name(all_types[i]), "?");
		assert_int_not_equal(bht_event_class(all_types[i]), 0);
	}
	assert_string_equal(bht_event_name(BH_TRACE_EVENT_END), "?");
	bht_free(&t);
	gen_free(&g);
}

static void header_fields(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];

	(void)state;
	two_parts(&g, 16);
	gen_pending(&g, 1, 33, 7);
	gen_end(&g, 3 * GEN_MS, 3);
	assert_int_equal(load(&g, &t, err), 0);
	assert_string_equal(t.system, "synthetic");
	assert_int_equal(t.npartitions, 2);
	assert_string_equal(t.parts[1].name, "beta");
	assert_int_equal(t.parts[1].pending[1], 2u);
	assert_int_equal(t.parts[1].count[33], 7);
	assert_int_equal(t.nwindows, 2);
	assert_int_equal(t.windows[1].start, 5);
	assert_int_equal(t.end_t, 3 * GEN_MS);
	assert_int_equal(bht_tick_ns(&t, 7), 7 * GEN_MS);
	assert_int_equal(bht_frame_ns(&t), 10 * GEN_MS);
	assert_int_equal(t.nrecs, 0);
	bht_free(&t);
	gen_free(&g);
}

/*
 * TSC and ticks that disagree (a host that stalled QEMU for 5 ms after
 * tick 2): records get times between their ticks instead.
 */
static void tick_timebase(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];

	(void)state;
	two_parts(&g, 64);
	for (uint32_t k = 1; k <= 4; k++) {
		int64_t late = k >= 3 ? 5 * GEN_MS : 0;
		gen_at(&g, k * GEN_MS + late);
		gen_rec(&g, BH_TRACE_TICK, BH_TRACE_KERNEL, 0, k);
		gen_at(&g, k * GEN_MS + late + 100000);
		gen_rec(&g, BH_TRACE_IRQ, 0, 3, k);
	}
	gen_end(&g, 4 * GEN_MS + 5 * GEN_MS + 200000, 4);
	assert_int_equal(load(&g, &t, err), 0);
	assert_true(t.tick_timebase);
	assert_int_equal(t.clock_skew, 5 * GEN_MS);
	assert_int_equal(t.recs[4].t, 3 * GEN_MS); /* tick 3, on its tick */
	/* Between tick 2 (2 ms, TSC 2 ms) and tick 3 (3 ms, TSC 8 ms): the
	 * IRQ at TSC 2.1 ms is 0.1/6 of the way. */
	assert_int_equal(t.recs[3].t, 2 * GEN_MS + GEN_MS / 60);
	assert_int_equal(t.recs[7].t, 4 * GEN_MS + 100000); /* after the last tick: TSC rate */
	assert_int_equal(t.end_t, 4 * GEN_MS + 200000);
	bht_free(&t);
	gen_free(&g);
}

/* 8 slots, 13 records: the 8 newest come back oldest first, 5 lost. */
static void ring_wraps(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];

	(void)state;
	two_parts(&g, 8);
	for (uint32_t i = 0; i < 13; i++) {
		gen_at(&g, i * 100);
		gen_rec(&g, BH_TRACE_IRQ, 0, 3, i);
	}
	assert_int_equal(load(&g, &t, err), 0);
	assert_int_equal(t.nrecs, 8);
	assert_int_equal(t.written, 13);
	assert_int_equal(t.lost, 5);
	for (uint32_t i = 0; i < 8; i++) {
		assert_int_equal(t.recs[i].b, 5 + i);
		assert_int_equal(t.recs[i].t, (5 + i) * 100);
	}
	bht_free(&t);
	gen_free(&g);
}

/* Exactly full is no loss; one more is one lost. */
static void overflow_counted(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];

	(void)state;
	two_parts(&g, 4);
	for (uint32_t i = 0; i < 4; i++)
		gen_rec(&g, BH_TRACE_TICK, BH_TRACE_KERNEL, 0, i);
	assert_int_equal(load(&g, &t, err), 0);
	assert_int_equal(t.lost, 0);
	assert_int_equal(t.recs[0].b, 0);
	bht_free(&t);
	gen_rec(&g, BH_TRACE_TICK, BH_TRACE_KERNEL, 0, 4);
	assert_int_equal(load(&g, &t, err), 0);
	assert_int_equal(t.lost, 1);
	assert_int_equal(t.nrecs, 4);
	assert_int_equal(t.recs[0].b, 1);
	assert_int_equal(t.recs[3].b, 4);
	bht_free(&t);
	gen_free(&g);
}

/* Every proper prefix of a dump is refused cleanly. */
static void truncated_refused(void **state)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];
	size_t len;
	uint8_t *buf;

	(void)state;
	two_parts(&g, 8);
	gen_rec(&g, BH_TRACE_TICK, BH_TRACE_KERNEL, 0, 1);
	buf = gen_dump(&g, &len);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, buf, cut);
		assert_int_equal(bht_load(copy, cut, &t, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		free(copy);
	}
	assert_int_equal(bht_load(buf, len, &t, err, sizeof(err)), 0);
	bht_free(&t);
	free(buf);
	gen_free(&g);
}

/* Flip one field of a good dump; the load must fail naming the problem. */
static void corrupt_at(size_t off, uint8_t value, const char *expect)
{
	struct gen g;
	struct bht_trace t;
	char err[BHT_ERR_MAX];
	size_t len;
	uint8_t *buf;

	two_parts(&g, 8);
	gen_at(&g, 1000);
	gen_rec(&g, BH_TRACE_TICK, BH_TRACE_KERNEL, 0, 1);
	gen_at(&g, 2000);
	gen_rec(&g, BH_TRACE_TICK, 1, 0, 2);
	buf = gen_dump(&g, &len);
	buf[off] = value;
	assert_int_equal(bht_load(buf, len, &t, err, sizeof(err)), -1);
	if (!strstr(err, expect))
		fail_msg("error '%s' does not say '%s'", err, expect);
	free(buf);
	gen_free(&g);
}

static void corrupt_refused(void **state)
{
	size_t recs = sizeof(struct bh_trace_header) + 2 * sizeof(struct bh_trace_part) +
		      2 * sizeof(struct bh_trace_window);

	(void)state;
	corrupt_at(recs + 16 + 1, 0x10, "backwards"); /* the second record's TSC, older */
	corrupt_at(0, 'X', "magic");
	corrupt_at(offsetof(struct bh_trace_header, version_major), 9, "version");
	corrupt_at(offsetof(struct bh_trace_header, ring_records), 6, "ring");
	corrupt_at(offsetof(struct bh_trace_header, npartitions), 0, "partitions");
	corrupt_at(offsetof(struct bh_trace_header, major_frame), 0, "major frame");
	corrupt_at(offsetof(struct bh_trace_header, rec_size), 8, "sizes");
	corrupt_at(recs - sizeof(struct bh_trace_window) + 4, 9, "schedule"); /* window past frame */
	corrupt_at(recs + 9, 7, "partition 7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_event_type), cmocka_unit_test(header_fields),
		cmocka_unit_test(ring_wraps),	    cmocka_unit_test(overflow_counted),
		cmocka_unit_test(tick_timebase),
		cmocka_unit_test(truncated_refused), cmocka_unit_test(corrupt_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
