/*
 * The ports (kernel/core/port*.c) on the host: information, sampling write
 * and read with validity exactly at the refresh boundary, multicast, the
 * queuing FIFO (full, empty, overflow, clear, space-available), every
 * error of every call, what restarts do, and the boot-time table check.
 *
 * Ports of the test system (tsys.h), ids in this order:
 *   0 alpha.s_out  sampling source 64            channel 0
 *   1 alpha.q_out  queuing source 16, depth 2, vector 10 (space)  channel 1
 *   2 beta.s_in    sampling destination 64, refresh 2 ticks, vector 8
 *   3 beta.q_in    queuing destination 16, depth 2, vector 9
 *   4 gamma.s_in   sampling destination 64, refresh 2 ticks, vector 12
 * Schedule: alpha 0-4, beta 4-7, gamma 10-12, alpha 12-15, beta 16-20.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/port.h>

#define MSG_VA A_DATA	       /* alpha's outgoing message */
#define BUF_VA (B_DATA + 0x100u) /* beta's receive buffer */
#define OUT_VA (B_DATA + 0x400u) /* beta's info/status structs */

static const uint16_t dests0[] = { 2, 4 };
static const uint16_t dests1[] = { 3 };
static uint8_t buf0[68] __attribute__((aligned(4)));
static uint8_t buf1[2 * 20] __attribute__((aligned(4)));
static struct bh_cfg_port ports[5];
static struct bh_cfg_channel chans[2];

static void port_config(void)
{
	static const struct bh_cfg_port def_ports[5] = {
		{ "s_out", TSYS_ALPHA, 0, BH_PORT_SAMPLING, BH_PORT_SOURCE, 0, 0, 64, 1, 0 },
		{ "q_out", TSYS_ALPHA, 1, BH_PORT_QUEUING, BH_PORT_SOURCE, 10, 0, 16, 2, 0 },
		{ "s_in", TSYS_BETA, 0, BH_PORT_SAMPLING, BH_PORT_DESTINATION, 8, 0, 64, 1, 2 },
		{ "q_in", TSYS_BETA, 1, BH_PORT_QUEUING, BH_PORT_DESTINATION, 9, 0, 16, 2, 0 },
		{ "s_in", TSYS_GAMMA, 0, BH_PORT_SAMPLING, BH_PORT_DESTINATION, 12, 0, 64, 1, 2 },
	};
	static const struct bh_cfg_channel def_chans[2] = {
		{ BH_PORT_SAMPLING, 64, 1, 0, dests0, 2, 68, buf0 },
		{ BH_PORT_QUEUING, 16, 2, 1, dests1, 1, 20, buf1 },
	};

	memcpy(ports, def_ports, sizeof(ports));
	memcpy(chans, def_chans, sizeof(chans));
	memset(buf0, 0xEE, sizeof(buf0)); /* the kernel must not rely on zeroed buffers... */
	memset(buf0, 0, 4);		  /* ...beyond the length words bhcfg's zeroing gives */
	memset(buf1, 0, sizeof(buf1));
	tsys_parts[TSYS_ALPHA].first_port = 0;
	tsys_parts[TSYS_ALPHA].nports = 2;
	tsys_parts[TSYS_BETA].first_port = 2;
	tsys_parts[TSYS_BETA].nports = 2;
	tsys_parts[TSYS_GAMMA].first_port = 4;
	tsys_parts[TSYS_GAMMA].nports = 1;
	tsys_cfg->ports = ports;
	tsys_cfg->nports = 5;
	tsys_cfg->channels = chans;
	tsys_cfg->nchannels = 2;
}

static int setup(void **state)
{
	tsys_setup(state);
	port_config();
	tsys_boot(NULL);
	return 0;
}

static void put_msg(const char *s)
{
	memcpy(tsys_mem(TSYS_ALPHA, MSG_VA, (uint32_t)strlen(s)), s, strlen(s));
}

static uint32_t count_of(uint32_t id, uint32_t v)
{
	struct partition *p = tsys_part(id);

	return (p->vstate->pending[v >> 5] >> (v & 31u) & 1u) ? p->vstate->count[v] : 0;
}

static uint32_t edx_of(uint32_t id)
{
	return tsys_part(id)->ctx.regs.edx;
}

/* ------------------------------------------------------------------ info */

