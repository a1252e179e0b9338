/*
 * Partition switch benchmark (bench/switch, under icount). Two partitions
 * of this image, one tick-long window each:
 *
 *   the runner (partition 0) spins through its whole window, so the tick
 *   that ends it interrupts it in ring 3, and the kernel's entry probe
 *   stamps the runner's vCPU page (bench_entry_tsc);
 *   the yielder (partition 1) yields, so it resumes exactly at the start of
 *   its next window, right after the switch; its first instruction there
 *   reads the TSC (yield.S), which it publishes in a shared page.
 *
 * In its next window the runner pairs its entry stamp with the yielder's
 * stamp of the same switch: partition_switch = yielder TSC - entry stamp,
 * from the timer interrupt's entry to the next partition's first
 * instruction (the probe's own instructions are already taken off).
 */
#include <bhbench.h>

#define SAMPLES 7u
#define SHARED_VA 0x40800000u

struct bsw_shared {
	volatile uint32_t seq; /* the yielder's window_seq when it stamped */
	volatile uint32_t pad;
	volatile uint64_t tsc; /* TSC at its first instruction after the switch */
};

#define shared ((struct bsw_shared *)SHARED_VA)

void bsw_yield_and_stamp(struct bsw_shared *s);

static __attribute__((noreturn)) void yielder(void)
{
	for (;;)
		bsw_yield_and_stamp(shared);
}

static uint32_t wait_next_window(uint32_t seq)
{
	while (bh_vcpu->window_seq == seq)
		;
	return bh_vcpu->window_seq;
}

static __attribute__((noreturn)) void runner(void)
{
	uint32_t v[SAMPLES], n = 0, seq = bh_vcpu->window_seq;

	/* Frames are numbered alike for both: the runner's window comes first. */
	for (uint32_t tries = 0; n < SAMPLES && tries < 4u * SAMPLES; tries++) {
		seq = wait_next_window(seq);
		uint64_t entry = bh_vcpu->bench_entry_tsc;
		if (shared->seq + 1u != seq || !entry)
			continue;
		v[n++] = (uint32_t)(shared->tsc - entry);
	}
	if (n < SAMPLES) {
		BHB_ERROR("only %u switches paired (is `bench` on the command line?)\n", n);
	} else {
		uint32_t m = bhb_median(v, n);
		if (v[0] != v[n - 1u])
			bh_printf("note: switch samples vary: min %u max %u\n", v[0], v[n - 1u]);
		bhb_report("partition_switch", m, "insn");
	}
	bhb_end();
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	if (partition_id == 0)
		runner();
	yielder();
}
