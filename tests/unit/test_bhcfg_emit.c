/*
 * bhcfg unit tests: the three emitters and the command line. The emitted
 * tables and image are compiled with the host gcc against the real
 * kernel/include/bh/config.h and linked into a checker program that prints
 * what the kernel would read.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

const char bt_full[] =
	"system full\n"
	"tick 500us\n"
	"major_frame 10ms\n"
	"shared mbox 8K\n"
	"partition ctl\n"
	"    image good.elf\n"
	"    memory 0x40000000 256K rwx\n"
	"    memory 0x40400000 4M rw\n"
	"    map mbox 0x80000000 rw\n"
	"    tick 200Hz\n"
	"    irq 3\n"
	"    ioport 0x300 8\n"
	"    privileged\n"
	"    hm page_fault restart_cold\n"
	"    hm bad_hypercall halt_module limit 7\n"
	"end\n"
	"partition io\n"
	"    image good.elf\n"
	"    memory 0x40000000 128K rwx at 0x4000000\n"
	"    map mbox 0x40020000 r\n"
	"    tick 1000Hz\n"
	"    irq 11\n"
	"    irq 10\n"
	"    ioport 0x2F8 8\n"
	"    ioport 0x310\n"
	"    hm application_error reset_module\n"
	"    hm bad_hypercall ignore limit 2\n"
	"end\n"
	"schedule\n"
	"    window io 5ms 5ms\n"
	"    window ctl 0ms 5ms\n"
	"end\n";

/* The text without comment lines (those carry source line numbers). */
static char *bt_strip_comments(const char *text)
{
	char *out = malloc(strlen(text) + 1u);
	char *o = out;
	const char *p = text;

	assert_non_null(out);
	while (*p) {
		const char *eol = strchr(p, '\n');
		const char *q = p;
		size_t n = eol ? (size_t)(eol - p) + 1u : strlen(p);

		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "/*", 2) != 0 && *q != '*') {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

static void bt_same_region(const struct bhcfg_region *a,
			   const struct bhcfg_region *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->vaddr, b->vaddr);
	assert_int_equal(a->size, b->size);
	assert_int_equal(a->paddr, b->paddr);
	assert_int_equal(a->perms, b->perms);
	assert_int_equal(a->shared, b->shared);
	assert_string_equal(a->shared_name, b->shared_name);
}

static void bt_same_partition(const struct bhcfg_partition *a,
			      const struct bhcfg_partition *b)
{
	unsigned i;

	assert_string_equal(a->name, b->name);
	assert_string_equal(a->image, b->image);
	assert_string_equal(a->image_abs, b->image_abs);
	assert_int_equal(a->nregions, b->nregions);
	for (i = 0; i < a->nregions; i++)
		bt_same_region(&a->regions[i], &b->regions[i]);
	assert_int_equal(a->nioports, b->nioports);
	for (i = 0; i < a->nioports; i++) {
		assert_int_equal(a->ioports[i].base, b->ioports[i].base);
		assert_int_equal(a->ioports[i].count, b->ioports[i].count);
	}
	assert_int_equal(a->irq_lines, b->irq_lines);
	assert_int_equal(a->tick_hz, b->tick_hz);
	assert_int_equal(a->tick_period, b->tick_period);
	assert_int_equal(a->privileged, b->privileged);
	assert_memory_equal(a->hm_action, b->hm_action, sizeof(a->hm_action));
	assert_int_equal(a->bad_hypercall_limit, b->bad_hypercall_limit);
	assert_int_equal(a->entry, b->entry);
	assert_int_equal(a->nsegments, b->nsegments);
	assert_memory_equal(a->segments, b->segments,
			    a->nsegments * sizeof(a->segments[0]));
}