static void test_info(void **state)
{
	struct bh_port_info *in = tsys_mem(TSYS_BETA, OUT_VA, sizeof(*in));

	(void)state;
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_INFO, 0, OUT_VA), 2); /* beta has 2 ports */
	assert_int_equal(in->id, 2);
	assert_string_equal(in->name, "s_in");
	assert_int_equal(in->kind, BH_PORT_SAMPLING);
	assert_int_equal(in->direction, BH_PORT_DESTINATION);
	assert_int_equal(in->max_size, 64);
	assert_int_equal(in->depth, 1);
	assert_int_equal(in->vector, 8);
	assert_int_equal(in->refresh_ns, 2ull * TSYS_TICK_NS);
	assert_int_equal(tsys_hc(BH_HC_PORT_INFO, 1, OUT_VA), 2);
	assert_int_equal(in->id, 3);
	assert_int_equal(in->depth, 2);
	assert_int_equal(tsys_hc(BH_HC_PORT_INFO, 2, OUT_VA), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PORT_INFO, 0xFFFFFFFFu, OUT_VA), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PORT_INFO, 0, B_CODE + 0x4000u - 8u), BH_EFAULT);
}

/* -------------------------------------------------------------- sampling */

static void test_sampling_multicast(void **state)
{
	char *buf = tsys_mem(TSYS_BETA, BUF_VA, 64);

	(void)state;
	put_msg("position 42");
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 11), BH_OK);
	/* Both destinations' vectors are pending, one arrival each. */
	assert_int_equal(count_of(TSYS_BETA, 8), 1);
	assert_int_equal(count_of(TSYS_GAMMA, 12), 1);
	assert_int_equal(count_of(TSYS_ALPHA, 8), 0);
	assert_int_equal(port_stats[0].sent, 1);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 11);
	assert_memory_equal(buf, "position 42", 11);
	assert_int_equal(edx_of(TSYS_BETA), 0); /* written at tick 0, read at 4 */
	/* A read does not consume: again, same message. */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 11);
	assert_int_equal(port_stats[2].received, 2);
}

/* Written during tick k: age n during tick k + n; valid iff n <= 2. */
static void test_sampling_validity_boundary(void **state)
{
	(void)state;
	tsys_tick(1); /* tick 1, alpha */
	put_msg("x");
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 1), BH_OK);
	tsys_tick(2); /* tick 3: age 2 */
	/* Read from beta's window needs beta running: move the write instead. */
	tsys_run_until(TSYS_BETA); /* tick 4 */
	assert_int_equal(bh_sched.now, 4);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 1);
	assert_int_equal(edx_of(TSYS_BETA), 0); /* age 3 > 2: invalid */
	assert_int_equal(port_stats[2].invalid, 1);
	/* Rewrite at tick 12 (alpha), read at 14 would be alpha's window;
	 * beta's next window starts at 16: age 4. Write at 14 then: age 2. */
	tsys_tick(10); /* tick 14, alpha */
	assert_int_equal(tsys_running_id(), TSYS_ALPHA);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 1), BH_OK);
	tsys_tick(2); /* tick 16, beta: age exactly 2 */
	assert_int_equal(tsys_running_id(), TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 1);
	assert_int_equal(edx_of(TSYS_BETA), BH_PORT_READ_VALID);
	tsys_tick(1); /* tick 17: age 3 */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 1);
	assert_int_equal(edx_of(TSYS_BETA), 0);
	assert_int_equal(port_stats[2].invalid, 2);
	assert_int_equal(port_stats[2].received, 3);
}

static void test_sampling_status(void **state)
{
	struct bh_port_status *s = tsys_mem(TSYS_BETA, OUT_VA, sizeof(*s));

	(void)state;
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_STATUS, 2, OUT_VA), BH_OK);
	assert_int_equal(s->nb_messages, 0);
	assert_int_equal(s->length, 0);
	assert_int_equal(s->valid, 0);
	/* Empty: nothing to read (NO_ACTION in APEX terms). */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), BH_EAGAIN);
	tsys_run_until(TSYS_ALPHA); /* tick 12 */
	put_msg("abc");
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 3), BH_OK);
	tsys_run_until(TSYS_BETA); /* tick 16 */
	assert_int_equal(tsys_hc(BH_HC_PORT_STATUS, 2, OUT_VA), BH_OK);
	assert_int_equal(s->id, 2);
	assert_int_equal(s->nb_messages, 1);
	assert_int_equal(s->length, 3);
	assert_int_equal(s->valid, 0); /* age 4 */
	assert_int_equal(s->written_ns, 12ull * TSYS_TICK_NS);
}

/* --------------------------------------------------------------- queuing */

