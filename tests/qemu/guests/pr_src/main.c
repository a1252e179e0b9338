/*
 * pr_src (tests/qemu/port_restart): each window, send the next two numbers
 * (the next is always 1 + what the kernel counts as sent, which survives
 * restarts) and write the count to the sampling port; after sends that
 * reach 4 mod 8 restart cold, 0 mod 8 warm. Stops at TOTAL.
 */
#include <bhtest.h>

#define Q 0u
#define S 1u
#define TOTAL 40u

static uint32_t sent(void)
{
	struct bh_port_status s;

	bh_port_status(Q, &s);
	return s.sent;
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		bool sent_here = false;
		for (uint32_t i = 0; i < 2 && sent() < TOTAL; i++) {
			uint32_t n = sent() + 1;
			if (bh_port_write(Q, &n, 4) != BH_OK)
				break; /* full: the same number next window */
			sent_here = true;
		}
		uint32_t total = sent();
		bh_port_write(S, &total, 4);
		if (sent_here && total % 8 == 4)
			bh_set_mode(BH_MODE_COLD_START);
		if (sent_here && total % 8 == 0)
			bh_set_mode(BH_MODE_WARM_START);
		bht_wait_next_window();
	}
}
