#define _XOPEN_SOURCE 700
/*
 * The kernel side of the trace, on the host: the core built with
 * BH_TRACE=1 runs the test system (tests/unit/support/tsys.h) and writes
 * its dump to the fake debug console; bhtrace's own decoder reads it back.
 * So the records the kernel writes, its ring (wrapping, overwrite-oldest,
 * loss counted), the class filter and the dump format are checked end to
 * end, and `bhtrace check` must agree with the kernel's own summary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bh/printk.h>
#include <bh/trace.h>

#include "bhtrace.h"
#include "tsys.h"

static uint32_t ring[4096 * 4] __attribute__((aligned(16)));
static struct bht_trace t;
static struct bht_model m;

static int setup(void **state)
{
	tsys_setup(state);
	memset(ring, 0, sizeof(ring));
	tsys_cfg->trace = (struct bh_cfg_trace){ BH_TRACE_C_ALL, 4096, ring };
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bht_model_free(&m);
	bht_free(&t);
	return 0;
}

/* One kernel tick, with the fake clock running 1 ms of 1 GHz per tick. */
static void tick(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		host_clock += 1000000u - 64u;
		tsys_tick(1);
	}
}

/* Run until the configured frames end the run; load the dump. */
static void run_to_end(void)
{
	volatile unsigned code;
	char err[BHT_ERR_MAX];

	TSYS_CATCH_HALT(code, for (;;) tick(1));
	assert_int_equal(code, BH_EXIT_OK);
	if (bht_load(host_debug, host_debug_len, &t, err, sizeof(err)))
		fail_msg("dump: %s", err);
	assert_int_equal(bht_analyze(&t, &m), 0);
}

static size_t count(uint8_t type, uint8_t part)
{
	size_t n = 0;

	for (size_t i = 0; i < t.nrecs; i++)
		n += t.recs[i].type == type && (part == 0xFE || t.recs[i].part == part);
	return n;
}

/* Two frames with virtual ticks, hypercalls and a fault: check agrees. */
static void run_checks_out(void **state)
{
	char *log;
	FILE *out;
	size_t len;

	(void)state;
	tsys_boot("frames=2");
	tsys_run_until(TSYS_ALPHA);
	assert_true(tsys_hc(BH_HC_VERSION) > 0);
	assert_int_equal(tsys_hc(BH_HC_COUNT + 3), BH_ENOSYS);
	tsys_irq(A_LINE); /* not bound: recorded as an arrival, nothing raised */
	tsys_run_until(TSYS_GAMMA);
	tsys_trap(14, 4, 0x1234); /* page fault: gamma is stopped */
	assert_int_equal(tsys_part(TSYS_GAMMA)->mode, BH_MODE_IDLE);
	run_to_end();
	assert_string_equal(t.system, "tsys");
	assert_int_equal(t.lost, 0);
	assert_int_equal(t.tsc_hz, 1000000000u);
	assert_int_equal(t.end_tick, 2 * TSYS_MAJOR);
	assert_int_equal(t.nwindows, 5);
	assert_int_equal(count(BH_TRACE_MODE, 0xFE), 3 + 1); /* three cold starts, one stop */
	assert_int_equal(count(BH_TRACE_WINDOW_START, 0xFE), 10);
	assert_int_equal(count(BH_TRACE_TICK, 0xFE), 2 * TSYS_MAJOR);
	assert_int_equal(count(BH_TRACE_HC_ENTRY, TSYS_ALPHA), 2);
	assert_int_equal(count(BH_TRACE_HC_EXIT, TSYS_ALPHA), 2);
	assert_int_equal(count(BH_TRACE_IRQ, TSYS_ALPHA), 1);
	assert_int_equal(count(BH_TRACE_HM_EVENT, TSYS_GAMMA), 1);
	assert_true(count(BH_TRACE_VIRQ_RAISE, TSYS_ALPHA) > 0); /* its ticks, never delivered */
	assert_int_equal(t.parts[TSYS_ALPHA].pending[0], 1u << BH_VEC_TICK);
	assert_int_equal(m.stats[TSYS_ALPHA].outstanding, t.parts[TSYS_ALPHA].count[BH_VEC_TICK]);
	out = open_memstream(&log, &len);
	if (bht_check(&m, host_console, out)) {
		fclose(out);
		fail_msg("%s\n--- kernel log\n%s", log, host_console);
	}
	fclose(out);
	assert_non_null(strstr(log, "bhtrace check: OK"));
	free(log);
}

/* A ring of 16: the newest 16 events are kept, the loss counted. */
static void ring_overwrites_oldest(void **state)
{
	(void)state;
	tsys_cfg->trace.records = 16;
	tsys_boot("frames=1");
	run_to_end();
	assert_int_equal(t.nrecs, 16);
	assert_true(t.written > 16);
	assert_int_equal(t.lost, t.written - 16);
	/* The last event before the dump: the tick that ended the frame. */
	assert_int_equal(t.recs[15].type, BH_TRACE_WINDOW_END);
	assert_int_equal(bht_rec_tick(&t, &t.recs[15]), TSYS_MAJOR);
	assert_int_equal(t.recs[14].type, BH_TRACE_TICK);
}

/* Only the configured classes are recorded. */
static void classes_filter(void **state)
{
	(void)state;
	tsys_cfg->trace.classes = BH_TRACE_C_SCHED;
	tsys_boot("frames=1");
	run_to_end();
	assert_int_equal(t.classes, BH_TRACE_C_SCHED);
	for (size_t i = 0; i < t.nrecs; i++)
		assert_int_equal(bht_event_class(t.recs[i].type), BH_TRACE_C_SCHED);
	assert_int_equal(count(BH_TRACE_WINDOW_START, 0xFE), 5);
}

/* Off (or a ring that is not a power of two): no record, no dump. */
static void off_writes_nothing(void **state)
{
	volatile unsigned code;

	(void)state;
	tsys_cfg->trace.records = 24;
	tsys_boot("frames=1");
	assert_int_equal(tsys_console_count("not a power of two: off"), 1);
	TSYS_CATCH_HALT(code, for (;;) tick(1));
	assert_int_equal(code, BH_EXIT_OK);
	assert_int_equal(host_debug_len, 0);
	assert_int_equal(bh_trace.written, 0);
}

/* A panic writes the dump too, once, with its exit code. */
static void panic_dumps(void **state)
{
	volatile unsigned code;
	char err[BHT_ERR_MAX];

	(void)state;
	tsys_boot(NULL);
	tick(3);
	TSYS_CATCH_HALT(code, panic("test %d", 1));
	assert_int_equal(code, BH_EXIT_PANIC);
	assert_int_equal(bht_load(host_debug, host_debug_len, &t, err, sizeof(err)), 0);
	assert_int_equal(t.exit_code, BH_EXIT_PANIC);
	assert_int_equal(t.end_tick, 3);
	size_t len = host_debug_len;
	trace_dump(BH_EXIT_OK);
	assert_int_equal(host_debug_len, len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run_checks_out, setup, teardown),
		cmocka_unit_test_setup_teardown(ring_overwrites_oldest, setup, teardown),
		cmocka_unit_test_setup_teardown(classes_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(off_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(panic_dumps, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