static void test_queuing_fifo(void **state)
{
	struct bh_port_status *s = tsys_mem(TSYS_BETA, OUT_VA, sizeof(*s));
	char *buf = tsys_mem(TSYS_BETA, BUF_VA, 16);

	(void)state;
	put_msg("first-second-third");
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 5), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA + 6, 6), BH_OK);
	assert_int_equal(count_of(TSYS_BETA, 9), 2);
	/* Full: refused, counted, not a bad hypercall, nothing lost. */
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA + 13, 5), BH_EAGAIN);
	assert_int_equal(port_stats[1].overflows, 1);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 0);
	assert_int_equal(port_stats[1].sent, 2);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_STATUS, 3, OUT_VA), BH_OK);
	assert_int_equal(s->nb_messages, 2);
	/* A buffer too small: refused, the message stays. */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 4), BH_E2BIG);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 5);
	assert_memory_equal(buf, "first", 5);
	/* Space appeared after a refused send: the source's vector. */
	assert_int_equal(count_of(TSYS_ALPHA, 10), 1);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 6);
	assert_memory_equal(buf, "second", 6);
	assert_int_equal(count_of(TSYS_ALPHA, 10), 1); /* once per refusal */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), BH_EAGAIN);
	assert_int_equal(tsys_part(TSYS_BETA)->bad_hypercalls, 1); /* the E2BIG */
	assert_int_equal(port_stats[3].received, 2);
}

/* The FIFO wraps around its end. */
static void test_queuing_wrap(void **state)
{
	char *buf = tsys_mem(TSYS_BETA, BUF_VA, 16);

	(void)state;
	put_msg("0123456789");
	for (uint32_t i = 0; i < 5; i++) {
		tsys_run_until(TSYS_ALPHA);
		assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA + i, 1), BH_OK);
		assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA + i + 1, 1), BH_OK);
		tsys_run_until(TSYS_BETA);
		assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 1);
		assert_int_equal(buf[0], '0' + (char)i);
		assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 1);
		assert_int_equal(buf[0], '1' + (char)i);
	}
}

static void test_queuing_clear(void **state)
{
	(void)state;
	put_msg("abc");
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 3), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 3), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 3), BH_EAGAIN);
	/* Only the destination may clear. */
	assert_int_equal(tsys_hc(BH_HC_PORT_CLEAR, 1), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_PORT_CLEAR, 3), BH_EPERM);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_CLEAR, 3), BH_OK);
	assert_int_equal(port_stats[3].discarded, 2);
	assert_int_equal(count_of(TSYS_ALPHA, 10), 1); /* space for the waiter */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), BH_EAGAIN);
	assert_int_equal(tsys_hc(BH_HC_PORT_CLEAR, 2), BH_EINVAL); /* sampling */
	assert_int_equal(tsys_hc(BH_HC_PORT_CLEAR, 5), BH_ENOENT);
}

/* ------------------------------------------------------- hostile inputs */

static void test_errors(void **state)
{
	(void)state;
	put_msg("m");
	/* No such port, another partition's, wrong direction. */
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 5, MSG_VA, 1), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0xFFFFFFFFu, MSG_VA, 1), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 2, MSG_VA, 1), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, MSG_VA, 16), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_PORT_STATUS, 4, A_DATA), BH_EPERM);
	assert_int_equal(tsys_hc(BH_HC_PORT_STATUS, 9, A_DATA), BH_ENOENT);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 0, MSG_VA, 64), BH_EINVAL);
	/* Lengths: zero, one past the maximum, the maximum. */
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 0), BH_EINVAL);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 65), BH_E2BIG);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 17), BH_E2BIG);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 0xFFFFFFFFu), BH_E2BIG);
	/* Pointers: past a region's end, wrapping, kernel, unmapped. */
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, A_DATA + A_DATA_SIZE - 63u, 64),
			 BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, A_DATA + A_DATA_SIZE - 64u, 64), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, 0xFFFFFFF0u, 64), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, 0x1000u, 8), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, 0x48000000u, 8), BH_EFAULT);
	/* A read-only region may be sent from. */
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, A_RO, 8), BH_OK);
	assert_int_equal(port_stats[0].sent, 2);
	assert_int_equal(tsys_alpha()->bad_hypercalls, 15);
	tsys_run_until(TSYS_BETA);
	/* Reading into read-only memory (beta's shm is r) or past the end. */
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, B_SHM, 64), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, B_DATA + B_DATA_SIZE - 7u, 64), BH_EFAULT);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, B_DATA + B_DATA_SIZE - 8u, 64), 8);
	assert_int_equal(port_stats[2].received, 1);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, B_DATA, 7), BH_E2BIG);
}

/* ------------------------------------------------------------- restarts */

static void fill_queue(void)
{
	tsys_run_until(TSYS_ALPHA);
	put_msg("ab");
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 2), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 2), BH_OK);
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 0, MSG_VA, 2), BH_OK);
}

