/*
 * bhtrace's outputs from a synthetic run: the text summary's figures, the
 * Chrome trace-event JSON (validated by techeck, which is itself shown to
 * reject broken traces), the SVG (well-formed, one lane per partition,
 * zoomable), and the consistency check against a kernel summary.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/abi.h>

#include "bhtrace.h"
#include "gen.h"
#include "techeck.h"

#define US 1000ll

static struct gen g;
static struct bht_trace t;
static struct bht_model m;
static char *text;
static size_t text_len;

/* Two frames of alpha (0-4 ms) and beta (5-9 ms) with interrupts. */
static void build(uint8_t wrong_tick)
{
	gen_init(&g, 4096, 10);
	gen_part(&g, "alpha");
	gen_part(&g, "beta");
	gen_window(&g, 0, 0, 4);
	gen_window(&g, 1, 5, 4);
	gen_frames(&g, 2, 2 * US);
	gen_at(&g, 1 * GEN_MS + 10 * US);
	gen_rec(&g, BH_TRACE_IRQ, 0, 8, 0);
	gen_rec(&g, BH_TRACE_VIRQ_DELIVER, 0, BH_TRACE_DIRECT | BH_VEC_IRQ(8), 1);
	gen_at(&g, 1 * GEN_MS + 30 * US);
	gen_rec(&g, BH_TRACE_VIRQ_RETURN, 0, BH_VEC_IRQ(8), 1);
	gen_at(&g, 2 * GEN_MS);
	gen_rec(&g, BH_TRACE_PORT_MSG, 0, 0, 64); /* alpha's port 0 to beta's port 1 */
	gen_at(&g, 3 * GEN_MS);
	gen_rec(&g, BH_TRACE_VIRQ_RAISE, 1, BH_VEC_TICK, 1);
	gen_at(&g, 5 * GEN_MS + 4 * US);
	gen_rec(&g, BH_TRACE_VIRQ_DELIVER, 1, BH_VEC_TICK, 1);
	gen_at(&g, 6 * GEN_MS);
	gen_rec(&g, BH_TRACE_PORT_RECV, 1, 1, 64);
	gen_at(&g, 12 * GEN_MS);
	gen_rec(&g, BH_TRACE_VIRQ_RAISE, 1, BH_VEC_TIMER, 2);
	gen_pending(&g, 1, BH_VEC_TIMER, 2);
	gen_at(&g, 13 * GEN_MS);
	gen_rec(&g, BH_TRACE_HM_EVENT, 0, BH_HM_PAGE_FAULT | BH_HM_ACT_RESTART_WARM << 8, 0x1000);
	gen_rec(&g, BH_TRACE_RESTART, 0, 0, BH_START_HM_PARTITION_RESTART);
	gen_rec(&g, BH_TRACE_MODE, 0, BH_MODE_WARM_START, BH_START_HM_PARTITION_RESTART);
	if (wrong_tick) { /* a window start one tick late */
		gen_at(&g, 16 * GEN_MS);
		gen_rec(&g, BH_TRACE_WINDOW_START, 1, 1, 16);
	}
	size_t len;
	char err[BHT_ERR_MAX];
	uint8_t *buf = gen_dump(&g, &len);
	assert_int_equal(bht_load(buf, len, &t, err, sizeof(err)), 0);
	free(buf);
	assert_int_equal(bht_analyze(&t, &m), 0);
}

static int teardown(void **state)
{
	(void)state;
	free(text);
	text = NULL;
	bht_model_free(&m);
	bht_free(&t);
	gen_free(&g);
	return 0;
}

static FILE *open_text(void)
{
	free(text);
	text = NULL;
	return open_memstream(&text, &text_len);
}

static void summary(void **state)
{
	FILE *f;

	(void)state;
	build(0);
	f = open_text();
	assert_int_equal(bht_write_summary(&m, f), 0);
	fclose(f);
	assert_non_null(strstr(text, "trace of system synthetic"));
	assert_non_null(strstr(text, "partition alpha"));
	assert_non_null(strstr(text, "windows      2 configured, 2 ran"));
	assert_non_null(strstr(text, "start delay  min 3.000 us, median 3.000 us, max 3.000 us"));
	assert_non_null(strstr(text, "irq 8      1 arrivals, 1 delivered directly"));
	assert_non_null(strstr(text, "out of window  n=1 min 2.004 ms"));
	assert_non_null(strstr(text, "2 still pending at the end"));
	assert_non_null(strstr(text, "page_fault -> restart_warm"));
	assert_non_null(strstr(text, "ports        1 messages sent, 0 received"));
	assert_non_null(strstr(text, "ports        0 messages sent, 1 received"));
}

