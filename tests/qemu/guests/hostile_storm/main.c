/*
 * Hostile class: fault, restart and yield storms (tests/qemu/hostile_storm).
 * In phases of two major frames, chosen by the frame number so that every
 * restart finds its place: a fault at once after every warm restart (hm
 * restart_warm), set_mode(cold start) after every start (memory reloaded
 * in the partition's own windows), set_mode(warm start) after every start,
 * a page fault at once after every cold restart (hm restart_cold), yield
 * and idle at once in every window. The campaign lives in a shared object
 * (no restart clears it); the kernel's restart count must equal the
 * restarts asked for, and the victim must not notice any of it.
 */
#include <hx.h>

#define MAGIC 0x5707A11Cu
#define STATE_VA 0x40200000u
#define PHASE_FRAMES 2u
#define NPHASES 5u

enum phase { FAULT_WARM, MODE_COLD, MODE_WARM, FAULT_COLD, YIELD };

struct campaign {
	uint32_t magic, asked, yields, idles, done;
	uint32_t by_phase[NPHASES];
};
#define C ((volatile struct campaign *)STATE_VA)

static uint32_t phase_now(void)
{
	return bh_vstate->frame_seq / PHASE_FRAMES % NPHASES;
}

static void restart_count(uint32_t want)
{
	struct bh_partition_status st;

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_CHECK(st.restart_count == want, "%u restarts counted, %u asked for", st.restart_count,
		  want);
}

static void yield_phase(void)
{
	while (phase_now() == YIELD && bh_vstate->frame_seq < HX_VICTIM_WINDOWS) {
		bh_yield();
		C->yields++;
		bh_idle();
		C->idles++;
	}
}

/* One step of the storm; returns only when the phase asks for nothing. */
static void storm(void)
{
	uint32_t ph = phase_now();

	C->by_phase[ph]++;
	if (ph == YIELD) {
		yield_phase();
		return;
	}
	C->asked++;
	switch (ph) {
	case FAULT_WARM:
		__asm__ volatile("ud2");
		break;
	case MODE_COLD:
		bh_set_mode(BH_MODE_COLD_START);
		break;
	case MODE_WARM:
		bh_set_mode(BH_MODE_NORMAL); /* ARINC: no warm start from cold start */
		bh_set_mode(BH_MODE_WARM_START);
		break;
	default:
		*(volatile uint32_t *)0xFFC00000u = 1; /* the hole: restart_cold */
		break;
	}
	bht_error("phase %u: the restart did not happen", ph);
}

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	bht_init("hostile_storm");
	if (cond == BH_START_NORMAL || C->magic != MAGIC) {
		for (uint32_t i = 0; i < sizeof(struct campaign) / 4; i++)
			((volatile uint32_t *)STATE_VA)[i] = 0;
		C->magic = MAGIC;
	}
	while (bh_vstate->frame_seq < HX_VICTIM_WINDOWS)
		storm();
	if (C->done++) /* reported once; later restarts are not ours */
		for (;;)
			;
	bh_set_mode(BH_MODE_NORMAL);
	restart_count(C->asked);
	bh_printf("%u restarts (%u fault/warm, %u mode/cold, %u mode/warm, %u fault/cold), "
		  "%u yields, %u idles\n",
		  C->asked, C->by_phase[FAULT_WARM], C->by_phase[MODE_COLD], C->by_phase[MODE_WARM],
		  C->by_phase[FAULT_COLD], C->yields, C->idles);
	bht_finish(false);
	for (;;)
		;
}
