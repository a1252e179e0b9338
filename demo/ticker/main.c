/*
 * Demo partition: counts its virtual clock ticks with an interrupt handler
 * and sleeps in between (BH_HC_IDLE). Ticks that fall outside its windows
 * arrive, coalesced, at the start of its next window: the count stays exact.
 */
#include <bulkhead/bh.h>

static volatile uint32_t ticks, upcalls;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	ticks += count;
	upcalls++;
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bh_virq_init();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	bh_set_mode(BH_MODE_NORMAL);
	bh_printf("partition %u: virtual tick every %u us\n", id, bh_vcpu->tick_period_ns / 1000);
	for (uint32_t last = 0;;) {
		bh_idle();
		uint32_t s = bh_vcpu->window_seq;
		if (s != last && s % 10 == 1)
			bh_printf("window %u: %u ticks in %u upcalls, time %llu us\n", s, ticks,
				  upcalls, bh_time_ns() / 1000);
		last = s;
	}
}