static void json_valid(void **state)
{
	struct techeck_result r;
	FILE *f;

	(void)state;
	build(0);
	f = open_text();
	struct bht_range all = { 0, -1 };
	assert_int_equal(bht_write_json(&m, &all, f), 0);
	fclose(f);
	if (techeck(text, text_len, &r))
		fail_msg("%s", r.err);
	assert_int_equal(r.metadata, 1 + 2 * (1 + 3 * 2));
	assert_true(r.slices >= 4 + 4 + 2); /* windows, runs, upcalls */
	assert_int_equal(r.asyncs, 2);	     /* two pending spans */
	assert_non_null(strstr(text, "\"alpha windows\""));
	assert_non_null(strstr(text, "\"hm page_fault -> restart_warm\""));
	assert_non_null(strstr(text, "\"port 0 sent (64 bytes)\""));
	assert_non_null(strstr(text, "\"port 1 received (64 bytes)\""));
	size_t all_slices = r.slices;
	f = open_text();
	struct bht_range zoom = { 5 * GEN_MS, 6 * GEN_MS };
	assert_int_equal(bht_write_json(&m, &zoom, f), 0);
	fclose(f);
	assert_int_equal(techeck(text, text_len, &r), 0);
	assert_true(r.slices < all_slices);
}

static void expect_bad(const char *json, const char *why)
{
	struct techeck_result r;

	assert_int_equal(techeck(json, strlen(json), &r), -1);
	if (!strstr(r.err, why))
		fail_msg("'%s' does not say '%s'", r.err, why);
}

/* The checker can fail: each rule it checks, broken once. */
static void json_checker_rejects(void **state)
{
	(void)state;
	expect_bad("{\"traceEvents\":[", "JSON");
	expect_bad("[]", "traceEvents");
	expect_bad("{\"traceEvents\":[{\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":0}]}", "ph");
	expect_bad("{\"traceEvents\":[{\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":0}]}", "name");
	expect_bad("{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":0}]}",
		   "duration");
	expect_bad("{\"traceEvents\":[{\"ph\":\"i\",\"name\":\"a\",\"pid\":1,\"tid\":1}]}", "ts");
	expect_bad("{\"traceEvents\":[{\"ph\":\"b\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":1,"
		   "\"cat\":\"c\"}]}",
		   "id");
	expect_bad("{\"traceEvents\":[{\"ph\":\"B\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":1}]}",
		   "unbalanced");
	expect_bad("{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":0,\"dur\":5},"
		   "{\"ph\":\"X\",\"name\":\"b\",\"pid\":1,\"tid\":1,\"ts\":3,\"dur\":5}]}",
		   "nesting");
	expect_bad("{\"traceEvents\":[{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":1}]}",
		   "metadata");
}

/* Tags balance: every element opened is closed, in order. */
static void assert_well_formed(const char *s)
{
	char stack[32][24];
	int depth = 0;

	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		assert_non_null(end);
		if (p[1] == '/') {
			assert_true(depth > 0);
			depth--;
			assert_int_equal(strncmp(p + 2, stack[depth], strlen(stack[depth])), 0);
		} else if (end[-1] != '/') {
			size_t n = strcspn(p + 1, " >");
			assert_true(depth < 32 && n < 24);
			memcpy(stack[depth], p + 1, n);
			stack[depth++][n] = '\0';
		}
	}
	assert_int_equal(depth, 0);
}

static void svg_lanes(void **state)
{
	struct bht_svg_opts o = { { 0, -1 }, 1000 };
	FILE *f;

	(void)state;
	build(0);
	f = open_text();
	assert_int_equal(bht_write_svg(&m, &o, f), 0);
	fclose(f);
	assert_well_formed(text);
	assert_non_null(strstr(text, "data-lane=\"kernel\""));
	assert_non_null(strstr(text, "data-lane=\"alpha\""));
	assert_non_null(strstr(text, "data-lane=\"beta\""));
	assert_non_null(strstr(text, "window 0 of frame 0: planned 0 ns to 4.000 ms"));
	assert_non_null(strstr(text, "health monitor at 13.000 ms: page_fault"));
	assert_non_null(strstr(text, "port 0: message of 64 bytes sent at 2.000 ms"));
	assert_non_null(strstr(text, "port 1: message of 64 bytes received at 6.000 ms"));
	assert_non_null(strstr(text, ">time since boot<"));
	assert_non_null(strstr(text, ">frame 1<"));
	o.range = (struct bht_range){ 5 * GEN_MS, 6 * GEN_MS };
	f = open_text();
	assert_int_equal(bht_write_svg(&m, &o, f), 0);
	fclose(f);
	assert_well_formed(text);
	assert_null(strstr(text, "window 0 of frame 0"));
	assert_non_null(strstr(text, "window 1 of frame 0"));
	assert_non_null(strstr(text, "5.2 ms")); /* axis labels at this zoom */
}

