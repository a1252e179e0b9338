/*
 * The console (kernel/core/console.c, console_drain.c): per-partition
 * buffering and assembly into whole lines, flushing at PART_LINE_MAX, on
 * stop, restart and shutdown, the replacement of control characters so
 * that no partition can forge a line that looks like another partition's
 * or the kernel's; the bounded drain (never more than the UART takes, a
 * tick slice only for the window owner) and overflow, counted and reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

/* A partition's write, then the idle loop's drain. */
static void put_bytes(uint32_t id, const void *s, uint32_t n)
{
	console_write(tsys_part(id), s, n);
	tsys_console_drain();
}

static void put(uint32_t id, const char *s)
{
	put_bytes(id, s, (uint32_t)strlen(s));
}

static void test_line_assembly(void **state)
{
	(void)state;
	memcpy(tsys_mem(TSYS_ALPHA, A_DATA, 6), "hello\n", 6);
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA, 3), 3);
	tsys_console_drain();
	assert_int_equal(host_console_len, 0); /* nothing before the end of the line */
	assert_int_equal(tsys_hc(BH_HC_CONSOLE_WRITE, A_DATA + 3, 3), 3);
	assert_int_equal(host_console_len, 0); /* nothing before a drain */
	tsys_console_drain();
	assert_string_equal(host_console, "[alpha] hello\n");
	put(TSYS_ALPHA, "a\nb\n\nc");
	assert_string_equal(host_console, "[alpha] hello\n[alpha] a\n[alpha] b\n[alpha]  \n");
	console_end_line(tsys_part(TSYS_ALPHA)); /* the "c" was kept */
	tsys_console_drain();
	assert_int_equal(tsys_console_count("[alpha] c\n"), 1);
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
	tsys_console_drain(); /* one line of each partition in turn */
	assert_string_equal(host_console, "[alpha] before stop\n[gamma] before restart\n"
					  "[bh] partition alpha: stopped\n"
					  "[bh] partition gamma: cold restart (#1)\n");
	console_end_line(tsys_part(TSYS_GAMMA)); /* nothing left: prints nothing */
	assert_int_equal(tsys_console_count("[gamma]"), 1);
	assert_int_equal(tsys_console_count("\n"), 4);
}

static void test_flushed_on_shutdown(void **state)
{
	volatile unsigned code;

	(void)state;
	put(TSYS_BETA, "last words");
	tsys_run_until(TSYS_BETA);
	TSYS_CATCH_HALT(code, tsys_hc(BH_HC_MODULE_HALT, 0));
	assert_int_equal(code, BH_EXIT_OK);
	assert_non_null(strstr(host_console, "[beta] last words\n[bh] module halt requested"));
}

/* The UART's room is never exceeded (the host arch aborts if it is), a
 * busy UART gets nothing, and a slice writes at most one FIFO. */
static void test_drain_bounded(void **state)
{
	char buf[1000];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	buf[sizeof(buf) - 1] = '\n';
	console_write(tsys_part(TSYS_ALPHA), buf, sizeof(buf));
	host_console_room = 0;
	assert_true(console_idle_slice()); /* output waits */
	assert_false(console_tick_slice(tsys_part(TSYS_ALPHA)));
	assert_int_equal(host_console_len, 0);
	host_console_room = 5;
	assert_true(console_idle_slice());
	assert_int_equal(host_console_len, 5);
	host_console_room = HOST_CONSOLE_ROOM_ANY;
	assert_true(console_tick_slice(tsys_part(TSYS_ALPHA)));
	assert_int_equal(host_console_len, 5 + CON_SLICE);
	/* alpha's line is unfinished: beta's ticks do not write it (beta's
	 * time is not alpha's), nor a line of beta's in the middle of it. */
	console_write(tsys_part(TSYS_BETA), "b\n", 2);
	assert_false(console_tick_slice(tsys_part(TSYS_BETA)));
	assert_int_equal(host_console_len, 5 + CON_SLICE);
	tsys_console_drain();
	assert_false(console_idle_slice()); /* nothing waits */
	assert_int_equal(tsys_console_count("[alpha] "), 9); /* 999 x: 9 lines */
	assert_int_equal(tsys_console_count("[beta] b\n"), 1);
	/* The owner's tick drains only the owner's lines. */
	console_write(tsys_part(TSYS_BETA), "c\n", 2);
	assert_false(console_tick_slice(tsys_part(TSYS_ALPHA)));
	assert_int_equal(tsys_console_count("[beta] c\n"), 1);
}

/* A write that does not fit is dropped whole and counted; the partition
 * sees its room; the drain reports the loss, the summary the total. */
static void test_overflow_counted(void **state)
{
	struct partition *a = tsys_part(TSYS_ALPHA);
	char buf[254]; /* with its header, 16 records fill the ring */
	uint32_t written = 0, dropped = 0;
	volatile unsigned code;

	(void)state;
	memset(buf, 'y', sizeof(buf));
	buf[sizeof(buf) - 1] = '\n';
	assert_int_equal(a->vstate->console_room, CON_RING_SIZE);
	host_console_room = 0; /* the UART is busy: nothing drains */
	for (int i = 0; i < 20; i++) {
		if (a->vstate->console_room >= sizeof(buf) + 2u)
			written += sizeof(buf);
		else
			dropped += sizeof(buf);
		console_write(a, buf, sizeof(buf));
	}
	assert_int_equal(written, 16 * sizeof(buf));
	assert_int_equal(a->con.dropped, dropped);
	assert_int_equal(a->vstate->console_room, 0);
	/* An HM line that does not fit is counted too. */
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 5, 0, 0), BH_OK);
	assert_true(a->con.dropped > dropped);
	dropped = a->con.dropped;
	host_console_room = HOST_CONSOLE_ROOM_ANY;
	tsys_console_drain();
	char want[80];
	snprintf(want, sizeof(want), "[bh] partition alpha: %u bytes of output dropped\n", dropped);
	assert_int_equal(tsys_console_count(want), 1);
	assert_int_equal(a->con.dropped, 0);
	assert_int_equal(a->vstate->console_room, CON_RING_SIZE);
	tsys_run_until(TSYS_BETA);
	TSYS_CATCH_HALT(code, tsys_hc(BH_HC_MODULE_HALT, 0));
	assert_int_equal(code, BH_EXIT_OK);
	snprintf(want, sizeof(want), "partition alpha: %u bytes of console output dropped in all",
		 dropped);
	assert_int_equal(tsys_console_count(want), 1);
}

