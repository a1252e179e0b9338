/*
 * Keeps virtual interrupts disabled for ever (it never enables them) and
 * spins. That only hurts itself: its neighbours' windows and ticks stay
 * exact (virq_victim checks), its own windows keep coming, and every tick
 * it is owed is still there, pending: count == ticks due since boot.
 */
#include <bhvirq.h>

#define HOG_WINDOWS 20u

int main(uint32_t cond, uint32_t id)
{
	uint64_t t;
	uint32_t c;

	(void)cond;
	(void)id;
	bht_init("virq_hog");
	bhv_register();
	bh_irq_unmask(BH_VEC_TICK); /* unmasked, but never enabled */
	for (uint32_t seen = bh_vstate->window_seq; seen < HOG_WINDOWS; seen++)
		BHT_EQ(bht_wait_next_window(), seen + 1);
	bhv_snapshot(BH_VEC_TICK, &t, &c);
	BHT_CHECK(c == bhv_ticks_due(t, bh_vstate->tick_period_ns), "%u ticks pending, %llu due", c,
		  bhv_ticks_due(t, bh_vstate->tick_period_ns));
	BHT_EQ(bh_vcpu->enabled, 0);
	bh_printf("%u ticks pending after %u windows\n", c, HOG_WINDOWS);
	bht_finish(false);
	for (;;)
		;
}
