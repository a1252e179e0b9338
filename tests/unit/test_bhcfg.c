/*
 * Unit tests of bhcfg, the configuration compiler: the shared helpers, the
 * test runner, and the tests of the model built from valid configs.
 * Rejections are in test_bhcfg_reject.c and test_bhcfg_layout.c, images in
 * test_bhcfg_elf.c (ELF writer: test_bhcfg_elfgen.c), the emitters in
 * test_bhcfg_emit.c and the command line in test_bhcfg_cli.c.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bhcfg_test.h"

char bt_dir[512];
struct bhcfg_system *bt_sys;
struct bhcfg_diag bt_diag;

void bt_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", bt_dir, name);
}

void bt_write_file(const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	bt_path(path, sizeof(path), name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

char *bt_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1u);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

int bt_load(const char *text)
{
	return bhcfg_load_string("system.cfg", text, strlen(text), bt_dir,
				 bt_sys, &bt_diag);
}

void bt_reject(const char *text, unsigned line, const char *phrase)
{
	const struct bhcfg_diag_item *it = &bt_diag.items[0];

	if (bt_load(text) == 0)
		fail_msg("config accepted; expected line %u: %s", line, phrase);
	assert_true(bt_diag.count > 0);
	if (it->line != line || !strstr(it->msg, phrase)) {
		bhcfg_diag_print(&bt_diag, stderr);
		fail_msg("expected the first error at line %u with '%s'", line,
			 phrase);
	}
}

void bt_load_ok(const char *text)
{
	if (bt_load(text) != 0) {
		bhcfg_diag_print(&bt_diag, stderr);
		fail_msg("config rejected");
	}
}

void bt_reject_in_a(const char *line, const char *phrase)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		     "%s\nend\n" SCHED_A,
		 line);
	bt_reject(text, 7, phrase);
}

char *bt_emit(int (*emit)(const struct bhcfg_system *, FILE *),
	      const struct bhcfg_system *sys)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(emit(sys, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

int bt_run(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(NULL);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* ------------------------------------------------------------ model tests */

/* The example of docs/config.md, with good.elf as both images. */
static const char bt_example[] =
	"# Two partitions sharing a 20 ms major frame.\n"
	"system demo\n"
	"tick        1ms\n"
	"major_frame 20ms\n"
	"\n"
	"partition alpha\n"
	"    image   good.elf\n"
	"    memory  0x40000000 256K rwx\n"
	"    tick    100Hz\n"
	"    irq     8\n"
	"    ioport  0x70 2\n"
	"    hm      page_fault propagate\n"
	"    hm      bad_hypercall stop limit 100\n"
	"end\n"
	"\n"
	"partition beta\n"
	"    image   good.elf\n"
	"    memory  0x40000000 256K rwx\n"
	"    tick    1000Hz\n"
	"    privileged\n"
	"end\n"
	"\n"
	"schedule\n"
	"    window alpha 0ms  8ms\n"
	"    window beta  10ms 6ms\n"
	"end\n";

static void test_example_values(void **state)
{
	const struct bhcfg_partition *a = &bt_sys->partitions[0];
	const struct bhcfg_partition *b = &bt_sys->partitions[1];

	(void)state;
	assert_int_equal(bt_load(bt_example), 0);
	assert_string_equal(bt_sys->name, "demo");
	assert_int_equal(bt_sys->tick_us, 1000);
	assert_int_equal(bt_sys->major_frame, 20);
	assert_int_equal(bt_sys->npartitions, 2);
	assert_string_equal(a->name, "alpha");
	assert_int_equal(a->tick_period, 10);
	assert_int_equal(b->tick_period, 1);
	assert_int_equal(a->irq_lines, 1u << 8);
	assert_int_equal(a->nioports, 1);
	assert_int_equal(a->ioports[0].base, 0x70);
	assert_int_equal(a->ioports[0].count, 2);
	assert_false(a->privileged);
	assert_true(b->privileged);
	assert_int_equal(a->hm_action[BH_HM_PAGE_FAULT], BH_HM_ACT_PROPAGATE);
	assert_int_equal(a->hm_action[BH_HM_BAD_HYPERCALL], BH_HM_ACT_STOP);
	assert_int_equal(a->bad_hypercall_limit, 100);
	assert_int_equal(bt_sys->nwindows, 2);
	assert_int_equal(bt_sys->windows[1].partition, 1);
	assert_int_equal(bt_sys->windows[1].start, 10);
	assert_int_equal(bt_sys->windows[1].duration, 6);
	assert_int_equal(bt_sys->windows[0].duration, 8);
}

