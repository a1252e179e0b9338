/*
 * pw_tx (tests/qemu/port_wait): each window, send the next command to
 * pw_rx and take one reply (pw_rx's sender is faster, so it waits for the
 * space this frees); in its 4th window, two messages on `pair`. Never
 * touches `quiet` or `stuck`.
 */
#include <bhtest.h>

#define N 12u
#define CMD 6u	 /* ids: pw_rx owns 0..5 */
#define BACK 8u
#define PAIR 10u

int main(uint32_t cond, uint32_t id)
{
	uint32_t next_reply = 1, m, f;

	(void)cond;
	(void)id;
	bht_init("pw_tx");
	for (uint32_t n = 1; next_reply <= N; n++) {
		if (n <= N)
			BHT_EQ(bh_port_write(CMD, &n, 4), BH_OK);
		if (n == 4) { /* two at once, for pw_rx's two waiting threads */
			BHT_EQ(bh_port_write(PAIR, &n, 4), BH_OK);
			BHT_EQ(bh_port_write(PAIR, &n, 4), BH_OK);
		}
		if (bh_port_read(BACK, &m, 4, &f) == 4) {
			BHT_CHECK(m == next_reply, "reply %u, expected %u", m, next_reply);
			next_reply = m + 1;
		}
		bht_wait_next_window();
	}
	bht_finish(false);
	for (;;)
		bh_yield();
}