/* A cold restart of the destination empties its own FIFO only. */
static void test_restart_destination(void **state)
{
	(void)state;
	fill_queue();
	assert_int_equal(tsys_hc(BH_HC_PORT_WRITE, 1, MSG_VA, 2), BH_EAGAIN);
	part_restart(tsys_part(TSYS_BETA), false, BH_START_OTHER_PARTITION);
	assert_int_equal(port_chans[1].count, 2); /* warm: kept */
	part_restart(tsys_part(TSYS_BETA), true, BH_START_OTHER_PARTITION);
	assert_int_equal(port_chans[1].count, 0);
	assert_int_equal(port_stats[3].discarded, 2);
	assert_int_equal(count_of(TSYS_ALPHA, 10), 1); /* the sender may go on */
	/* The sampling message is the channel's: still there for beta. */
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 2);
}

/* A restart of the source loses nothing already sent. */
static void test_restart_source(void **state)
{
	(void)state;
	fill_queue();
	part_restart(tsys_alpha(), true, BH_START_OTHER_PARTITION);
	assert_int_equal(port_chans[1].count, 2);
	tsys_run_until(TSYS_BETA);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 2);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), 2);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 3, BUF_VA, 16), BH_EAGAIN);
	assert_int_equal(tsys_hc(BH_HC_PORT_READ, 2, BUF_VA, 64), 2);
	assert_int_equal(port_stats[1].sent, 2);
	assert_int_equal(port_stats[3].received, 2);
}

/* ----------------------------------------------------- boot-time check */

static void expect_panic(void (*mutate)(void), const char *msg)
{
	volatile unsigned code;

	tsys_setup(NULL);
	port_config();
	mutate();
	TSYS_CATCH_HALT(code, tsys_boot(NULL));
	assert_int_equal(code, BH_EXIT_PANIC);
	if (!tsys_console_count(msg))
		fail_msg("no \"%s\" in \"%s\"", msg, host_console);
}

static void bad_partition(void) { ports[2].partition = 7; }
static void bad_vector(void) { ports[2].vector = 24; }
static void bad_size(void) { ports[2].max_size = 32; }
static void bad_order(void) { tsys_parts[TSYS_BETA].first_port = 3; }
static void bad_owner(void) { ports[3].partition = TSYS_GAMMA; }
static void bad_slot(void) { chans[0].slot = 64; }
static void bad_dest(void)
{
	static const uint16_t wrong[] = { 2, 1 }; /* 1 is a source */

	chans[0].dests = wrong;
}
static void bad_source(void) { chans[1].source = 3; }
static void bad_count(void) { tsys_cfg->nports = BH_CFG_MAX_PORTS + 1; }
static void big_message(void)
{
	chans[0].max_size = ports[0].max_size = ports[2].max_size = ports[4].max_size =
		BH_PORT_MAX_MESSAGE + 1u;
}
static void two_queue_dests(void) { chans[1].ndests = 2; }
static void many_dests(void) { chans[0].ndests = BH_CFG_MAX_DESTS + 1; }

static void test_cfg_check(void **state)
{
	(void)state;
	expect_panic(bad_partition, "config: partition beta has a port of another");
	expect_panic(bad_vector, "config: port 2 is invalid");
	expect_panic(bad_size, "config: port 2 does not match its channel");
	expect_panic(bad_order, "config: partition beta ports out of order");
	expect_panic(bad_owner, "config: partition beta has a port of another");
	expect_panic(bad_slot, "config: channel 0 is invalid");
	expect_panic(bad_dest, "config: channel 0 names a wrong port");
	expect_panic(bad_source, "config: channel 1 names a wrong port");
	expect_panic(bad_count, "config: 65 ports, 2 channels");
	expect_panic(big_message, "config: channel 0 is invalid");
	expect_panic(two_queue_dests, "config: channel 1 is invalid");
	expect_panic(many_dests, "config: channel 0 is invalid");
}

/* Summary lines name each port and its counters. */
static void test_summary(void **state)
{
	(void)state;
	fill_queue();
	port_summary();
	assert_int_equal(tsys_console_count("[bh] port alpha.q_out: queuing source sent=2 "
					    "received=0 invalid=0 overflows=0\n"),
			 1);
	assert_int_equal(tsys_console_count("[bh] port gamma.s_in: sampling destination "
					    "sent=0 received=0"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_info, setup),
		cmocka_unit_test_setup(test_sampling_multicast, setup),
		cmocka_unit_test_setup(test_sampling_validity_boundary, setup),
		cmocka_unit_test_setup(test_sampling_status, setup),
		cmocka_unit_test_setup(test_queuing_fifo, setup),
		cmocka_unit_test_setup(test_queuing_wrap, setup),
		cmocka_unit_test_setup(test_queuing_clear, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_restart_destination, setup),
		cmocka_unit_test_setup(test_restart_source, setup),
		cmocka_unit_test(test_cfg_check),
		cmocka_unit_test_setup(test_summary, setup),
	};

	return cmocka_run_group_tests_name("ports", tests, NULL, NULL);
}