static void test_example_placement(void **state)
{
	(void)state;
	assert_int_equal(bt_load(bt_example), 0);
	/* file order from 16 MiB, one after the other */
	assert_int_equal(bt_sys->partitions[0].regions[0].paddr, 0x1000000);
	assert_int_equal(bt_sys->partitions[1].regions[0].paddr, 0x1040000);
	assert_int_equal(bt_sys->partitions[1].regions[0].size, 0x40000);
	assert_int_equal(bt_sys->partitions[1].regions[0].perms,
			 BH_PERM_R | BH_PERM_W | BH_PERM_X);
}

static void test_example_image(void **state)
{
	const struct bhcfg_partition *a = &bt_sys->partitions[0];
	char path[1024];

	(void)state;
	assert_int_equal(bt_load(bt_example), 0);
	bt_path(path, sizeof(path), "good.elf");
	assert_string_equal(a->image, "good.elf");
	assert_non_null(strstr(a->image_abs, "/good.elf"));
	assert_int_equal(a->image_abs[0], '/');
	assert_int_equal(a->entry, 0x40000010);
	/* the memsz-0 PT_LOAD and the PT_NOTE are not segments */
	assert_int_equal(a->nsegments, 3);
	assert_int_equal(a->segments[0].vaddr, 0x40000000);
	assert_int_equal(a->segments[0].filesz, 0x80);
	assert_int_equal(a->segments[1].memsz, 0x2000);
	assert_int_equal(a->segments[1].filesz, 0x40);
	assert_int_equal(a->segments[2].filesz, 0);
	assert_int_equal(a->segments[2].vaddr, 0x40005000);
}

static void test_hm_defaults(void **state)
{
	const struct bhcfg_partition *b = &bt_sys->partitions[1];
	unsigned e;

	(void)state;
	assert_int_equal(bt_load(bt_example), 0);
	for (e = 0; e < BH_HM_EVENT_COUNT; e++) {
		if (e == BH_HM_APPLICATION_ERROR || e == BH_HM_BAD_HYPERCALL)
			assert_int_equal(b->hm_action[e], BH_HM_ACT_IGNORE);
		else
			assert_int_equal(b->hm_action[e], BH_HM_ACT_STOP);
	}
	assert_int_equal(b->bad_hypercall_limit, 0);
}

static const char bt_layout[] =
	"system layout\n"				     /* 1 */
	"tick 250us\n"					     /* 2 */
	"major_frame 1s\n"				     /* 3 */
	"partition p1\n"				     /* 4 */
	"\timage good.elf\n"				     /* 5 */
	"\tmemory 0x40000000 1M rwx\n"			     /* 6 */
	"\tmemory 0x50000000 0x2000 r at 0x2000000\n"	     /* 7 */
	"\tmemory 0x60000000 8K rw\n"			     /* 8 */
	"\tmap buf 0x70000000 rw\n"			     /* 9 */
	"\ttick 800Hz\n"				     /* 10 */
	"\thm bad_hypercall ignore limit 3\n"		     /* 11 */
	"\thm application_error halt_module\n"		     /* 12 */
	"\thm upcall_error restart_warm\n"		     /* 13 */
	"end\n"						     /* 14 */
	"shared buf 0x1000\n"				     /* 15 */
	"shared fixed 16K at 0x1100000\n"		     /* 16 */
	"shared big 0xF00000\n"				     /* 17 */
	"schedule\n"					     /* 18 */
	"\twindow p1 500ms 250000us\n"			     /* 19 */
	"\twindow p1 0s 0x3e8us\n"			     /* 20 */
	"end\n";

