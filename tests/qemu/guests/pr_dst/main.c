/*
 * pr_dst (tests/qemu/port_restart): receive everything each window; every
 * message must be the next number, where "next" is 1 + what the kernel
 * counts as received or discarded at this port (which survives restarts).
 * Restart cold once with messages waiting (discarded), warm once (kept).
 */
#include <bhtest.h>

#define Q 2u
#define S 3u
#define TOTAL 40u

static struct bh_port_status st(void)
{
	struct bh_port_status s;

	BHT_EQ(bh_port_status(Q, &s), BH_OK);
	return s;
}

static uint32_t restarts(void)
{
	struct bh_partition_status ps;

	bh_partition_status(BH_SELF, &ps);
	return ps.restart_count;
}

static void maybe_restart(void)
{
	struct bh_port_status s = st();

	if (!s.nb_messages)
		return;
	if (restarts() == 0 && s.received >= 10)
		bh_set_mode(BH_MODE_COLD_START); /* its FIFO goes */
	if (restarts() == 1 && s.received >= 20)
		bh_set_mode(BH_MODE_WARM_START); /* its FIFO stays */
}

int main(uint32_t cond, uint32_t id)
{
	uint32_t last_sample = 0, m, f;

	(void)id;
	bht_init("pr_dst");
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		maybe_restart();
		struct bh_port_status s = st();
		uint32_t next = s.received + s.discarded + 1;
		while (bh_port_read(Q, &m, 4, &f) == 4) {
			BHT_CHECK(m == next, "got %u, expected %u (start condition %u)", m, next,
				  cond);
			next = m + 1;
		}
		if (bh_port_read(S, &m, 4, &f) == 4) {
			BHT_CHECK(m >= last_sample && m <= TOTAL, "sample %u after %u", m,
				  last_sample);
			last_sample = m;
		}
		s = st();
		if (s.received + s.discarded == TOTAL)
			break;
		bht_wait_next_window();
	}
	struct bh_port_status s = st();
	BHT_EQ(restarts(), 2);
	BHT_CHECK(s.discarded > 0 && s.discarded <= 4, "discarded %u", s.discarded);
	BHT_EQ(s.received + s.discarded, TOTAL);
	bht_finish(false);
	for (;;)
		bh_yield();
}
