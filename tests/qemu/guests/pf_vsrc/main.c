/*
 * pf_vsrc (tests/qemu/port_fuzz): each window, write the window number to
 * the sampling port and send two numbered messages to pf_vdst.
 */
#include <bulkhead/bh.h>

int main(uint32_t cond, uint32_t id)
{
	uint32_t n = 0;

	(void)cond;
	(void)id;
	for (uint32_t w = 1;; w++) {
		uint32_t est[8] = { w, w * 3u, 0, 0, 0, 0, 0, w ^ 0x5A5A5A5Au };
		bh_port_write(0, est, sizeof(est));
		for (uint32_t i = 0; i < 2; i++) {
			uint32_t m[2] = { ++n, n * 7u };
			bh_port_write(1, m, sizeof(m));
		}
		uint32_t s = bh_vstate->window_seq;
		while (bh_vstate->window_seq == s)
			bh_yield();
	}
}