static void test_layout_placement(void **state)
{
	const struct bhcfg_partition *p = &bt_sys->partitions[0];

	(void)state;
	assert_int_equal(bt_load(bt_layout), 0);
	/* shared objects first (in file order), then memory lines */
	assert_int_equal(bt_sys->shared[0].paddr, 0x1000000);
	assert_int_equal(bt_sys->shared[1].paddr, 0x1100000);
	assert_true(bt_sys->shared[1].paddr_given);
	/* big steps over `fixed`, then over the `at 0x2000000` region */
	assert_int_equal(bt_sys->shared[2].paddr, 0x2002000);
	/* placement never goes back to the gaps it left */
	assert_int_equal(p->regions[0].paddr, 0x2F02000);
	assert_int_equal(p->regions[1].paddr, 0x2000000);
	assert_true(p->regions[1].paddr_given);
	assert_false(p->regions[0].paddr_given);
	assert_int_equal(p->regions[2].paddr, 0x3002000);
	assert_int_equal(p->regions[3].kind, BHCFG_REGION_MAP);
	assert_int_equal(p->regions[3].paddr, 0x1000000);
	assert_int_equal(p->regions[3].size, 0x1000);
	assert_int_equal(p->regions[3].shared, 1);
	assert_int_equal(p->regions[2].shared, 0);
}

static void test_layout_units(void **state)
{
	const struct bhcfg_partition *p = &bt_sys->partitions[0];

	(void)state;
	assert_int_equal(bt_load(bt_layout), 0);
	assert_int_equal(bt_sys->tick_us, 250);
	assert_int_equal(bt_sys->major_frame_us, 1000000);
	assert_int_equal(bt_sys->major_frame, 4000);
	assert_int_equal(p->regions[0].size, 0x100000);
	assert_int_equal(p->regions[2].size, 0x2000);
	assert_int_equal(p->regions[1].perms, BH_PERM_R);
	assert_int_equal(p->regions[2].perms, BH_PERM_R | BH_PERM_W);
	/* (1e6 / 800) / 250 */
	assert_int_equal(p->tick_period, 5);
	assert_int_equal(bt_sys->windows[0].start, 2000);
	assert_int_equal(bt_sys->windows[0].duration, 1000);
	assert_int_equal(bt_sys->windows[1].start, 0);
	assert_int_equal(bt_sys->windows[1].duration, 4);
}

static void test_layout_hm(void **state)
{
	const struct bhcfg_partition *p = &bt_sys->partitions[0];

	(void)state;
	assert_int_equal(bt_load(bt_layout), 0);
	assert_int_equal(p->hm_action[BH_HM_BAD_HYPERCALL], BH_HM_ACT_IGNORE);
	assert_int_equal(p->bad_hypercall_limit, 3);
	assert_int_equal(p->hm_action[BH_HM_APPLICATION_ERROR],
			 BH_HM_ACT_HALT_MODULE);
	assert_int_equal(p->hm_action[BH_HM_UPCALL_ERROR],
			 BH_HM_ACT_RESTART_WARM);
	assert_int_equal(p->hm_line[BH_HM_UPCALL_ERROR], 13);
	assert_int_equal(p->tick_line, 10);
	assert_int_equal(p->hm_action[BH_HM_DIVIDE_ERROR], BH_HM_ACT_STOP);
}

