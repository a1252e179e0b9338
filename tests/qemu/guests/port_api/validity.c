/*
 * port_api: validity exactly at the refresh boundary. Under -icount the
 * guest sees each kernel tick as a new vCPU time; a message written during
 * tick k has age n during tick k + n and is valid while n <= 3 (refresh
 * 3 ms, tick 1 ms). Read at ages 0, 3 (valid) and 4 (invalid), all inside
 * one 15 ms window.
 */
#include "port_api.h"

/* Spin until n more kernel ticks have been seen. */
static void wait_ticks(uint32_t n)
{
	for (; n; n--) {
		uint64_t t = bh_vstate->time_ns;
		while (bh_vstate->time_ns == t)
			;
	}
}

static uint32_t read_flags(void)
{
	uint8_t b[64];
	uint32_t f = 0xFFu;

	BHT_EQ(bh_port_read(1, b, 64, &f), 2);
	return f;
}

void pa_validity(void)
{
	struct bh_port_status s;
	uint64_t start;
	uint32_t seq;

	bht_init("port_validity");
	seq = bht_wait_next_window(); /* a whole window ahead */
	wait_ticks(1);
	start = bh_vstate->time_ns;
	BHT_EQ(bh_port_write(0, "ok", 2), BH_OK);
	BHT_EQ(read_flags(), BH_PORT_READ_VALID); /* age 0 */
	BHT_EQ(bh_port_status(1, &s), BH_OK);
	BHT_EQ(s.written_ns, start); /* the start of the tick it was written in */
	wait_ticks(3);
	BHT_EQ(read_flags(), BH_PORT_READ_VALID); /* age 3: still valid */
	BHT_EQ(bh_port_status(1, &s), BH_OK);
	BHT_EQ(s.valid, 1);
	wait_ticks(1);
	BHT_EQ(read_flags(), 0); /* age 4: invalid */
	BHT_EQ(bh_port_status(1, &s), BH_OK);
	BHT_EQ(s.valid, 0);
	BHT_EQ(s.invalid, 1);
	BHT_EQ(bh_vstate->window_seq, seq); /* all in one window */
	bht_finish(false);
}
