/*
 * A partition raises its own vectors (BH_HC_VIRQ_RAISE) under the five
 * rules: delivered before the call returns when enabled and unmasked;
 * pending (and counted) while disabled or masked, then delivered at enable
 * or unmask, lowest vector first, coalesced; a physical line's vector and
 * out-of-range vectors are refused.
 */
#include <bhvirq.h>

#define SOFT_A 50u
#define SOFT_B 3u

static void raise_now(void)
{
	bhv_log_reset();
	bh_irq_unmask(SOFT_A);
	bhv_marker = 1;
	BHT_EQ(bh_irq_raise(SOFT_A), BH_OK);
	bhv_marker = 2;
	BHT_EQ(bhv_log_len(), 1);
	BHT_EQ(bhv_log_get(0)->vector, SOFT_A);
	BHT_EQ(bhv_log_get(0)->count, 1);
	BHT_EQ(bhv_log_get(0)->marker, 1); /* inside the call */
}

static void raise_disabled(void)
{
	static const uint32_t order[] = { SOFT_B, SOFT_A };

	bh_irq_unmask(SOFT_B);
	bhv_log_reset();
	bh_irq_disable();
	BHT_EQ(bh_irq_raise(SOFT_A), BH_OK);
	BHT_EQ(bh_irq_raise(SOFT_A), BH_OK);
	BHT_EQ(bh_irq_raise(SOFT_B), BH_OK);
	BHT_EQ(bhv_log_len(), 0);
	BHT_CHECK(bh_vstate->pending[1] & (1u << (SOFT_A - 32)), "raised vector not pending");
	BHT_EQ(bh_vstate->count[SOFT_A], 2);
	bh_irq_enable();
	bhv_expect_vectors("raised while disabled", order, 2);
	BHT_EQ(bhv_log_get(1)->count, 2); /* coalesced */
}

static void raise_masked(void)
{
	bhv_log_reset();
	bh_irq_mask(SOFT_A);
	BHT_EQ(bh_irq_raise(SOFT_A), BH_OK);
	BHT_EQ(bhv_log_len(), 0);
	bh_irq_unmask(SOFT_A); /* pending: the unmask delivers it */
	BHT_EQ(bhv_log_len(), 1);
}

static void refused(void)
{
	BHT_EQ(bh_irq_raise(BH_VEC_IRQ(8)), BH_EPERM);
	BHT_EQ(bh_irq_raise(BH_NR_VECTORS), BH_EINVAL);
	BHT_EQ(bh_irq_raise(0xFFFFFFFFu), BH_EINVAL);
	BHT_CHECK(!(bh_vstate->pending[1] & (1u << 8)), "line vector pending");
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	uint32_t features = 0;

	(void)start_condition;
	(void)partition_id;
	bht_init("virq_raise");
	bh_version(&features);
	BHT_CHECK(features & BH_FEAT_RAISE, "BH_FEAT_RAISE not announced");
	bhv_register();
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		bh_set_handler(v, bhv_log_handler);
	bh_irq_enable();
	raise_now();
	raise_disabled();
	raise_masked();
	refused();
	bht_finish(true);
	for (;;)
		bh_idle();
}
