/*
 * Demo partition without the executive: a privileged supervisor that, every
 * tenth window, reads the other partitions' status through the hypercall
 * API and reports changes. Between reports it spins without yielding; the
 * kernel still ends its window on time, so it cannot take anyone's time.
 */
#include <bulkhead/bh.h>

#define PARTITIONS 2u /* control, nav */

static const char *const mode_names[] = { "idle", "cold_start", "warm_start", "normal" };

static void report(uint32_t window)
{
	for (uint32_t id = 0; id < PARTITIONS; id++) {
		struct bh_partition_status st;
		if (bh_partition_status(id, &st) != BH_OK) {
			bh_printf("window %u: no status for partition %u\n", window, id);
			continue;
		}
		bh_printf("window %u: %s is %s, %u windows, %u health events, %u restarts\n",
			  window, st.name, st.mode < 4 ? mode_names[st.mode] : "?", st.window_seq,
			  st.hm_events, st.restart_count);
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bh_printf("partition %u: supervisor up, reporting every 10th window\n", id);
	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t last = 0;;) {
		uint32_t s = bh_vcpu->window_seq;
		if (s != last && s % 10 == 0)
			report(s);
		last = s;
	}
}
