/*
 * hc_peer: the partition hc_ctl stops and restarts (tests/qemu/hc_api). It
 * reports each start as it sees it, then enters normal mode, which hc_ctl
 * waits for. It owns memory at an address that hc_api does not map (hc_api
 * passes that address to hypercalls).
 */
#include <bhtest.h>

#define PEER_ONLY 0x48000000u

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;
	int32_t r = bh_partition_status(BH_SELF, &st);

	(void)id;
	*(volatile uint32_t *)PEER_ONLY = 0x5EE5u;
	bh_printf("started cond=%u status=%d mode=%u restarts=%u\n", cond, r, st.mode,
		  st.restart_count);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;)
		bh_yield();
}
