/*
 * bhcfg unit tests: rejections of the language itself - units,
 * duplicates, missing statements, blocks, syntax, health-monitor settings
 * and table limits (docs/config.md "What bhcfg rejects"). Each test checks
 * that the config is refused, the line of the first error and its message.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

/* ------------------------------------------------------------------ units */

static void test_bad_units(void **state)
{
	(void)state;
	bt_reject("system s\ntick 1ms\nmajor_frame 20\n" PART_A SCHED_A, 3,
		  "malformed duration '20'");
	bt_reject("system s\ntick 1min\nmajor_frame 20ms\n" PART_A SCHED_A, 2,
		  "malformed duration '1min'");
	bt_reject("system s\ntick 1MS\nmajor_frame 20ms\n" PART_A SCHED_A, 2,
		  "malformed duration");
	bt_reject_in_a("tick 100", "malformed tick rate '100'");
	bt_reject_in_a("tick 100hz", "malformed tick rate '100hz'");
	bt_reject_in_a("memory 0x40040000 64k rw", "malformed size '64k'");
	bt_reject_in_a("memory 0x40040000 1G rw", "malformed size '1G'");
	bt_reject_in_a("ioport 0x7g", "malformed I/O port '0x7g'");
	bt_reject_in_a("irq eight", "malformed irq line 'eight'");
	bt_reject_in_a("ioport 0x", "malformed I/O port '0x'");
	bt_reject_in_a("irq 99999999999999999999999", "is too large");
	bt_reject_in_a("memory 0x40040000 4096M rw", "size '4096M' is too large");
}

/* ------------------------------------------------------------ duplicates */

static void test_duplicate_names(void **state)
{
	(void)state;
	bt_reject(HDR PART_A PART_A SCHED_A, 8,
		  "duplicate name 'a' (partition at line 4)");
	bt_reject(HDR "shared buf 4K\nshared buf 8K\n" PART_A SCHED_A, 5,
		  "duplicate name 'buf' (shared object at line 4)");
	bt_reject(HDR PART_A "shared a 4K\n" SCHED_A, 8,
		  "duplicate name 'a' (partition at line 4)");
}

/* Partition lines would pass for the kernel's ("[bh] ...", "[hm] ..."). */
static void test_reserved_partition_names(void **state)
{
	(void)state;
	bt_reject(HDR "partition bh\nimage good.elf\nmemory 0x40000000 256K rwx\nend\n"
		  "schedule\nwindow bh 0ms 10ms\nend\n", 4,
		  "partition name 'bh' is reserved (the kernel's console prefix)");
	bt_reject(HDR "partition hm\nimage good.elf\nmemory 0x40000000 256K rwx\nend\n"
		  "schedule\nwindow hm 0ms 10ms\nend\n", 4, "partition name 'hm' is reserved");
}

static void test_given_twice(void **state)
{
	(void)state;
	bt_reject("system s\ntick 1ms\ntick 2ms\nmajor_frame 20ms\n" PART_A
		  SCHED_A, 3, "'tick' given twice (first at line 2)");
	bt_reject(HDR "system t\n" PART_A SCHED_A, 4,
		  "'system' given twice (first at line 1)");
	bt_reject(HDR "major_frame 20ms\n" PART_A SCHED_A, 4,
		  "'major_frame' given twice (first at line 3)");
	bt_reject(HDR PART_A SCHED_A SCHED_A, 11,
		  "'schedule' given twice (first at line 8)");
	bt_reject_in_a("image good.elf", "'image' given twice (first at line 5)");
	bt_reject(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		      "tick 100Hz\ntick 100Hz\nend\n" SCHED_A,
		  8, "'tick' given twice (first at line 7)");
	bt_reject(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		      "privileged\nprivileged\nend\n" SCHED_A,
		  8, "'privileged' given twice");
	bt_reject(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		      "hm page_fault stop\nhm page_fault propagate\nend\n" SCHED_A,
		  8, "'hm page_fault' given twice (first at line 7)");
}

/* ------------------------------------------------------- missing statements */

static void test_missing_system(void **state)
{
	(void)state;
	bt_reject("# nothing here\n\n", 1, "missing 'system <name>' statement");
	bt_reject("\ntick 1ms\nsystem s\nmajor_frame 20ms\n" PART_A SCHED_A, 2,
		  "the first statement must be 'system <name>'");
}

static void test_missing_tick(void **state)
{
	(void)state;
	bt_reject("\nsystem s\nmajor_frame 20ms\n" PART_A SCHED_A, 2,
		  "missing 'tick <duration>' statement");
}

