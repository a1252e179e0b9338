/*
 * hc_tf: a hypercall made with the trap flag set (tests/qemu/hc_badlimit).
 * The trap gate clears TF on entry, so the kernel itself never single-steps;
 * the debug trap must come in ring 3 after the return, as an other_trap
 * event of this partition (here: restart_warm), not as a kernel fault.
 */
#include <bhtest.h>

#define EFLAGS_TF 0x100u

static void single_stepped_hypercall(void)
{
	uint32_t r;

	__asm__ volatile("pushfl\n\t"
			 "orl %2, (%%esp)\n\t"
			 "popfl\n\t"
			 "int $0x80\n\t"
			 "nop\n\t"
			 "nop"
			 : "=a"(r)
			 : "a"(BH_HC_VERSION), "i"(EFLAGS_TF)
			 : "edx", "memory", "cc");
	(void)r;
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;

	(void)id;
	bht_init("hc_tf");
	if (cond == BH_START_NORMAL) {
		single_stepped_hypercall();
		bht_fail(__FILE__, __LINE__, "no debug trap after a single-stepped hypercall");
	} else {
		BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
		BHT_EQ(st.start_condition, BH_START_HM_PARTITION_RESTART);
		BHT_EQ(st.last_hm_event, BH_HM_OTHER_TRAP);
		BHT_EQ(st.hm_events, 1);
	}
	bht_finish(false);
	bh_exit();
}
