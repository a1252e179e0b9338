/*
 * The kernel command line (kernel/core/cmdline.c: QEMU's "image args" and
 * GRUB's "args" forms, flags and key=value, number overflow) and the
 * formatter shared by kernel and guests (common/fmt.c: every conversion,
 * widths, truncation, the returned length).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>

#include <bh/cmdline.h>
#include <fmt.h>

#define DEF 4242u

static void test_no_command_line(void **state)
{
	(void)state;
	cmdline_init(NULL);
	assert_false(cmdline_flag("bench"));
	assert_int_equal(cmdline_uint("frames", DEF), DEF);
	cmdline_init("");
	assert_false(cmdline_flag("bench"));
	cmdline_init("   ");
	assert_false(cmdline_flag("bench"));
	assert_int_equal(cmdline_uint("frames", DEF), DEF);
}

/* The same arguments in every form a boot loader passes them. */
static void test_qemu_and_grub_forms(void **state)
{
	static const char *const lines[] = {
		"frames=5 bench",
		"build/sys/demo/kernel.elf frames=5 bench",
		"kernel.elf frames=5 bench",
		"/boot/bulkhead frames=5 bench",
		"  build/kernel.elf   frames=5   bench  ",
	};

	(void)state;
	for (uint32_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		cmdline_init(lines[i]);
		assert_int_equal(cmdline_uint("frames", DEF), 5);
		assert_true(cmdline_flag("bench"));
		assert_false(cmdline_flag("frames")); /* a key=value is not a flag */
		assert_int_equal(cmdline_uint("bench", DEF), DEF); /* nor a flag a value */
		assert_false(cmdline_flag("kernel.elf"));
		assert_false(cmdline_flag("build/sys/demo/kernel.elf"));
	}
	cmdline_init("build/sys/demo/kernel.elf");
	assert_false(cmdline_flag("build/sys/demo/kernel.elf"));
	cmdline_init("kernel frames=1"); /* not a path: an ordinary first word */
	assert_true(cmdline_flag("kernel"));
	assert_int_equal(cmdline_uint("frames", DEF), 1);
	cmdline_init("bench kernel.elf"); /* only the first word can be the image */
	assert_true(cmdline_flag("bench"));
	assert_true(cmdline_flag("kernel.elf"));
}

static void test_whole_words_only(void **state)
{
	(void)state;
	cmdline_init("framesx=5 benchmark frame=3 a=frames=9 xbench");
	assert_int_equal(cmdline_uint("frames", DEF), DEF);
	assert_false(cmdline_flag("bench"));
	assert_true(cmdline_flag("benchmark"));
	assert_int_equal(cmdline_uint("frame", DEF), 3);
	cmdline_init("frames=1 frames=2");
	assert_int_equal(cmdline_uint("frames", DEF), 1); /* the first one counts */
	cmdline_init("frames=5\tbench"); /* only spaces separate words */
	assert_int_equal(cmdline_uint("frames", DEF), DEF);
	assert_false(cmdline_flag("bench"));
}

static void test_numbers(void **state)
{
	static const struct {
		const char *line;
		uint32_t value;
	} cases[] = {
		{ "n=0", 0 },
		{ "n=007", 7 },
		{ "n=4294967295", 4294967295u },
		{ "n=4294967296", DEF },
		{ "n=4294967300", DEF },
		{ "n=99999999999", DEF },
		{ "n=18446744073709551617", DEF },
		{ "n=", DEF },
		{ "n=-1", DEF },
		{ "n=+1", DEF },
		{ "n=12x", DEF },
		{ "n=5=6", DEF },
		{ "n= 5", DEF },
		{ "n=0x10", DEF },
		{ "n=1 m=2", 1 },
	};

	(void)state;
	for (uint32_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cmdline_init(cases[i].line);
		if (cmdline_uint("n", DEF) != cases[i].value)
			fail_msg("\"%s\": %u", cases[i].line, cmdline_uint("n", DEF));
	}
}

/* At most 255 characters are kept; longer lines are cut, never overrun. */
static void test_long_line(void **state)
{
	char line[1200];

	(void)state;
	memset(line, 'x', sizeof(line));
	memcpy(line + 240, " frames=5 ", 10);
	memcpy(line + 250, " bench ", 7);
	line[sizeof(line) - 1] = '\0';
	cmdline_init(line);
	assert_int_equal(cmdline_uint("frames", DEF), 5);
	assert_false(cmdline_flag("bench")); /* starts at 251, cut after 254 */
	assert_true(cmdline_flag("benc"));
}

