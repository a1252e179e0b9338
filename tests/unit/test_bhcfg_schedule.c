/*
 * bhcfg unit tests: `bhcfg schedule` (the text chart exactly, the SVG
 * well-formed and complete), `bhcfg info` and the copy of it every kernel
 * carries in section .bulkhead.info, the image search path and
 * `check --no-images`.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

/* 250 ticks: 3 ticks per column, partial columns, a label dropped. */
static const char bt_gantt[] =
	"system gantt\n"
	"tick        1ms\n"
	"major_frame 250ms\n"
	"partition fast\n"
	"    image   good.elf\n"
	"    memory  0x40000000 256K rwx\n"
	"    irq     3\n"
	"    ioport  0x2f8 8\n"
	"end\n"
	"partition slow_partition\n"
	"    image   good.elf\n"
	"    memory  0x40000000 256K rwx\n"
	"    ioport  0x70 2\n"
	"end\n"
	"schedule\n"
	"    window fast 0ms 10ms\n"
	"    window slow_partition 10ms 101ms\n"
	"    window fast 125ms 10ms\n"
	"    window slow_partition 200ms 1ms\n"
	"end\n";

static const char bt_gantt_text[] =
	"system gantt: major frame 250ms = 250 ticks of 1ms, 3ms per column\n"
	"\n"
	"                0         30ms      60ms      90ms      120ms     150ms"
	"     180ms     210ms         250ms\n"
	"                |         |         |         |         |         |   "
	"      |         |             |\n"
	"fast            ###+.....................................+###.........."
	".............................\n"
	"slow_partition  ...+#################################................."
	"............+.................\n"
	"idle            .....................................####+...#########"
	"############+#################\n"
	"                # the whole column, + part of it, . none\n"
	"\n"
	"partition       windows      time    share   max gap\n"
	"fast                  2      20ms     8.0%     115ms\n"
	"slow_partition        2     102ms    40.8%      89ms\n"
	"idle                  3     128ms    51.2%      65ms\n";

/* The demo's schedule (README, docs/config.md): one column per tick. */
static const char bt_demo[] =
	"system demo\ntick 1ms\nmajor_frame 20ms\n"
	"partition control\nimage good.elf\nmemory 0x40000000 256K rwx\nend\n"
	"partition nav\nimage good.elf\nmemory 0x40000000 256K rwx\nend\n"
	"partition monitor\nimage good.elf\nmemory 0x40000000 64K rwx\nend\n"
	"schedule\nwindow control 0ms 8ms\nwindow nav 10ms 6ms\n"
	"window monitor 17ms 2ms\nend\n";

static const char bt_demo_text[] =
	"system demo: major frame 20ms = 20 ticks of 1ms, 1ms per column\n"
	"\n"
	"           0         10ms      20ms\n"
	"           |         |         |\n"
	"control    ########............\n"
	"nav        ..........######....\n"
	"monitor    .................##.\n"
	"idle       ........##......#..#\n"
	"\n"
	"partition  windows      time    share   max gap\n"
	"control          1       8ms    40.0%      12ms\n"
	"nav              1       6ms    30.0%      14ms\n"
	"monitor          1       2ms    10.0%      18ms\n"
	"idle             3       4ms    20.0%       2ms\n";

static void test_schedule_text(void **state)
{
	char *text;

	(void)state;
	bt_load_ok(bt_gantt);
	text = bt_emit(bhcfg_emit_schedule, bt_sys);
	assert_string_equal(text, bt_gantt_text);
	free(text);
	bt_load_ok(bt_demo);
	text = bt_emit(bhcfg_emit_schedule, bt_sys);
	assert_string_equal(text, bt_demo_text);
	free(text);
}

