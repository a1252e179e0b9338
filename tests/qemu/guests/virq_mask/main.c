/*
 * Rule 3 (mask/unmask): a masked vector stays pending while its count
 * grows one per arrival, other vectors are still delivered meanwhile, and
 * it is delivered at the unmask (not before, not later) with the full
 * count. Unmasking a vector that is not pending (and not a device line)
 * is a plain store: measured with the cycle counter under -icount.
 */
#include <bhvirq.h>

#define MASKED_TICKS 5u
#define LOOPS 1000u

extern char um_start[], um_end[];

/* Never inlined or cloned: the labels must exist exactly once. */
__attribute__((noinline, noclone)) static void unmask_marked(uint32_t v)
{
	bhv_marker = 1;
	__asm__ volatile(".globl um_start\num_start:" ::: "memory");
	bh_irq_unmask(v);
	__asm__ volatile(".globl um_end\num_end:" ::: "memory");
	bhv_marker = 2;
}

/* Enabled, tick unmasked: start with nothing outstanding. */
static void drain_ticks(void)
{
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	bhv_wait_ticks(1);
	BHT_EQ(bh_vstate->count[BH_VEC_TICK], 0);
}

static void masked_tick_counts(void)
{
	drain_ticks();
	bh_irq_mask(BH_VEC_TICK);
	bhv_marker = 0;
	bhv_log_reset();
	for (uint32_t k = 1; k <= MASKED_TICKS; k++) {
		bhv_wait_ticks(1);
		BHT_EQ(bh_vstate->count[BH_VEC_TICK], k);
		BHT_CHECK(bh_vstate->pending[0] & 1u, "masked tick %u not pending", k);
	}
	BHT_EQ(bhv_log_len(), 0);
	unmask_marked(BH_VEC_TICK);
	const struct bhv_event *e = bhv_log_get(0);
	BHT_EQ(bhv_log_len(), 1);
	BHT_EQ(e->vector, BH_VEC_TICK);
	BHT_EQ(e->count, MASKED_TICKS);
	BHT_CHECK(e->marker == 1, "tick delivered with marker %u (0: early, 2: late)", e->marker);
	BHT_CHECK(e->eip >= BH_PTR(um_start) && e->eip <= BH_PTR(um_end),
		  "interrupted eip %#x outside the unmask", e->eip);
	BHT_EQ(bh_vstate->count[BH_VEC_TICK], 0);
	BHT_EQ(bh_vstate->pending[0] & 1u, 0);
}

/* The timer is delivered while the tick waits masked. */
static void others_still_delivered(void)
{
	uint32_t period = bh_vstate->tick_period_ns;

	drain_ticks();
	bh_irq_mask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	bhv_log_reset();
	bhv_marker = 0;
	bh_timer_set(bh_vstate->time_ns + period + period / 2);
	bhv_wait_ticks(3);
	BHT_EQ(bhv_log_len(), 1);
	BHT_EQ(bhv_log_get(0)->vector, BH_VEC_TIMER);
	BHT_EQ(bh_vstate->count[BH_VEC_TICK], 3);
	bhv_log_reset();
	unmask_marked(BH_VEC_TICK);
	BHT_EQ(bhv_log_len(), 1);
	BHT_EQ(bhv_log_get(0)->vector, BH_VEC_TICK);
	BHT_EQ(bhv_log_get(0)->count, 3);
}

static uint64_t cost(bool hypercall)
{
	uint64_t t0 = bht_rdtsc();

	for (uint32_t i = 0; i < LOOPS; i++) {
		if (hypercall) {
			bh_virq_sync();
		} else {
			bh_irq_mask(BH_VEC_TIMER);
			bh_irq_unmask(BH_VEC_TIMER);
		}
	}
	return bht_rdtsc() - t0;
}

static void unmask_without_pending_is_a_store(void)
{
	bh_irq_mask(BH_VEC_TICK); /* keep the loop free of upcalls */
	BHT_EQ(bh_vstate->pending[0] & (1u << BH_VEC_TIMER), 0);
	uint64_t plain = cost(false), traps = cost(true);
	bh_printf("%u mask/unmask pairs: %llu cycles; %u hypercalls: %llu cycles\n", LOOPS, plain,
		  LOOPS, traps);
	BHT_CHECK(plain * 3 < traps, "mask/unmask costs %llu, as much as hypercalls (%llu)", plain,
		  traps);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_mask");
	bhv_register();
	bh_set_handler(BH_VEC_TICK, bhv_log_handler);
	bh_set_handler(BH_VEC_TIMER, bhv_log_handler);
	masked_tick_counts();
	others_still_delivered();
	unmask_without_pending_is_a_store();
	bht_finish(true);
	bh_exit();
}
