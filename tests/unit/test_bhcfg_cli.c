/*
 * bhcfg unit tests: the command line, run as the real tool - exit statuses,
 * the FILE:LINE: error: format, and no output file after an error.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bhcfg_test.h"

static int bt_tool(const char *args)
{
	return bt_run("cd '%s' && '" BHCFG_TEST_TOOL "' %s", bt_dir, args);
}

static bool bt_exists(const char *name)
{
	char path[1024];
	struct stat sb;

	bt_path(path, sizeof(path), name);
	return stat(path, &sb) == 0;
}

static void test_cli_usage(void **state)
{
	(void)state;
	bt_write_file("system.cfg", bt_full);
	assert_int_equal(bt_tool("2>/dev/null"), 2);
	assert_int_equal(bt_tool("frob system.cfg 2>/dev/null"), 2);
	assert_int_equal(bt_tool("tables system.cfg 2>/dev/null"), 2);
	assert_int_equal(bt_tool("check system.cfg -o x.c 2>/dev/null"), 2);
	assert_int_equal(bt_tool("check a.cfg b.cfg 2>/dev/null"), 2);
	assert_int_equal(bt_tool("check --image-dir 2>/dev/null"), 2);
	assert_int_equal(bt_tool("--help >/dev/null"), 0);
	assert_int_equal(bt_tool("check system.cfg"), 0);
}

static void test_cli_error(void **state)
{
	char path[1024];
	char *err;

	(void)state;
	bt_write_file("bad.cfg", "system s\ntick 1ms\nmajor_frame 20ms\n"
				 "partition a\nimage good.elf\n"
				 "memory 0x40000000 256K rwx\n"
				 "memory 0x40010000 64K rw\nend\n"
				 "schedule\nwindow a 0ms 10ms\nend\n");
	bt_write_file("keep.c", "keep\n");
	assert_int_equal(bt_tool("check bad.cfg 2> err.txt"), 1);
	bt_path(path, sizeof(path), "err.txt");
	err = bt_read_file(path, NULL);
	assert_non_null(err);
	assert_string_equal(err, "bad.cfg:7: error: memory overlaps the region "
				 "at line 6 (virtual 0x40000000-0x40040000)\n");
	free(err);
	assert_int_equal(bt_tool("tables bad.cfg -o out.c 2>/dev/null"), 1);
	assert_int_equal(bt_tool("image bad.cfg -o out.S 2>/dev/null"), 1);
	assert_int_equal(bt_tool("dump bad.cfg >/dev/null 2>&1"), 1);
	assert_int_equal(bt_tool("tables bad.cfg -o keep.c 2>/dev/null"), 1);
	assert_false(bt_exists("out.c"));
	assert_false(bt_exists("out.S"));
	assert_int_equal(bt_run("ls '%s' | grep -q tmp", bt_dir), 1);
	bt_path(path, sizeof(path), "keep.c");
	err = bt_read_file(path, NULL);
	assert_string_equal(err, "keep\n");
	free(err);
	assert_int_equal(bt_tool("check missing.cfg 2>/dev/null"), 1);
}

static void bt_same_file(const char *name, const char *want)
{
	char path[1024];
	char *got;

	bt_path(path, sizeof(path), name);
	got = bt_read_file(path, NULL);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_cli_outputs(void **state)
{
	char path[1024], want[1200];
	char *tab, *img, *dump, *got;

	(void)state;
	bt_write_file("system.cfg", bt_full);
	bt_load_ok(bt_full);
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	img = bt_emit(bhcfg_emit_image, bt_sys);
	dump = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_int_equal(bt_tool("tables system.cfg -o cli.c"), 0);
	assert_int_equal(bt_tool("image -o cli.S system.cfg"), 0);
	assert_int_equal(bt_tool("dump system.cfg > cli.cfg"), 0);
	bt_same_file("cli.c", tab);
	bt_same_file("cli.S", img);
	bt_same_file("cli.cfg", dump);
	/* dump of dump is dump */
	assert_int_equal(bt_tool("dump cli.cfg > cli2.cfg"), 0);
	bt_same_file("cli2.cfg", dump);
	/* images looked up elsewhere than next to the config */
	assert_int_equal(bt_run("mkdir -p '%s/conf' && cp '%s/system.cfg' "
				"'%s/conf/'",
				bt_dir, bt_dir, bt_dir),
			 0);
	assert_int_equal(bt_tool("check conf/system.cfg 2>/dev/null"), 1);
	assert_int_equal(bt_tool("tables --image-dir . conf/system.cfg "
				 "-o cli3.c"),
			 0);
	assert_int_equal(bt_tool("image conf/system.cfg -o cli3.S "
				 "--image-dir ."),
			 0);
	bt_path(path, sizeof(path), "cli3.S");
	got = bt_read_file(path, NULL);
	assert_non_null(got);
	snprintf(want, sizeof(want), ".incbin \"%s\", 0x200, 0x80\n",
		 bt_sys->partitions[0].image_abs);
	assert_non_null(strstr(got, want));
	free(got);
	free(tab);
	free(img);
	free(dump);
}

int bt_group_cli(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_usage),
		cmocka_unit_test(test_cli_error),
		cmocka_unit_test(test_cli_outputs),
	};

	return cmocka_run_group_tests_name("bhcfg command line", tests, NULL, NULL);
}
