/*
 * The watcher put next to a ported RTOS under test (make rtems, make
 * freertos; the ports/ run-tests.sh scripts) as partition 1. It is privileged: every
 * tick it looks at partition 0, the RTOS under test, and once that has
 * stopped (its test ended, or the health monitor stopped it) it halts the
 * module, so that a run lasts as long as its test.
 *
 * Every 200 of its own ticks it prints the tick count and its window
 * sequence number. Under -icount these lines depend only on the schedule,
 * never on what partition 0 does: the runners compare them with those of a
 * run next to an idle partition (time isolation, observed).
 */
#include <bhtest.h>

#define TARGET 0u
#define REPORT_EVERY 200u

static uint32_t ticks;
static uint32_t next_report = REPORT_EVERY;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	struct bh_partition_status st;

	(void)vector;
	(void)f;
	ticks += count;
	if (ticks >= next_report) {
		bh_printf("watch: tick %u window %u\n", ticks, bh_vstate->window_seq);
		next_report += REPORT_EVERY;
	}
	if (bh_partition_status(TARGET, &st) == BH_OK && st.mode == BH_MODE_IDLE) {
		bh_printf("watch: partition %s stopped, %u health-monitor events\n", st.name,
			  st.hm_events);
		bh_module_halt(0);
	}
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	bh_virq_init();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	for (;;)
		bh_idle();
}