static unsigned bt_count(const char *s, const char *what)
{
	unsigned n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

static void test_schedule_svg(void **state)
{
	char *svg;

	(void)state;
	bt_load_ok(bt_gantt);
	svg = bt_emit(bhcfg_emit_schedule_svg, bt_sys);
	bt_write_file("gantt.svg", svg);
	assert_int_equal(bt_run("xmllint --noout '%s/gantt.svg'", bt_dir), 0);
	assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	/* background, 4 windows, 3 idle stretches */
	assert_int_equal(bt_count(svg, "<rect "), 1 + 4 + 3);
	assert_int_equal(bt_count(svg, "<title>idle</title>"), 3);
	assert_non_null(strstr(svg, "<title>slow_partition 10ms-111ms</title>"));
	assert_non_null(strstr(svg, ">40.8% (2 windows)</text>"));
	assert_non_null(strstr(svg, ">51.2% (3 stretches)</text>"));
	/* the same bytes every time */
	free(svg);
	svg = bt_emit(bhcfg_emit_schedule_svg, bt_sys);
	bt_write_file("gantt2.svg", svg);
	assert_int_equal(bt_run("cmp -s '%s/gantt.svg' '%s/gantt2.svg'", bt_dir, bt_dir), 0);
	free(svg);
}

static const char bt_gantt_info[] = "bulkhead_info 1\n"
				    "system gantt\n"
				    "tick_us 1000\n"
				    "major_frame_us 250000\n"
				    "partitions fast slow_partition\n"
				    "irq_lines 3\n"
				    "ioports 0x2f8-0x2ff 0x70-0x71\n"
				    "kernel_variant default\n"
				    "kernel_library libbhkernel.a\n";

static void test_info(void **state)
{
	char *info;

	(void)state;
	bt_load_ok(bt_gantt);
	info = bt_emit(bhcfg_emit_info, bt_sys);
	assert_string_equal(info, bt_gantt_info);
	free(info);
}

/* The tables carry the info in a section of their own, byte for byte. */
static void test_info_section(void **state)
{
	char path[1024];
	char *tab, *got;

	(void)state;
	bt_load_ok(bt_gantt);
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	bt_write_file("gantt_tables.c", tab);
	free(tab);
	assert_int_equal(bt_run("cd '%s' && gcc -m32 -O2 -ffreestanding -I" BHCFG_TEST_ROOT
				"/kernel/include -I" BHCFG_TEST_ROOT "/include -c "
				"gantt_tables.c -o gantt_tables.o && objcopy "
				"--dump-section .bulkhead.info=gantt.info gantt_tables.o "
				"gantt_copy.o",
				bt_dir),
			 0);
	bt_path(path, sizeof(path), "gantt.info");
	got = bt_read_file(path, NULL);
	assert_non_null(got);
	assert_string_equal(got, bt_gantt_info);
	free(got);
	/* not loaded with the kernel: no SHF_ALLOC */
	assert_int_equal(bt_run("cd '%s' && objdump -h gantt_tables.o | grep -A1 "
				"'bulkhead\\.info' | tail -n 1 | grep -q CONTENTS && "
				"! objdump -h gantt_tables.o | grep -A1 'bulkhead\\.info' | "
				"grep -q ALLOC",
				bt_dir),
			 0);
}

/* --image-dir DIR... is a search path, and the error names where it looked. */
static void test_image_search_path(void **state)
{
	char path[1024], dirs[2200];

	(void)state;
	assert_int_equal(bt_run("mkdir -p '%s/sp/cfg' '%s/sp/empty' && "
				"printf 'system s\\ntick 1ms\\nmajor_frame 20ms\\n"
				"partition a\\nimage good.elf\\nmemory 0x40000000 256K rwx\\n"
				"end\\nschedule\\nwindow a 0ms 10ms\\nend\\n' > '%s/sp/cfg/s.cfg'",
				bt_dir, bt_dir, bt_dir),
			 0);
	bt_path(path, sizeof(path), "sp/cfg/s.cfg");
	snprintf(dirs, sizeof(dirs), "%s/sp/empty:%s", bt_dir, bt_dir);
	assert_int_equal(bhcfg_load(path, dirs, bt_sys, &bt_diag), 0);
	snprintf(dirs, sizeof(dirs), "%s/sp/empty:%s/sp/cfg", bt_dir, bt_dir);
	assert_int_equal(bhcfg_load(path, dirs, bt_sys, &bt_diag), -1);
	assert_non_null(strstr(bt_diag.items[0].msg, "cannot read image 'good.elf'"));
	assert_non_null(strstr(bt_diag.items[0].msg, "/sp/empty:"));
	/* the config alone */
	assert_int_equal(bhcfg_load_config(path, bt_sys, &bt_diag), 0);
	assert_int_equal(bt_sys->partitions[0].nsegments, 0);
}

static int bt_tool(const char *args)
{
	return bt_run("cd '%s' && '" BHCFG_TEST_TOOL "' %s", bt_dir, args);
}

static void test_cli_schedule_info(void **state)
{
	char path[1024];
	char *got;

	(void)state;
	bt_write_file("gantt.cfg", bt_gantt);
	/* neither needs the images: run where good.elf is not */
	assert_int_equal(bt_run("mkdir -p '%s/noimg' && cp '%s/gantt.cfg' '%s/noimg/'",
				bt_dir, bt_dir, bt_dir),
			 0);
	assert_int_equal(bt_tool("schedule noimg/gantt.cfg > sched.txt "
				 "--svg noimg/g.svg"),
			 0);
	bt_path(path, sizeof(path), "sched.txt");
	got = bt_read_file(path, NULL);
	assert_string_equal(got, bt_gantt_text);
	free(got);
	assert_int_equal(bt_run("xmllint --noout '%s/noimg/g.svg'", bt_dir), 0);
	assert_int_equal(bt_tool("info noimg/gantt.cfg > info.txt"), 0);
	bt_path(path, sizeof(path), "info.txt");
	got = bt_read_file(path, NULL);
	assert_string_equal(got, bt_gantt_info);
	free(got);
	assert_int_equal(bt_tool("check noimg/gantt.cfg 2>/dev/null"), 1);
	assert_int_equal(bt_tool("check --no-images noimg/gantt.cfg"), 0);
	assert_int_equal(bt_tool("check --image-dir noimg --image-dir . noimg/gantt.cfg"), 0);
	/* usage errors */
	assert_int_equal(bt_tool("info --image-dir . gantt.cfg 2>/dev/null"), 2);
	assert_int_equal(bt_tool("schedule gantt.cfg --svg 2>/dev/null"), 2);
	assert_int_equal(bt_tool("tables --no-images gantt.cfg -o x.c 2>/dev/null"), 2);
	assert_int_equal(bt_tool("check --image-dir a:b gantt.cfg 2>/dev/null"), 2);
}

int bt_group_schedule(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule_text),
		cmocka_unit_test(test_schedule_svg),
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_info_section),
		cmocka_unit_test(test_image_search_path),
		cmocka_unit_test(test_cli_schedule_info),
	};

	return cmocka_run_group_tests_name("bhcfg schedule and info", tests, NULL, NULL);
}