static const char *log_ok =
	"[bh] summary: 20 ticks, 2 major frames, 4 idle ticks\n"
	"[bh] partition alpha: mode=normal windows=2 ticks=8 bad_hypercalls=0 upcalls=0 "
	"arrivals=0 hm=1 restarts=1\n"
	"[bh] partition beta: mode=normal windows=2 ticks=8 bad_hypercalls=0 upcalls=1 "
	"arrivals=3 hm=0 restarts=0\n"
	"[bh] port alpha.out: sampling source sent=1 received=0 invalid=0 overflows=0\n"
	"[bh] port beta.in: sampling destination sent=0 received=1 invalid=0 overflows=0\n";

static unsigned run_check(const char *log)
{
	FILE *f = open_text();
	unsigned failures = bht_check(&m, log, f);

	fclose(f);
	return failures;
}

static void check_passes_and_fails(void **state)
{
	(void)state;
	build(0);
	if (run_check(log_ok))
		fail_msg("%s", text);
	assert_non_null(strstr(text, "OK: "));
	assert_non_null(strstr(text, "17 summary figures compared"));
	assert_int_equal(run_check("[bh] port alpha.out: sampling source sent=1 received=0\n"
				   "[bh] port beta.in: sampling destination sent=0 received=2\n"),
			 1);
	assert_non_null(strstr(text, "port 1 received: kernel summary 2, trace 1"));
	assert_int_equal(run_check("[bh] partition beta: windows=2 ticks=8 upcalls=2\n"), 1);
	assert_non_null(strstr(text, "beta upcalls: kernel summary 2, trace 1"));
	assert_int_equal(run_check("nothing\n"), 1);
	t.parts[1].count[BH_VEC_TIMER] = 3; /* the kernel had one more pending */
	assert_int_equal(run_check(NULL), 1);
	assert_non_null(strstr(text, "beta vector 1: 2 arrivals outstanding in the trace, 3"));
}

static void check_wrong_tick(void **state)
{
	(void)state;
	build(1);
	assert_true(run_check(NULL) >= 1);
	assert_non_null(strstr(text, "window_start of window 1 at tick 16, not on its configured"));
}

/*
 * One window of the whole 10 ms frame. The boot records window 0's start
 * (tick 0) 1.05 ms after kernel time 0, and the kernel's first tick comes
 * after it, late (it waited for the boot): a start in tick 0 all the same.
 * Recorded after a tick, the same record is one tick late.
 */
static void build_boot(bool start_before_first_tick)
{
	size_t len;
	char err[BHT_ERR_MAX];

	gen_init(&g, 64, 10);
	gen_part(&g, "alpha");
	gen_window(&g, 0, 0, 10);
	gen_at(&g, 1050 * US);
	if (start_before_first_tick)
		gen_rec(&g, BH_TRACE_WINDOW_START, 0, 0, 0);
	gen_at(&g, 1060 * US);
	gen_rec(&g, BH_TRACE_TICK, 0, 0, 1);
	if (!start_before_first_tick)
		gen_rec(&g, BH_TRACE_WINDOW_START, 0, 0, 0);
	for (uint32_t k = 2; k <= 12; k++) {
		gen_at(&g, k * GEN_MS + 1 * US);
		gen_rec(&g, BH_TRACE_TICK, 0, 0, k);
		if (k == 10) {
			gen_rec(&g, BH_TRACE_WINDOW_END, 0, 0, 10);
			gen_rec(&g, BH_TRACE_WINDOW_START, 0, 0, 10);
		}
	}
	gen_end(&g, 12 * GEN_MS + 2 * US, 12);
	uint8_t *buf = gen_dump(&g, &len);
	assert_int_equal(bht_load(buf, len, &t, err, sizeof(err)), 0);
	free(buf);
	assert_int_equal(bht_analyze(&t, &m), 0);
}

static void check_boot_tick(void **state)
{
	(void)state;
	build_boot(true);
	if (run_check(NULL))
		fail_msg("%s", text);
	teardown(NULL);
	build_boot(false);
	if (run_check(NULL) != 1)
		fail_msg("%s", text);
	assert_non_null(strstr(text, "window_start of window 0 recorded outside tick 0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(summary, teardown),
		cmocka_unit_test_teardown(json_valid, teardown),
		cmocka_unit_test(json_checker_rejects),
		cmocka_unit_test_teardown(svg_lanes, teardown),
		cmocka_unit_test_teardown(check_passes_and_fails, teardown),
		cmocka_unit_test_teardown(check_wrong_tick, teardown),
		cmocka_unit_test_teardown(check_boot_tick, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
