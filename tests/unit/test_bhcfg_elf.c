/*
 * bhcfg unit tests: partition images. The ELF files come from
 * test_bhcfg_elfgen.c; one test also links a real i386 executable with the
 * host gcc -m32.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

/* The image line is line 5. */
static const char bt_elf_cfg[] =
	"system s\n"
	"tick 1ms\n"
	"major_frame 10ms\n"
	"partition p\n"
	"    image %s\n"
	"    memory 0x40000000 64K rx\n"
	"    memory 0x40010000 64K rw\n"
	"    map sh 0x40020000 rwx\n"
	"end\n"
	"shared sh 4K\n"
	"schedule\n"
	"    window p 0ms 10ms\n"
	"end\n";

/* Text (rx) at 0x40000000, data (rw) at 0x40010000. */
static void bt_elf_small(struct bt_elf *e)
{
	bt_elf_good(e);
	e->nseg = 2;
	e->seg[1] = (struct bt_seg){ 1, 0x40010000, 0x40, 0x1000,
				     BT_PF_R | BT_PF_W, 0 };
}

static int bt_elf_load(const char *image)
{
	char text[2048];

	snprintf(text, sizeof(text), bt_elf_cfg, image);
	return bt_load(text);
}

static void bt_elf_reject(struct bt_elf *e, const char *phrase)
{
	char text[2048];

	bt_write_elf("case.elf", e);
	snprintf(text, sizeof(text), bt_elf_cfg, "case.elf");
	bt_reject(text, 5, phrase);
}

static void test_elf_small_ok(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	bt_write_elf("small.elf", &e);
	if (bt_elf_load("small.elf") != 0) {
		bhcfg_diag_print(&bt_diag, stderr);
		fail();
	}
	assert_int_equal(bt_sys->partitions[0].nsegments, 2);
	assert_int_equal(bt_sys->partitions[0].segments[1].offset, 0x1200);
	assert_int_equal(bt_sys->partitions[0].segments[1].flags,
			 BT_PF_R | BT_PF_W);
}

static void test_elf_truncated_header(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.truncate = 40;
	bt_elf_reject(&e, "truncated ELF header");
}

static void test_elf_truncated_phdrs(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.truncate = 52 + 40; /* the second program header is cut */
	bt_elf_reject(&e, "program headers outside the file");
}

static void test_elf_truncated_data(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.truncate = 0x1200 + 0x20; /* half of the data segment */
	bt_elf_reject(&e, "program header 1: data outside the file");
}

static void test_elf_phdr_offset_overflow(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.phoff = 0xFFFFFFF0u; /* phoff + size wraps in 32 bits */
	bt_elf_reject(&e, "program headers outside the file");
}

static void test_elf_data_offset_overflow(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.fixed_offsets = true;
	e.seg[0].offset = 0x200;
	e.seg[1].offset = 0xFFFFFFF0u; /* offset + filesz wraps */
	bt_elf_reject(&e, "data outside the file");
}

static void test_elf_wrong_class(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.cls = 2;
	bt_elf_reject(&e, "not an ELF32 file (class 2)");
}

static void test_elf_wrong_machine(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.machine = 62; /* x86-64 */
	bt_elf_reject(&e, "not an i386 ELF (e_machine 62)");
}

static void test_elf_not_exec(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.type = 3; /* ET_DYN */
	bt_elf_reject(&e, "not an executable");
}

static void test_elf_big_endian(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.data = 2;
	bt_elf_reject(&e, "not a little-endian");
}

static void test_elf_not_elf(void **state)
{
	char text[2048];

	(void)state;
	bt_write_file("text.elf", "#!/bin/sh\necho this is not an ELF file\n"
				  "echo padding the file past the header\n");
	snprintf(text, sizeof(text), bt_elf_cfg, "text.elf");
	bt_reject(text, 5, "not an ELF file");
}

static void test_elf_header_sizes(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.phentsize = 40;
	bt_elf_reject(&e, "bad program header size 40");
	bt_elf_small(&e);
	e.ehsize = 64;
	bt_elf_reject(&e, "bad ELF header size 64");
}

static void test_elf_filesz_memsz(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].memsz = 0x20;
	bt_elf_reject(&e, "program header 1: filesz > memsz");
}

static void test_elf_vaddr_wraps(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].vaddr = 0xFFFFF000u;
	e.seg[1].memsz = 0x2000;
	bt_elf_reject(&e, "wraps past 4 GiB");
}

static void test_elf_no_segments(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.nseg = 0;
	bt_elf_reject(&e, "no program headers");
	bt_elf_small(&e);
	e.seg[0].type = 4;
	e.seg[1].memsz = 0;
	e.seg[1].filesz = 0;
	bt_elf_reject(&e, "no loadable segment");
}

static void test_elf_dynamic(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].type = 3; /* PT_INTERP */
	bt_elf_reject(&e, "dynamically linked");
}

static void test_elf_segment_outside(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].vaddr = 0x40030000; /* no region there */
	bt_elf_reject(&e, "segment 0x40030000-0x40031000 is not inside one "
			  "memory region");
}

static void test_elf_segment_straddles(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	/* both halves are covered, but by two regions */
	e.seg[1].vaddr = 0x4000F800;
	bt_elf_reject(&e, "is not inside one memory region");
}

static void test_elf_segment_in_map(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].vaddr = 0x40020000; /* the shared mapping */
	bt_elf_reject(&e, "is not inside one memory region");
}

static void test_elf_writable_in_readonly(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].vaddr = 0x40008000; /* in the rx region */
	bt_elf_reject(&e, "writable segment 0x40008000-0x40009000 is in the "
			  "region at line 6, which has no w");
}

