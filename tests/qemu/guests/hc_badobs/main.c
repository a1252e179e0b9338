/*
 * hc_badobs: the privileged observer of tests/qemu/hc_badlimit. It waits
 * until the other partitions are done and checks, through
 * partition_status, what the health monitor did to each (the stopped one
 * cannot report for itself), then ends the run with a module halt.
 */
#include <bhtest.h>

enum { BAD5R, BAD5S, BAD3I, NEST, TF, NOBSERVED };

struct want {
	uint32_t mode, restarts, start, bad, hm_events, last_event;
};

static const struct want wants[NOBSERVED] = {
	[BAD5R] = { BH_MODE_NORMAL, 1, BH_START_HM_PARTITION_RESTART, 0, 1, BH_HM_BAD_HYPERCALL },
	[BAD5S] = { BH_MODE_IDLE, 0, BH_START_NORMAL, 5, 1, BH_HM_BAD_HYPERCALL },
	[BAD3I] = { BH_MODE_NORMAL, 0, BH_START_NORMAL, 9, 3, BH_HM_BAD_HYPERCALL },
	[NEST] = { BH_MODE_IDLE, 1, BH_START_HM_PARTITION_RESTART, 0, 1, BH_HM_UPCALL_ERROR },
	[TF] = { BH_MODE_IDLE, 1, BH_START_HM_PARTITION_RESTART, 0, 1, BH_HM_OTHER_TRAP },
};

static struct bh_partition_status status_of(uint32_t id)
{
	struct bh_partition_status st = { 0 };

	BHT_EQ(bh_partition_status(id, &st), BH_OK);
	return st;
}

static void check(uint32_t id)
{
	const struct want *w = &wants[id];
	struct bh_partition_status st = status_of(id);

	for (uint32_t n = 0; st.mode != w->mode && n < 50; n++) {
		bht_wait_next_window();
		st = status_of(id);
	}
	BHT_CHECK(st.mode == w->mode, "%s: mode %u, expected %u", st.name, st.mode, w->mode);
	BHT_CHECK(st.restart_count == w->restarts, "%s: %u restarts", st.name, st.restart_count);
	BHT_CHECK(st.start_condition == w->start, "%s: start %u", st.name, st.start_condition);
	BHT_CHECK(st.bad_hypercalls == w->bad, "%s: %u bad", st.name, st.bad_hypercalls);
	BHT_CHECK(st.hm_events == w->hm_events, "%s: %u events", st.name, st.hm_events);
	BHT_CHECK(st.last_hm_event == w->last_event, "%s: last event %u", st.name,
		  st.last_hm_event);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("hc_badobs");
	for (uint32_t i = 0; i < NOBSERVED; i++)
		check(i);
	bht_finish(true);
	bht_error("module halt returned");
}