/* Same meaning; source line numbers and `at`-given flags may differ. */
static void bt_same_model(const struct bhcfg_system *a,
			  const struct bhcfg_system *b)
{
	unsigned i;

	assert_string_equal(a->name, b->name);
	assert_int_equal(a->tick_us, b->tick_us);
	assert_int_equal(a->major_frame_us, b->major_frame_us);
	assert_int_equal(a->major_frame, b->major_frame);
	assert_int_equal(a->nshared, b->nshared);
	for (i = 0; i < a->nshared; i++) {
		assert_string_equal(a->shared[i].name, b->shared[i].name);
		assert_int_equal(a->shared[i].size, b->shared[i].size);
		assert_int_equal(a->shared[i].paddr, b->shared[i].paddr);
	}
	assert_int_equal(a->npartitions, b->npartitions);
	for (i = 0; i < a->npartitions; i++)
		bt_same_partition(&a->partitions[i], &b->partitions[i]);
	assert_int_equal(a->nwindows, b->nwindows);
	for (i = 0; i < a->nwindows; i++) {
		const struct bhcfg_window *x = &a->windows[i];
		const struct bhcfg_window *y = &b->windows[i];

		assert_string_equal(x->partition_name, y->partition_name);
		assert_int_equal(x->partition, y->partition);
		assert_int_equal(x->start_us, y->start_us);
		assert_int_equal(x->duration_us, y->duration_us);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->duration, y->duration);
	}
}

static void bt_round_trip(const char *text)
{
	struct bhcfg_system *first = malloc(sizeof(*first));
	char *dump1, *dump2, *tab1, *tab2, *img1, *img2, *s1, *s2;

	assert_non_null(first);
	bt_load_ok(text);
	*first = *bt_sys;
	dump1 = bt_emit(bhcfg_emit_dump, bt_sys);
	tab1 = bt_emit(bhcfg_emit_tables, bt_sys);
	img1 = bt_emit(bhcfg_emit_image, bt_sys);
	bt_load_ok(dump1);
	bt_same_model(first, bt_sys);
	dump2 = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_string_equal(dump1, dump2);
	tab2 = bt_emit(bhcfg_emit_tables, bt_sys);
	s1 = bt_strip_comments(tab1);
	s2 = bt_strip_comments(tab2);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	img2 = bt_emit(bhcfg_emit_image, bt_sys);
	s1 = bt_strip_comments(img1);
	s2 = bt_strip_comments(img2);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	free(dump1), free(dump2), free(tab1), free(tab2), free(img1), free(img2);
	free(first);
}

static void test_dump_round_trip(void **state)
{
	(void)state;
	bt_round_trip(bt_full);
}

static void test_dump_round_trip_layout(void **state)
{
	(void)state;
	bt_round_trip("system r\ntick 50us\nmajor_frame 50ms\n"
		      "partition z\nimage good.elf\n"
		      "memory 0x40000000 1M rwx at 0x9000000\n"
		      "memory 0x50000000 4K r\nend\n"
		      "shared s1 4K\nshared s2 0x3000 at 0x1001000\n"
		      "schedule\nwindow z 49950us 50us\nwindow z 0s 1ms\nend\n");
}

static void test_dump_text(void **state)
{
	char *dump;

	(void)state;
	bt_load_ok(bt_full);
	dump = bt_emit(bhcfg_emit_dump, bt_sys);
	/* defaults explicit, `at` explicit, sizes hex, durations in us */
	assert_non_null(strstr(dump, "\nsystem full\ntick 500us\n"
				     "major_frame 10000us\n"));
	assert_non_null(strstr(dump, "shared mbox 0x2000 at 0x1000000\n"));
	assert_non_null(strstr(dump, "    memory 0x40400000 0x400000 rw at "
				     "0x1042000\n"));
	assert_non_null(strstr(dump, "    ioport 0x310 1\n"));
	assert_non_null(strstr(dump, "    irq 10\n    irq 11\n"));
	assert_non_null(strstr(dump, "    hm divide_error stop\n"));
	assert_non_null(strstr(dump, "    hm bad_hypercall ignore limit 2\n"));
	assert_non_null(strstr(dump, "    window io 5000us 5000us\n"));
	free(dump);
}

static void test_tables_deterministic(void **state)
{
	char *a, *b;

	(void)state;
	bt_load_ok(bt_full);
	a = bt_emit(bhcfg_emit_tables, bt_sys);
	bt_load_ok(bt_full);
	b = bt_emit(bhcfg_emit_tables, bt_sys);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "Generated by bhcfg from system.cfg"));
	assert_non_null(strstr(a, "#include \"bh/config.h\""));
	/* the source line of each partition and window */
	assert_non_null(strstr(a, "/* system.cfg:5: partition ctl */"));
	assert_non_null(strstr(a, "/* system.cfg:30: window io 5ms 5ms */"));
	free(a);
	free(b);
}