/* Health-monitor lines go to the partition's ring (its output, drained in
 * its time), in order with its text. */
static void test_hm_line_buffered(void **state)
{
	(void)state;
	console_write(tsys_part(TSYS_ALPHA), "half", 4);
	assert_int_equal(tsys_hc(BH_HC_HM_RAISE, 5, 0, 0), BH_OK);
	assert_int_equal(host_console_len, 0);
	tsys_console_drain();
	assert_non_null(strstr(host_console, "[alpha] half\n[hm] t="));
	assert_int_equal(tsys_console_count(" code=5 "), 1);
}

/*
 * Kernel lines are recorded unformatted and formatted by the drain
 * (console_kline, kline_*): the text must be what the C library's printf
 * makes of the same format, numbers at their edges included (a time in ns
 * above 2^32 takes the 64-bit path), also when the record wraps around the
 * end of the ring.
 */
static void test_kline_format(void **state)
{
	static const unsigned long long big[] = { 0, 9, 4294967295ull, 4294967296ull,
						  999999999999ull, 18446744073709551615ull };
	char want[200];

	(void)state;
	for (uint32_t wrap = 0; wrap < 2; wrap++) {
		/* Move the ring's positions near its end, so that the records
		 * below wrap (text of 100 bytes a line). */
		for (uint32_t i = 0; wrap && i < CON_RING_SIZE / 100u - 1u; i++)
			put(TSYS_ALPHA, "0123456789012345678901234567890123456789012345678901234567890"
					"12345678901234567890123456789012345678\n");
		for (uint32_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
			host_console_len = 0;
			host_console[0] = '\0';
			console_kline(tsys_part(TSYS_ALPHA), "[bh] t=%lluns x=%x %#x %#x u=%u %s %% end",
				      big[i], 0xdeadbeefu, 0u, (uint32_t)i, 4000000000u,
				      tsys_part(TSYS_ALPHA)->cfg->name);
			tsys_console_drain();
			snprintf(want, sizeof(want), "[bh] t=%lluns x=%x 0x0 0x%x u=%u alpha %% end\n",
				 big[i], 0xdeadbeefu, i, 4000000000u);
			assert_string_equal(host_console, want);
		}
	}
}

/* The health monitor's line in pieces, its message last: printable ASCII
 * only, no quote; too many pieces cut the line after the last whole one. */
static void test_kline_pieces(void **state)
{
	struct kline k;

	(void)state;
	kline_begin(&k);
	kline_add(&k, "[hm] a=%u", 1u);
	kline_add(&k, " b=%llu", 2ull);
	kline_msg(&k, "q\"\n\x01z\x7f", 6);
	kline_add(&k, " never=%u", 3u); /* after the message: ignored */
	kline_commit(tsys_part(TSYS_ALPHA), &k);
	tsys_console_drain();
	assert_string_equal(host_console, "[hm] a=1 b=2 msg=\"q...z.\"\n");
	host_console_len = 0;
	host_console[0] = '\0';
	kline_begin(&k);
	for (uint32_t i = 0; i < KLINE_WORDS; i++)
		kline_add(&k, " %u", i); /* two words a piece */
	kline_commit(tsys_part(TSYS_ALPHA), &k);
	tsys_console_drain();
	assert_string_equal(host_console, " 0 1 2 3 4 5 6 7\n");
}

/* A kernel line that does not fit is dropped whole and counted (its
 * record's bytes), like a partition's write. */
static void test_kline_dropped(void **state)
{
	uint32_t before;

	(void)state;
	host_console_room = 0; /* the UART takes nothing: the ring fills */
	while (tsys_part(TSYS_ALPHA)->vstate->console_room > 40u)
		put(TSYS_ALPHA, "0123456789012345678901234567890\n");
	before = tsys_part(TSYS_ALPHA)->con.dropped_total;
	console_kline(tsys_part(TSYS_ALPHA), "[bh] %s %s %s %s %s %s", "a", "b", "c", "d", "e", "f");
	assert_int_equal(tsys_part(TSYS_ALPHA)->con.dropped_total,
			 before + 1u + 7u * (uint32_t)sizeof(uintptr_t));
	host_console_room = HOST_CONSOLE_ROOM_ANY;
	tsys_console_drain();
	assert_int_equal(tsys_console_count("[bh] a b"), 0);
	assert_int_equal(tsys_console_count(" bytes of output dropped\n"), 1);
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
		cmocka_unit_test_setup(test_drain_bounded, boot),
		cmocka_unit_test_setup(test_overflow_counted, boot),
		cmocka_unit_test_setup(test_hm_line_buffered, boot),
		cmocka_unit_test_setup(test_kline_format, boot),
		cmocka_unit_test_setup(test_kline_pieces, boot),
		cmocka_unit_test_setup(test_kline_dropped, boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
