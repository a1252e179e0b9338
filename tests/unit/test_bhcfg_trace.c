/*
 * bhcfg's `trace` statement (docs/config.md): accepted forms and their
 * model, every rejection with its line and message, and what the tables
 * and the dump say about it.
 */
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"
#include "trace_format.h"

/* HDR, `stmt` as line 4, PART_A (5-8), SCHED_A (9-11). */
static void trace_ok(const char *stmt)
{
	char text[1024];

	snprintf(text, sizeof(text), HDR "%s\n" PART_A SCHED_A, stmt);
	bt_load_ok(text);
}

static void trace_rejected(const char *stmt, const char *phrase)
{
	char text[1024];

	snprintf(text, sizeof(text), HDR "%s\n" PART_A SCHED_A, stmt);
	bt_reject(text, 4, phrase);
}

static void test_trace_forms(void **state)
{
	(void)state;
	bt_load_ok(HDR PART_A SCHED_A);
	assert_false(bt_sys->trace.on);
	trace_ok("trace on");
	assert_true(bt_sys->trace.on);
	assert_int_equal(bt_sys->trace.size, 64 * 1024);
	assert_int_equal(bt_sys->trace.classes, BH_TRACE_C_ALL);
	assert_int_equal(bt_sys->trace.line, 4);
	trace_ok("trace on size 1M");
	assert_int_equal(bt_sys->trace.size, 1024 * 1024);
	trace_ok("trace on events sched,virq,hm size 4K");
	assert_int_equal(bt_sys->trace.size, 4096);
	assert_int_equal(bt_sys->trace.classes,
			 BH_TRACE_C_SCHED | BH_TRACE_C_VIRQ | BH_TRACE_C_HM);
	trace_ok("trace on events all");
	assert_int_equal(bt_sys->trace.classes, BH_TRACE_C_ALL);
	trace_ok("trace on events tick,irq,hypercall,partition,port");
	assert_int_equal(bt_sys->trace.classes, BH_TRACE_C_TICK | BH_TRACE_C_IRQ |
							BH_TRACE_C_HYPERCALL |
							BH_TRACE_C_PARTITION | BH_TRACE_C_PORT);
	trace_ok("trace off");
	assert_false(bt_sys->trace.on);
	assert_int_equal(bt_sys->trace.classes, 0);
	/* Anywhere at the top level, after the schedule too. */
	bt_load_ok(HDR PART_A SCHED_A "trace on # comment\n");
	assert_true(bt_sys->trace.on);
}

static void test_trace_rejections(void **state)
{
	(void)state;
	trace_rejected("trace", "missing argument (usage: trace on|off");
	trace_rejected("trace yes", "trace must be 'on' or 'off', not 'yes'");
	trace_rejected("trace off size 4K", "'trace off' takes no options");
	trace_rejected("trace on size", "missing value after 'size'");
	trace_rejected("trace on size 6K", "must be a power of two from 4K to 4M");
	trace_rejected("trace on size 2K", "must be a power of two from 4K to 4M");
	trace_rejected("trace on size 8M", "must be a power of two from 4K to 4M");
	trace_rejected("trace on size lots", "malformed trace size 'lots'");
	trace_rejected("trace on events sched,bogus", "unknown trace event class 'bogus'");
	trace_rejected("trace on events sched,", "unknown trace event class ''");
	trace_rejected("trace on events", "missing value after 'events'");
	trace_rejected("trace on colour red", "unknown trace option 'colour'");
	trace_rejected("trace on size 4K size 8K", "trace option 'size' given twice");
	trace_rejected("trace on events hm events irq", "trace option 'events' given twice");
	trace_rejected("trace on size 4K events hm x", "extra argument 'x'");
	/* The port the trace is written to is the kernel's. */
	bt_reject_in_a("ioport 0xE0 16", "kernel keeps: debug console (port 0xE9) at 0xe9-0xe9");
	bt_reject(HDR "trace on\ntrace off\n" PART_A SCHED_A, 5,
		  "'trace' given twice (first at line 4)");
	bt_reject(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		      "trace on\nend\n" SCHED_A,
		  7, "'trace' inside the partition block");
}

static void test_trace_emitted(void **state)
{
	char *tab, *dump;

	(void)state;
	trace_ok("trace on size 8K events sched,hm");
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	assert_non_null(strstr(tab, "static uint32_t bh_trace_ring[2048] "
				    "__attribute__((aligned(16)));"));
	assert_non_null(strstr(tab, "\t.trace = { .classes = 0x21u, .records = 512u, "
				    ".ring = bh_trace_ring },\n"));
	dump = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_non_null(strstr(dump, "\ntrace on size 0x2000 events sched,hm\n"));
	bt_load_ok(dump); /* the dump reads back to the same trace */
	assert_int_equal(bt_sys->trace.size, 8192);
	assert_int_equal(bt_sys->trace.classes, BH_TRACE_C_SCHED | BH_TRACE_C_HM);
	free(tab);
	free(dump);
	tab = bt_emit(bhcfg_emit_info, bt_sys); /* the kernel with its trace */
	assert_non_null(strstr(tab, "kernel_variant trace\nkernel_library libbhkernel-trace.a\n"));
	free(tab);
	trace_ok("trace off");
	tab = bt_emit(bhcfg_emit_info, bt_sys);
	assert_non_null(strstr(tab, "kernel_variant default\nkernel_library libbhkernel.a\n"));
	free(tab);
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	assert_null(strstr(tab, "bh_trace_ring"));
	assert_non_null(strstr(tab, "\t.trace = { .classes = 0u, .records = 0u, .ring = NULL },\n"));
	dump = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_null(strstr(dump, "trace"));
	free(tab);
	free(dump);
}

int bt_group_trace(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace_forms),
		cmocka_unit_test(test_trace_rejections),
		cmocka_unit_test(test_trace_emitted),
	};

	return cmocka_run_group_tests_name("bhcfg trace statement", tests, NULL, NULL);
}