static void test_missing_major_frame(void **state)
{
	(void)state;
	bt_reject("system s\ntick 1ms\n" PART_A SCHED_A, 1,
		  "missing 'major_frame <duration>' statement");
}

static void test_missing_schedule(void **state)
{
	(void)state;
	bt_reject(HDR PART_A, 1, "missing 'schedule' block");
}

static void test_missing_image(void **state)
{
	(void)state;
	bt_reject(HDR "partition a\nmemory 0x40000000 256K rwx\nend\n" SCHED_A,
		  4, "partition 'a' has no 'image' statement");
}

static void test_missing_memory(void **state)
{
	(void)state;
	bt_reject(HDR "shared sh 4K\npartition a\nimage good.elf\n"
		      "map sh 0x40000000 rwx\nend\n" SCHED_A,
		  5, "partition 'a' has no 'memory' statement");
}

static void test_missing_partition(void **state)
{
	(void)state;
	bt_reject(HDR "schedule\nend\n", 1, "no partition defined");
}

/* ---------------------------------------------------------------- blocks */

static void test_unclosed_block(void **state)
{
	(void)state;
	bt_reject(HDR SCHED_A "partition a\nimage good.elf\n"
			      "memory 0x40000000 256K rwx\n",
		  7, "partition 'a' is not closed by 'end'");
	bt_reject(HDR PART_A "schedule\nwindow a 0ms 10ms\n", 8,
		  "schedule block is not closed by 'end'");
	bt_reject(HDR "partition a\nimage good.elf\n"
		      "memory 0x40000000 256K rwx\n" PART_A SCHED_A,
		  7, "'partition' inside the partition block opened at line 4 "
		     "(missing 'end'?)");
	bt_reject(HDR "schedule\nwindow a 0ms 10ms\n" PART_A, 6,
		  "'partition' inside the schedule block opened at line 4");
}

static void test_outside_block(void **state)
{
	(void)state;
	bt_reject(HDR "memory 0x40000000 256K rwx\n" PART_A SCHED_A, 4,
		  "'memory' outside a partition block");
	bt_reject(HDR PART_A "window a 0ms 10ms\n" SCHED_A, 8,
		  "'window' outside the schedule block");
	bt_reject(HDR PART_A "end\n" SCHED_A, 8, "'end' without an open block");
	bt_reject(HDR PART_A "schedule\nirq 5\nend\n", 9,
		  "'irq' outside a partition block");
	bt_reject_in_a("window a 0ms 10ms", "'window' outside the schedule");
}

/* ---------------------------------------------------------------- syntax */

static void test_syntax(void **state)
{
	(void)state;
	bt_reject_in_a("memroy 0x50000000 4K rw", "unknown keyword 'memroy'");
	bt_reject("System s\n", 1, "unknown keyword 'System'");
	bt_reject_in_a("memory 0x50000000 4K",
		       "missing argument (usage: memory <vaddr> <size> <perms> "
		       "[at <paddr>])");
	bt_reject_in_a("memory 0x50000000 4K rw at", "missing argument");
	bt_reject_in_a("irq 5 6", "extra argument '6' (usage: irq <line>)");
	bt_reject_in_a("privileged yes", "extra argument 'yes'");
	bt_reject_in_a("memory 0x50000000 4K rw at 0x2000000 x y z",
		       "extra argument 'x'");
	bt_reject_in_a("memory 0x50000000 4K rw on 0x2000000",
		       "expected 'at <paddr>', got 'on'");
	bt_reject_in_a("memory 0x50000000 4K wx",
		       "bad permissions 'wx' (r, rw, rx or rwx)");
	bt_reject("system 1s\n", 1, "bad system name '1s'");
	bt_reject(HDR "partition abcdefghijklmnop\n", 4, "bad partition name");
	bt_reject(HDR "partition a-b\n", 4, "bad partition name 'a-b'");
}

static void test_lexical_errors(void **state)
{
	char *text = malloc(4096);
	static const char nul[] = "system s\ntick 1\0ms\n";

	(void)state;
	assert_non_null(text);
	memset(text, 'x', 4095);
	memcpy(text, HDR "# ", sizeof(HDR "# ") - 1);
	text[4095] = '\0';
	bt_reject(text, 4, "line too long");
	free(text);
	assert_int_equal(bhcfg_load_string("system.cfg", nul, sizeof(nul) - 1,
					   bt_dir, bt_sys, &bt_diag),
			 -1);
	assert_int_equal(bt_diag.items[0].line, 2);
	assert_non_null(strstr(bt_diag.items[0].msg, "NUL character"));
}