static void test_elf_exec_in_noexec(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[0].vaddr = 0x40018000; /* in the rw region */
	e.entry = 0x40000000;
	bt_elf_reject(&e, "executable segment 0x40018000-0x40018080 is in "
			  "the region at line 7, which has no x");
}

static void test_elf_entry_not_x(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.entry = 0x40010004; /* rw region */
	bt_elf_reject(&e, "entry point 0x40010004 is not inside an x memory");
	bt_elf_small(&e);
	e.entry = 0x40020000; /* the rwx map does not count */
	bt_elf_reject(&e, "entry point 0x40020000 is not inside an x memory");
	bt_elf_small(&e);
	e.entry = 0x10;
	bt_elf_reject(&e, "entry point 0x10 is not inside an x memory");
}

static void test_elf_segments_overlap(void **state)
{
	struct bt_elf e;

	(void)state;
	bt_elf_small(&e);
	e.seg[1].vaddr = 0x40000040;
	e.seg[1].flags = BT_PF_R;
	bt_elf_reject(&e, "segments at 0x40000000 and 0x40000040 overlap");
}

static void test_elf_unreadable(void **state)
{
	(void)state;
	assert_int_equal(bt_elf_load("missing.elf"), -1);
	assert_int_equal(bt_diag.items[0].line, 5);
	assert_non_null(strstr(bt_diag.items[0].msg,
			       "cannot read image 'missing.elf'"));
	bt_run("mkdir -p '%s/adir.elf'", bt_dir);
	assert_int_equal(bt_elf_load("adir.elf"), -1);
	assert_int_equal(bt_diag.items[0].line, 5);
	assert_non_null(strstr(bt_diag.items[0].msg, "not a regular file"));
}

static void test_elf_paths(void **state)
{
	struct bt_elf e;
	char abs[1024];

	(void)state;
	bt_elf_small(&e);
	assert_int_equal(bt_run("mkdir -p '%s/sub'", bt_dir), 0);
	bt_write_elf("sub/rel.elf", &e);
	assert_int_equal(bt_elf_load("sub/../sub/rel.elf"), 0);
	bt_path(abs, sizeof(abs), "sub/rel.elf");
	assert_string_equal(bt_sys->partitions[0].image_abs, abs);
	assert_int_equal(bt_elf_load(abs), 0);
	assert_string_equal(bt_sys->partitions[0].image, abs);
}

/* A real i386 executable from the host gcc (gcc-multilib). */
static const char bt_real_cfg[] =
	"system s\n"
	"tick 1ms\n"
	"major_frame 10ms\n"
	"partition p\n"
	"    image %s\n"
	"    memory 0x40000000 64K rwx\n"
	"end\n"
	"schedule\n"
	"    window p 0ms 10ms\n"
	"end\n";

static void test_elf_real_gcc(void **state)
{
	static const char common[] =
		"gcc -m32 -O2 -nostdlib -static -no-pie -fno-pic "
		"-Wl,--build-id=none";
	char text[2048];

	(void)state;
	bt_write_file("real.c", "int x = 5; void _start(void) { for (;;) x++; }\n");
	if (bt_run("%s -Wl,-Ttext-segment=0x40000000 -o '%s/real.elf' "
		   "'%s/real.c'",
		   common, bt_dir, bt_dir) != 0)
		skip();
	snprintf(text, sizeof(text), bt_real_cfg, "real.elf");
	if (bt_load(text) != 0) {
		bhcfg_diag_print(&bt_diag, stderr);
		fail();
	}
	assert_true(bt_sys->partitions[0].nsegments >= 2);
	assert_int_equal(bt_sys->partitions[0].entry & 0xFFFF0000u, 0x40000000);
	/* -Ttext alone puts the ELF headers in a segment below the text */
	assert_int_equal(bt_run("%s -Wl,-Ttext=0x40000000 -o '%s/real2.elf' "
				"'%s/real.c'",
				common, bt_dir, bt_dir),
			 0);
	snprintf(text, sizeof(text), bt_real_cfg, "real2.elf");
	bt_reject(text, 5, "segment 0x3ffff000-");
}

int bt_group_elf(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf_small_ok),
		cmocka_unit_test(test_elf_truncated_header),
		cmocka_unit_test(test_elf_truncated_phdrs),
		cmocka_unit_test(test_elf_truncated_data),
		cmocka_unit_test(test_elf_phdr_offset_overflow),
		cmocka_unit_test(test_elf_data_offset_overflow),
		cmocka_unit_test(test_elf_wrong_class),
		cmocka_unit_test(test_elf_wrong_machine),
		cmocka_unit_test(test_elf_not_exec),
		cmocka_unit_test(test_elf_big_endian),
		cmocka_unit_test(test_elf_not_elf),
		cmocka_unit_test(test_elf_header_sizes),
		cmocka_unit_test(test_elf_filesz_memsz),
		cmocka_unit_test(test_elf_vaddr_wraps),
		cmocka_unit_test(test_elf_no_segments),
		cmocka_unit_test(test_elf_dynamic),
		cmocka_unit_test(test_elf_segment_outside),
		cmocka_unit_test(test_elf_segment_straddles),
		cmocka_unit_test(test_elf_segment_in_map),
		cmocka_unit_test(test_elf_writable_in_readonly),
		cmocka_unit_test(test_elf_exec_in_noexec),
		cmocka_unit_test(test_elf_entry_not_x),
		cmocka_unit_test(test_elf_segments_overlap),
		cmocka_unit_test(test_elf_unreadable),
		cmocka_unit_test(test_elf_paths),
		cmocka_unit_test(test_elf_real_gcc),
	};

	return cmocka_run_group_tests_name("bhcfg images", tests, NULL, NULL);
}
