/*
 * The plain partition of the example system: no executive, no interrupts.
 * It enters normal mode at once, then yields each window; every 10th it
 * reports on the others (it is privileged, so it may read their status),
 * and at the 30th it ends the run (QEMU then exits with status 33).
 */
#include <bulkhead/bh.h>

#define REPORT_EVERY 10u
#define LAST_WINDOW 30u
#define PARTITIONS 3u /* in system.cfg */

static const char *const mode_names[] = { "idle", "cold_start", "warm_start", "normal" };

static void report(uint32_t window, uint32_t self)
{
	struct bh_partition_status st;

	for (uint32_t id = 0; id < PARTITIONS; id++) {
		if (bh_partition_status(id, &st) != BH_OK)
			continue;
		if (id == self)
			continue;
		bh_printf("window %u: %s is %s, %u health events, %u restarts\n", window, st.name,
			  mode_names[st.mode & 3u], st.hm_events, st.restart_count);
	}
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t window = 1;; window++) {
		if (window % REPORT_EVERY == 0)
			report(window, partition_id);
		if (window == LAST_WINDOW) {
			bh_printf("window %u: ending the run\n", window);
			bh_module_halt(0);
		}
		bh_yield(); /* until this partition's next window */
	}
}