/* ------------------------------------------------------- health monitor */

static void test_hm_errors(void **state)
{
	(void)state;
	bt_reject_in_a("hm bus_error stop",
		       "unknown health-monitor event 'bus_error'");
	bt_reject_in_a("hm page_fault explode",
		       "unknown health-monitor action 'explode'");
	bt_reject_in_a("hm upcall_error propagate",
		       "'propagate' is only valid for the trap events");
	bt_reject_in_a("hm page_fault ignore",
		       "'ignore' is only valid for bad_hypercall and "
		       "application_error");
	bt_reject_in_a("hm page_fault stop limit 3",
		       "'limit' is only valid for bad_hypercall");
	bt_reject_in_a("hm bad_hypercall stop",
		       "bad_hypercall with action 'stop' needs 'limit <n>'");
	bt_reject_in_a("hm bad_hypercall stop limit 0", "at least 1");
	bt_reject_in_a("hm bad_hypercall stop count 3", "expected 'limit <n>'");
}

/* ---------------------------------------------------------------- limits */

static char *bt_text_partitions(unsigned n)
{
	size_t size = 256u + n * 128u;
	char *text = malloc(size);
	size_t used;
	unsigned i;

	assert_non_null(text);
	used = (size_t)snprintf(text, size, HDR);
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, size - used,
					 "partition p%u\nimage good.elf\n"
					 "memory 0x40000000 256K rwx\nend\n",
					 i);
	snprintf(text + used, size - used, "schedule\nwindow p0 0ms 1ms\nend\n");
	return text;
}

static void test_too_many_partitions(void **state)
{
	char *text = bt_text_partitions(17);

	(void)state;
	/* partition 17 opens at line 3 + 16 * 4 + 1 */
	bt_reject(text, 68, "more than 16 partitions");
	free(text);
}

static void test_too_many_regions(void **state)
{
	char text[4096];
	size_t used;
	unsigned i;

	(void)state;
	used = (size_t)snprintf(text, sizeof(text),
				HDR "partition a\nimage good.elf\n");
	for (i = 0; i < 17; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "memory 0x%x 4K rwx\n",
					 0x40000000u + i * 0x1000u);
	snprintf(text + used, sizeof(text) - used, "end\n" SCHED_A);
	bt_reject(text, 22, "more than 16 regions in partition 'a'");
}

static void test_too_many_ioports(void **state)
{
	char text[4096];
	size_t used;
	unsigned i;

	(void)state;
	used = (size_t)snprintf(text, sizeof(text),
				HDR "partition a\nimage good.elf\n"
				    "memory 0x40000000 256K rwx\n");
	for (i = 0; i < 9; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "ioport 0x%x\n", 0x300u + i * 2u);
	snprintf(text + used, sizeof(text) - used, "end\n" SCHED_A);
	bt_reject(text, 15, "more than 8 I/O port ranges in partition 'a'");
}

static void test_too_many_windows(void **state)
{
	char text[8192];
	size_t used;
	unsigned i;

	(void)state;
	used = (size_t)snprintf(text, sizeof(text),
				"system s\ntick 1ms\nmajor_frame 100ms\n"
				PART_A "schedule\n");
	for (i = 0; i < 65; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "window a %ums 1ms\n", i);
	snprintf(text + used, sizeof(text) - used, "end\n");
	bt_reject(text, 8 + 65, "more than 64 windows");
}

int bt_group_reject(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_units),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_reserved_partition_names),
		cmocka_unit_test(test_given_twice),
		cmocka_unit_test(test_missing_system),
		cmocka_unit_test(test_missing_tick),
		cmocka_unit_test(test_missing_major_frame),
		cmocka_unit_test(test_missing_schedule),
		cmocka_unit_test(test_missing_image),
		cmocka_unit_test(test_missing_memory),
		cmocka_unit_test(test_missing_partition),
		cmocka_unit_test(test_unclosed_block),
		cmocka_unit_test(test_outside_block),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_lexical_errors),
		cmocka_unit_test(test_hm_errors),
		cmocka_unit_test(test_too_many_partitions),
		cmocka_unit_test(test_too_many_regions),
		cmocka_unit_test(test_too_many_ioports),
		cmocka_unit_test(test_too_many_windows),
	};

	return cmocka_run_group_tests_name("bhcfg language rejections", tests, NULL, NULL);
}
