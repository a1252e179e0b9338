/*
 * SDK tests: a partition that says hello, enters normal mode and then
 * sleeps through its windows, counting its virtual ticks.
 */
#include <bulkhead/bh.h>

static volatile uint32_t ticks;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	ticks += count;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	bh_printf("hello from partition %u (start condition %u)\n", partition_id,
		  start_condition);
	bh_virq_init();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_set_mode(BH_MODE_NORMAL);
	bh_irq_enable();
	for (;;)
		bh_idle();
}