/* ------------------------------------------------------------ fmt */

static char buf[128];
static const char *volatile null_string; /* hidden from the format checker */

#define FMT(want, ...)                                                         \
	do {                                                                   \
		size_t n_ = bh_snprintf(buf, sizeof(buf), __VA_ARGS__);        \
		assert_string_equal(buf, want);                                \
		assert_int_equal(n_, strlen(want));                            \
	} while (0)

static void test_fmt_conversions(void **state)
{
	(void)state;
	FMT("plain text", "plain text");
	FMT("[abc]", "[%s]", "abc");
	FMT("(null)", "%s", null_string);
	FMT("x", "%c", 'x');
	FMT("0 42 -42", "%d %d %d", 0, 42, -42);
	FMT("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
	FMT("0 4294967295", "%u %u", 0u, UINT_MAX);
	FMT("0 1f ffffffff", "%x %x %x", 0u, 0x1Fu, 0xFFFFFFFFu);
	FMT("0x0 0xdead", "%#x %#x", 0u, 0xDEADu);
	FMT("-1 18446744073709551615", "%ld %lu", -1L, ULONG_MAX);
	FMT("-9223372036854775808 9223372036854775807", "%lld %lld", LLONG_MIN, LLONG_MAX);
	FMT("18446744073709551615 ffffffffffffffff", "%llu %llx", ULLONG_MAX, ULLONG_MAX);
	FMT("0x0 0x1234", "%p %p", (void *)0, (void *)0x1234);
	FMT("100%", "100%%");
	FMT("a 1 b", "%s %u %s", "a", 1u, "b");
}

static void test_fmt_widths(void **state)
{
	(void)state;
	FMT("   42|00042|42", "%5d|%05u|%1d", 42, 42u, 42);
	FMT("  -42|-0042", "%5d|%05d", -42, -42);
	FMT("0000001f|      1f", "%08x|%8x", 0x1Fu, 0x1Fu);
	FMT("00000000000000000007", "%020llu", 7ull);
	FMT("-9223372036854775808", "%05lld", LLONG_MIN); /* wider than the width */
	FMT("", "%8s", ""); /* width applies to numbers only */
	/* A width past the internal buffer is cut, not overrun. */
	bh_snprintf(buf, sizeof(buf), "%60u", 1u);
	assert_true(strlen(buf) >= 20 && strlen(buf) < 60 && buf[strlen(buf) - 1] == '1');
}

static void test_fmt_truncation(void **state)
{
	char small[6];

	(void)state;
	memset(small, '#', sizeof(small));
	assert_int_equal(bh_snprintf(small, sizeof(small), "hello %s", "world"), 11);
	assert_string_equal(small, "hello");
	assert_int_equal(bh_snprintf(small, 1, "abc"), 3);
	assert_string_equal(small, "");
	small[0] = '#';
	assert_int_equal(bh_snprintf(small, 0, "abc%d", 12345), 8);
	assert_int_equal(small[0], '#'); /* size 0 writes nothing */
	assert_int_equal(bh_snprintf(NULL, 0, "%s", "xyz"), 3);
	assert_int_equal(bh_snprintf(small, sizeof(small), "12345"), 5);
	assert_string_equal(small, "12345");
	assert_int_equal(bh_snprintf(small, sizeof(small), "123456"), 6);
	assert_string_equal(small, "12345");
}

/* Formats the compiler would reject, so they are not literals here. */
static const char *const odd_formats[][2] = {
	{ "abc%", "abc" },   /* ends inside a conversion: stops there */
	{ "abc%5", "abc" },
	{ "abc%ll", "abc" },
	{ "abc%#", "abc" },
	{ "%q|%y", "%q|%y" }, /* unknown conversions are printed as written */
};

static void test_fmt_odd_formats(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < sizeof(odd_formats) / sizeof(odd_formats[0]); i++) {
		size_t n = bh_snprintf(buf, sizeof(buf), odd_formats[i][0], 7);
		assert_string_equal(buf, odd_formats[i][1]);
		assert_int_equal(n, strlen(odd_formats[i][1]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_command_line),
		cmocka_unit_test(test_qemu_and_grub_forms),
		cmocka_unit_test(test_whole_words_only),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_fmt_conversions),
		cmocka_unit_test(test_fmt_widths),
		cmocka_unit_test(test_fmt_truncation),
		cmocka_unit_test(test_fmt_odd_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