/* CRLF line ends, tabs, comments everywhere, trailing blanks. */
static void test_lexical(void **state)
{
	static const char text[] =
		"# comment only\r\n"
		"system\tlex_1   # trailing comment\r\n"
		"\r\n"
		"tick 0x3e8us\r\n"
		"major_frame 2ms   \r\n"
		"partition Part_9\r\n"
		"  image good.elf#no blank before the comment\r\n"
		"  memory 0x40000000 0x40000 rwx\r\n"
		"end\r\n"
		"schedule\r\n"
		"  window Part_9 1ms 1ms\r\n"
		"end";

	(void)state;
	if (bt_load(text) != 0) {
		bhcfg_diag_print(&bt_diag, stderr);
		fail();
	}
	assert_string_equal(bt_sys->name, "lex_1");
	assert_int_equal(bt_sys->tick_us, 1000);
	assert_string_equal(bt_sys->partitions[0].name, "Part_9");
	assert_string_equal(bt_sys->partitions[0].image, "good.elf");
	assert_int_equal(bt_sys->windows[0].start, 1);
	assert_int_equal(bt_sys->windows[0].line, 11);
}

static void test_load_file(void **state)
{
	char path[1024];

	(void)state;
	bt_write_file("example.cfg", bt_example);
	bt_path(path, sizeof(path), "example.cfg");
	assert_int_equal(bhcfg_load(path, NULL, bt_sys, &bt_diag), 0);
	assert_string_equal(bt_sys->file, path);
	assert_int_equal(bt_sys->partitions[0].tick_period, 10);
}

/* Images found in another directory than the config's. */
static void test_load_image_dir(void **state)
{
	char path[1024];

	(void)state;
	assert_int_equal(bt_run("mkdir -p '%s/cfgdir' && "
				"cp '%s/example.cfg' '%s/cfgdir/'",
				bt_dir, bt_dir, bt_dir),
			 0);
	bt_path(path, sizeof(path), "cfgdir/example.cfg");
	assert_int_equal(bhcfg_load(path, NULL, bt_sys, &bt_diag), -1);
	assert_int_equal(bt_diag.items[0].line, 7);
	assert_non_null(strstr(bt_diag.items[0].msg, "cannot read image"));
	assert_int_equal(bhcfg_load(path, bt_dir, bt_sys, &bt_diag), 0);
	assert_non_null(strstr(bt_sys->partitions[1].image_abs, "/good.elf"));
}

static void test_load_missing_file(void **state)
{
	char path[1024];

	(void)state;
	bt_path(path, sizeof(path), "nonexistent.cfg");
	assert_int_equal(bhcfg_load(path, NULL, bt_sys, &bt_diag), -1);
	assert_int_equal(bt_diag.items[0].line, 0);
	assert_non_null(strstr(bt_diag.items[0].msg, "cannot open"));
}

int bt_group_model(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_values),
		cmocka_unit_test(test_example_placement),
		cmocka_unit_test(test_example_image),
		cmocka_unit_test(test_hm_defaults),
		cmocka_unit_test(test_layout_placement),
		cmocka_unit_test(test_layout_units),
		cmocka_unit_test(test_layout_hm),
		cmocka_unit_test(test_lexical),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_image_dir),
		cmocka_unit_test(test_load_missing_file),
	};

	return cmocka_run_group_tests_name("bhcfg model", tests, NULL, NULL);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct bt_elf good;
	int failed;

	snprintf(bt_dir, sizeof(bt_dir), "%s/bhcfg-test-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	bt_sys = calloc(1, sizeof(*bt_sys));
	if (!mkdtemp(bt_dir) || !bt_sys) {
		perror("bhcfg tests: setup");
		return 1;
	}
	bt_elf_good(&good);
	bt_write_elf("good.elf", &good);
	failed = bt_group_model() + bt_group_reject() + bt_group_layout() +
		 bt_group_elf() + bt_group_emit() + bt_group_cli() +
		 bt_group_port() + bt_group_schedule() + bt_group_trace();
	if (!getenv("BHCFG_TEST_KEEP"))
		bt_run("rm -rf '%s'", bt_dir);
	free(bt_sys);
	return failed ? 1 : 0;
}
