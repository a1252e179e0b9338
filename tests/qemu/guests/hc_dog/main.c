/*
 * hc_dog: the privileged watchdog of tests/qemu/hc_fuzz (and of its
 * reference run, where it has nothing to do). When hc_fuzz has stopped
 * itself with SET_MODE(idle), it restarts it, warm and cold in turn, so
 * that the fuzzer may keep that call in its campaign.
 */
#include <bhtest.h>

#define FUZZ_ID 1u

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;
	uint32_t restarts = 0;

	(void)cond;
	(void)id;
	for (;;) {
		if (bh_partition_status(FUZZ_ID, &st) == BH_OK && st.mode == BH_MODE_IDLE) {
			uint32_t op = restarts++ % 2 ? BH_PCTL_RESTART_COLD : BH_PCTL_RESTART_WARM;
			int32_t r = bh_partition_control(FUZZ_ID, op);
			bh_printf("hc_fuzz stopped itself: restart %u (%s): %d\n", restarts,
				  op == BH_PCTL_RESTART_COLD ? "cold" : "warm", r);
		}
		bht_wait_next_window(); /* spins: no idle time in icount runs */
	}
}