static uint32_t bt_fnv(unsigned seg, uint32_t n)
{
	uint32_t h = 2166136261u;
	uint32_t i;

	for (i = 0; i < n; i++) {
		h ^= bt_elf_byte(seg, i);
		h *= 16777619u;
	}
	return h;
}

static const char bt_checker[] =
	"#include <stdint.h>\n#include <stdio.h>\n#include \"bh/config.h\"\n"
	"static uint32_t fnv(const uint8_t *p, uint32_t n)\n{\n"
	"\tuint32_t h = 2166136261u;\n"
	"\tfor (uint32_t i = 0; i < n; i++) { h ^= p[i]; h *= 16777619u; }\n"
	"\treturn h;\n}\n"
	"static int al(const volatile void *p)\n"
	"{\n\treturn ((uintptr_t)p & 4095u) == 0;\n}\n"
	"static void part(const struct bh_cfg_partition *p)\n{\n"
	"\tprintf(\"partition %s entry 0x%x irq 0x%x tick_period %u flags %u "
	"limit %u npt %u\\n hm\", p->name, p->entry, p->irq_lines, "
	"p->tick_period, p->flags, p->bad_hypercall_limit, p->npage_tables);\n"
	"\tfor (uint32_t e = 0; e < BH_HM_EVENT_COUNT; e++)\n"
	"\t\tprintf(\" %u\", p->hm_action[e]);\n"
	"\tprintf(\"\\n\");\n"
	"\tfor (uint32_t i = 0; i < p->nregions; i++)\n"
	"\t\tprintf(\" region 0x%x 0x%x 0x%x %u %u\\n\", p->regions[i].vaddr,"
	" p->regions[i].paddr, p->regions[i].size, p->regions[i].perms,"
	" p->regions[i].shared);\n"
	"\tfor (uint32_t i = 0; i < p->nsegments; i++) {\n"
	"\t\tconst struct bh_cfg_segment *s = &p->segments[i];\n"
	"\t\tprintf(\" segment 0x%x 0x%x 0x%x %s 0x%08x\\n\", s->vaddr, "
	"s->filesz, s->memsz, s->data ? \"data\" : \"null\", "
	"s->data ? fnv(s->data, s->filesz) : 0u);\n\t}\n"
	"\tfor (uint32_t i = 0; i < p->nioports; i++)\n"
	"\t\tprintf(\" ioport 0x%x %u\\n\", p->ioports[i].base, "
	"p->ioports[i].count);\n"
	/* the storage must exist, be writable and be as large as announced */
	"\tp->page_dir[1023] = 1u;\n"
	"\tp->page_tables[p->npage_tables - 1u][1023] = 1u;\n"
	"\tp->vcpu->enabled = 1u;\n"
	"\t((volatile uint8_t *)p->vstate)[BH_PAGE_SIZE - 1u] = 1u;\n"
	"\tprintf(\" aligned %d %d %d %d\\n\", al(p->page_dir), "
	"al(p->page_tables), al(p->vcpu), al(p->vstate));\n}\n"
	"int main(void)\n{\n"
	"\tprintf(\"system %s tick_us %u major_frame %u\\n\", bh_cfg.name, "
	"bh_cfg.tick_us, bh_cfg.major_frame);\n"
	"\tfor (uint32_t i = 0; i < bh_cfg.npartitions; i++)\n"
	"\t\tpart(&bh_cfg.partitions[i]);\n"
	"\tfor (uint32_t i = 0; i < bh_cfg.nwindows; i++)\n"
	"\t\tprintf(\"window %u %u %u\\n\", bh_cfg.windows[i].partition, "
	"bh_cfg.windows[i].start, bh_cfg.windows[i].duration);\n"
	"\treturn 0;\n}\n";

