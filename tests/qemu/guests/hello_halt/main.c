/*
 * Boot smoke test: checks the ABI version, the start condition and that
 * windows advance, then ends the run (it is configured privileged).
 */
#include <bhtest.h>

int main(uint32_t cond, uint32_t id)
{
	uint32_t features = 0;

	bht_init("hello");
	BHT_EQ(bh_version(&features), BH_ABI_VERSION);
	BHT_CHECK(features & BH_FEAT_VIRQ, "features %#x lack BH_FEAT_VIRQ", features);
	BHT_EQ(cond, BH_START_NORMAL);
	BHT_EQ(id, bh_vstate->partition_id);
	BHT_EQ(bh_vstate->abi_version, BH_ABI_VERSION);
	uint32_t s = bh_vstate->window_seq;
	bht_wait_next_window();
	BHT_EQ(bh_vstate->window_seq, s + 1);
	bht_finish(true);
	return 0;
}
