/*
 * Partition console lines (kernel/core/console.c): assembly into whole
 * lines, flushing at PART_LINE_MAX, on stop, restart and shutdown, and the
 * replacement of control characters so that no partition can forge a line
 * that looks like another partition's or the kernel's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/console.h>

static int boot(void **state)
{
	tsys_setup(state);
	tsys_boot(NULL);
	host_console_len = 0; /* forget the boot banner */
	host_console[0] = '\0';
	return 0;
}

static void put(uint32_t id, const char *s)
{
	console_put(tsys_part(id), s, (uint32_t)strlen(s));
}

static void put_bytes(uint32_t id, const void *s, uint32_t n)
{
	console_put(tsys_part(id), s, n);
}

static void test_line_assembly(void **state)
{
	(void)state;
	memcpy(tsys_mem(TSYS_ALPHA, A_DATA, 6), "hello\n", 6);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 3), 3);
	assert_int_equal(host_console_len, 0); /* nothing before the end of the line */
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA + 3, 3), 3);
	assert_string_equal(host_console, "[alpha] hello\n");
	put(TSYS_ALPHA, "a\nb\n\nc");
	assert_string_equal(host_console, "[alpha] hello\n[alpha] a\n[alpha] b\n[alpha]  \n");
	assert_int_equal(tsys_part(TSYS_ALPHA)->line_len, 1);
}

static void test_lines_never_interleave(void **state)
{
	(void)state;
	put(TSYS_ALPHA, "abc");
	put(TSYS_BETA, "xyz\n");
	put(TSYS_GAMMA, "g1");
	put(TSYS_ALPHA, "def\n");
	put(TSYS_GAMMA, "g2\n");
	assert_string_equal(host_console, "[beta] xyz\n[alpha] abcdef\n[gamma] g1g2\n");
}

static void test_flush_at_line_max(void **state)
{
	char buf[2 * PART_LINE_MAX + 2];
	char want[3 * PART_LINE_MAX];

	(void)state;
	memset(buf, 'a', PART_LINE_MAX);
	put_bytes(TSYS_ALPHA, buf, PART_LINE_MAX);
	assert_int_equal(host_console_len, 0); /* full, but no reason to flush yet */
	put(TSYS_ALPHA, "\n");
	memcpy(want, "[alpha] ", 8);
	memset(want + 8, 'a', PART_LINE_MAX);
	strcpy(want + 8 + PART_LINE_MAX, "\n");
	assert_string_equal(host_console, want); /* exactly one line */

	host_console_len = 0;
	memset(buf, 'b', sizeof(buf));
	buf[2 * PART_LINE_MAX] = 'c';
	buf[2 * PART_LINE_MAX + 1] = '\n';
	put_bytes(TSYS_ALPHA, buf, sizeof(buf));
	memset(want + 8, 'b', PART_LINE_MAX);
	strcpy(want + 8 + PART_LINE_MAX, "\n");
	memcpy(want + 9 + PART_LINE_MAX, want, 9 + PART_LINE_MAX);
	strcpy(want + 2 * (9 + PART_LINE_MAX), "[alpha] c\n");
	assert_string_equal(host_console, want);
}

/* What "[alpha] " + byte c + newline must print. */
static const char *expected_line(unsigned c, char *want)
{
	if (c == '\n')
		return "[alpha]  \n[alpha]  \n"; /* two empty lines */
	if (c == '\r')
		return "[alpha]  \n"; /* dropped: an empty line */
	strcpy(want, "[alpha] x\n");
	if (c == '\t' || (c >= 0x20 && c < 0x7F))
		want[8] = (char)c;
	else
		want[8] = c < 0x20 ? '.' : '?';
	return want;
}

/* Each byte value alone on a line. */
static void test_every_byte(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 256; c++) {
		char byte = (char)c, want[16];

		host_console_len = 0;
		put_bytes(TSYS_ALPHA, &byte, 1);
		put(TSYS_ALPHA, "\n");
		if (strcmp(host_console, expected_line(c, want)) != 0)
			fail_msg("byte %#x printed as \"%s\"", c, host_console);
	}
}

static void test_cannot_forge_lines(void **state)
{
	static const char attack[] = "ok\r[bh] PANIC: fake\n[beta] hi\n\x1b[2K\r[hm] t=0\b\b\bx\n"
				     "\x1b"
				     "c[gamma] y\x85z\n";

	(void)state;
	put_bytes(TSYS_ALPHA, attack, sizeof(attack) - 1);
	assert_string_equal(host_console, "[alpha] ok[bh] PANIC: fake\n"
					  "[alpha] [beta] hi\n"
					  "[alpha] .[2K[hm] t=0...x\n"
					  "[alpha] .c[gamma] y?z\n");
}

/* Random bytes: every line printed is alpha's, short and clean. */
static void test_random_bytes_stay_in_lines(void **state)
{
	uint32_t x = 12345;
	char buf[1000];

	(void)state;
	for (int round = 0; round < 20; round++) {
		for (uint32_t i = 0; i < sizeof(buf); i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		put_bytes(TSYS_ALPHA, buf, sizeof(buf));
	}
	put(TSYS_ALPHA, "\n");
	for (const char *l = host_console; *l;) {
		const char *nl = strchr(l, '\n');
		assert_non_null(nl);
		assert_int_equal(strncmp(l, "[alpha] ", 8), 0);
		assert_true(nl - l - 8 <= (long)PART_LINE_MAX && nl - l > 8);
		for (const char *c = l + 8; c < nl; c++)
			assert_true(*c == '\t' || (*c >= 0x20 && *c < 0x7F));
		l = nl + 1;
	}
}

static void test_flushed_on_stop_and_restart(void **state)
{
	(void)state;
	put(TSYS_ALPHA, "before stop");
	put(TSYS_GAMMA, "before restart");
	part_stop(tsys_part(TSYS_ALPHA));
	part_restart(tsys_part(TSYS_GAMMA), true, BH_START_OTHER_PARTITION);
	assert_string_equal(host_console, "[alpha] before stop\n[bh] partition alpha: stopped\n"
					  "[bh] partition gamma: cold restart (#1)\n"
					  "[gamma] before restart\n");
	assert_int_equal(tsys_part(TSYS_GAMMA)->line_len, 0);
	console_flush(tsys_part(TSYS_GAMMA)); /* nothing left: prints nothing */
	assert_int_equal(tsys_console_count("[gamma]"), 1);
}

static void test_flushed_on_shutdown(void **state)
{
	volatile unsigned code;

	(void)state;
	put(TSYS_BETA, "last words");
	tsys_run_until(TSYS_BETA);
	TSYS_CATCH_HALT(code, tsys_hc(BH_HC_MODULE_HALT, 0));
	assert_int_equal(code, BH_EXIT_OK);
	assert_non_null(strstr(host_console, "[beta] last words\n[bh] summary: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_line_assembly, boot),
		cmocka_unit_test_setup(test_lines_never_interleave, boot),
		cmocka_unit_test_setup(test_flush_at_line_max, boot),
		cmocka_unit_test_setup(test_every_byte, boot),
		cmocka_unit_test_setup(test_cannot_forge_lines, boot),
		cmocka_unit_test_setup(test_random_bytes_stay_in_lines, boot),
		cmocka_unit_test_setup(test_flushed_on_stop_and_restart, boot),
		cmocka_unit_test_setup(test_flushed_on_shutdown, boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