/* What the checker must print for bt_full, worked out by hand. */
static void bt_expected(char *out, size_t size)
{
	char segs[512];

	snprintf(segs, sizeof(segs),
		 " segment 0x40000000 0x80 0x80 data 0x%08x\n"
		 " segment 0x40001000 0x40 0x2000 data 0x%08x\n"
		 " segment 0x40005000 0x0 0x1000 null 0x00000000\n",
		 bt_fnv(0, 0x80), bt_fnv(2, 0x40));
	snprintf(out, size,
		 "system full tick_us 500 major_frame 20\n"
		 "partition ctl entry 0x40000010 irq 0x8 tick_period 10 "
		 "flags 1 limit 7 npt 4\n"
		 " hm 4 4 4 4 2 4 4 6 0 4\n"
		 " region 0x40000000 0x1002000 0x40000 7 0\n"
		 " region 0x40400000 0x1042000 0x400000 3 0\n"
		 " region 0x80000000 0x1000000 0x2000 3 1\n"
		 "%s"
		 " ioport 0x300 8\n"
		 " aligned 1 1 1 1\n"
		 "partition io entry 0x40000010 irq 0xc00 tick_period 2 "
		 "flags 0 limit 2 npt 2\n"
		 " hm 4 4 4 4 4 4 4 0 5 4\n"
		 " region 0x40000000 0x4000000 0x20000 7 0\n"
		 " region 0x40020000 0x1000000 0x2000 1 1\n"
		 "%s"
		 " ioport 0x2f8 8\n"
		 " ioport 0x310 1\n"
		 " aligned 1 1 1 1\n"
		 "window 0 0 10\n"
		 "window 1 10 10\n",
		 segs, segs);
}

static void bt_write_outputs(void)
{
	char *tab, *img;

	bt_load_ok(bt_full);
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	img = bt_emit(bhcfg_emit_image, bt_sys);
	bt_write_file("full_tables.c", tab);
	bt_write_file("full_image.S", img);
	bt_write_file("checker.c", bt_checker);
	free(tab);
	free(img);
}

#define BT_WARN                                                              \
	"-std=c11 -Wall -Wextra -Werror -Wconversion -Wsign-conversion "     \
	"-Wvla -Wmissing-prototypes -Wshadow -I" BHCFG_TEST_ROOT             \
	"/kernel/include -I" BHCFG_TEST_ROOT "/include"

static void test_tables_compile_and_run(void **state)
{
	char expect[4096], path[1024];
	char *got;

	(void)state;
	bt_write_outputs();
	assert_int_equal(bt_run("cd '%s' && gcc " BT_WARN " -g "
				"-fsanitize=address,undefined "
				"-fno-sanitize-recover=all full_tables.c "
				"full_image.S checker.c -o checker",
				bt_dir),
			 0);
	assert_int_equal(bt_run("cd '%s' && ASAN_OPTIONS=detect_leaks=0 "
				"./checker > checker.out",
				bt_dir),
			 0);
	bt_path(path, sizeof(path), "checker.out");
	got = bt_read_file(path, NULL);
	assert_non_null(got);
	bt_expected(expect, sizeof(expect));
	assert_string_equal(got, expect);
	free(got);
}

static void test_tables_compile_i386(void **state)
{
	(void)state;
	bt_write_outputs();
	assert_int_equal(bt_run("cd '%s' && gcc -m32 -O2 -ffreestanding " BT_WARN
				" -c full_tables.c -o t32.o && "
				"gcc -m32 -c full_image.S -o i32.o && "
				"gcc -c full_image.S -o i64.o",
				bt_dir),
			 0);
	/* the segment symbols are global and in .rodata.bh_images */
	assert_int_equal(bt_run("cd '%s' && nm i32.o | grep -q ' R bh_img_ctl_1$'"
				" && ! nm i32.o | grep -q bh_img_ctl_2"
				" && objdump -h i32.o | grep -q rodata.bh_images",
				bt_dir),
			 0);
}

int bt_group_emit(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_round_trip),
		cmocka_unit_test(test_dump_round_trip_layout),
		cmocka_unit_test(test_dump_text),
		cmocka_unit_test(test_tables_deterministic),
		cmocka_unit_test(test_tables_compile_and_run),
		cmocka_unit_test(test_tables_compile_i386),
	};

	return cmocka_run_group_tests_name("bhcfg emitters", tests, NULL, NULL);
}
