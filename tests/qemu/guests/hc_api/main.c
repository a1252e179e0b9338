/*
 * hc_api: every hypercall, valid and invalid, with exact result codes; then
 * the ARINC 653 mode transitions across four restarts. The phase number
 * lives in a shared object, which even a cold restart leaves alone; each
 * phase prints its own RESULT line (tests/qemu/hc_api/expect lists them).
 *
 *   phase 0  first start (cold): the whole battery, then SET_MODE(warm)
 *   phase 1  warm start: memory kept, state reset; SET_MODE(warm) again
 *   phase 2  warm start: SET_MODE(cold)
 *   phase 3  cold start: memory reloaded, cold -> warm refused; normal,
 *            then SET_MODE(cold) from normal
 *   phase 4  cold start: SET_MODE(idle) stops the partition for good
 */
#include "hc_api.h"

uint32_t api_bad;

/* Survives a warm restart, reset by a cold one (reloaded from the image). */
static uint32_t marker = 1;

void api_expect(int32_t got, int32_t want, const char *what, const char *file, int line)
{
	if (got != want)
		bht_fail(file, line, "%s returned %d, expected %d", what, got, want);
	if (want < 0 && want != BH_EBUSY && want != BH_ESTATE)
		api_bad++;
}

void api_status(struct bh_partition_status *st)
{
	int32_t r = bh_partition_status(BH_SELF, st);

	BHT_EQ(r, BH_OK);
}

void api_check_bad(const char *file, int line)
{
	struct bh_partition_status st;

	api_status(&st);
	if (st.bad_hypercalls != api_bad)
		bht_fail(file, line, "kernel counted %u bad hypercalls, expected %u",
			 st.bad_hypercalls, api_bad);
}

/* What every start must see in its own status. */
static void check_start(uint32_t cond, uint32_t mode, uint32_t restarts)
{
	struct bh_partition_status st;

	api_status(&st);
	BHT_EQ(st.id, API_ID);
	BHT_EQ(st.mode, mode);
	BHT_EQ(st.start_condition, cond);
	BHT_EQ(st.restart_count, restarts);
	BHT_EQ(st.bad_hypercalls, 0);
	BHT_EQ(st.hm_events, KEEP->hm_events);
	BHT_EQ(st.window_seq, bh_vstate->window_seq);
	BHT_CHECK(st.window_seq >= 1, "window_seq %u inside a window", st.window_seq);
}

static void phase0(void)
{
	struct bh_partition_status st;

	api_regs_tests();
	api_info_tests();
	api_ptr_tests();
	api_hm_tests();
	api_virq_tests();
	api_wait_tests();
	/* ARINC 653: a cold start cannot become a warm start. */
	EXPECT(bh_set_mode(BH_MODE_WARM_START), BH_ESTATE);
	EXPECT(bh_set_mode(4), BH_EINVAL);
	EXPECT(bh_set_mode(0xFFFFFFFFu), BH_EINVAL);
	EXPECT(bh_set_mode(BH_MODE_NORMAL), BH_OK);
	EXPECT(bh_set_mode(BH_MODE_NORMAL), BH_ESTATE);
	api_status(&st);
	BHT_EQ(st.mode, BH_MODE_NORMAL);
	CHECK_BAD();
	marker = 0xC0FFEEu;
	bht_finish(false);
	KEEP->phase = 1;
	bh_set_mode(BH_MODE_WARM_START); /* cold start -> normal -> warm */
}

static void phase1(void)
{
	BHT_EQ(marker, 0xC0FFEEu); /* a warm start keeps memory */
	/* ... but not the kernel state of the previous run. */
	EXPECT(bh_hypercall1(BH_HC_UPCALL_RETURN, D1_BASE), BH_ESTATE);
	EXPECT(bh_irq_bind(OWN_LINE), (int32_t)BH_VEC_IRQ(OWN_LINE));
	BHT_EQ(bh_vcpu->mask[0], 0xFFFFFFFFu);
	BHT_EQ(bh_vcpu->enabled, 0);
	bht_finish(false);
	KEEP->phase = 2;
	bh_set_mode(BH_MODE_WARM_START); /* warm -> warm is allowed */
}

static void phase2(void)
{
	bht_finish(false);
	KEEP->phase = 3;
	bh_set_mode(BH_MODE_COLD_START);
}

static void phase3(void)
{
	BHT_EQ(marker, 1); /* a cold start reloads the image */
	EXPECT(bh_set_mode(BH_MODE_WARM_START), BH_ESTATE);
	EXPECT(bh_set_mode(BH_MODE_NORMAL), BH_OK);
	bht_finish(false);
	KEEP->phase = 4;
	bh_set_mode(BH_MODE_COLD_START); /* normal -> cold */
}

static void phase4(void)
{
	bht_finish(false);
	KEEP->phase = 5;
	bh_set_mode(BH_MODE_IDLE);
	bht_fail(__FILE__, __LINE__, "still running after SET_MODE(idle)");
	bht_finish(false);
}

int main(uint32_t cond, uint32_t id)
{
	static const char *const names[] = { "hc_api_p0", "hc_api_p1", "hc_api_p2", "hc_api_p3",
					     "hc_api_p4" };
	static const uint32_t modes[] = { BH_MODE_COLD_START, BH_MODE_WARM_START,
					  BH_MODE_WARM_START, BH_MODE_COLD_START,
					  BH_MODE_COLD_START };
	uint32_t phase = KEEP->phase;

	if (phase >= 5)
		bht_error("started again after phase 4");
	bht_init(names[phase]);
	api_bad = 0;
	BHT_EQ(id, API_ID);
	BHT_EQ(cond, phase ? BH_START_PARTITION_RESTART : BH_START_NORMAL);
	check_start(cond, modes[phase], phase);
	switch (phase) {
	case 0: phase0(); break;
	case 1: phase1(); break;
	case 2: phase2(); break;
	case 3: phase3(); break;
	default: phase4(); break;
	}
	bht_fail(__FILE__, __LINE__, "phase %u: SET_MODE returned", phase);
	bht_finish(false);
	for (;;)
		bh_yield();
}
