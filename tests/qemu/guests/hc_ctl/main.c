/*
 * hc_ctl: the privileged partition of tests/qemu/hc_api. It waits until
 * hc_api has stopped itself and checks what the kernel reports about it,
 * then stops and restarts hc_peer (cold, then warm) and observes each step
 * through partition_status (hc_peer and the kernel log show the rest), and
 * finally ends the run with a module halt.
 */
#include <bhtest.h>
#include <fmt.h>

int strcmp(const char *a, const char *b);

#define API_ID 0u
#define PEER_ID 1u
#define CTL_ID 2u
#define NPARTITIONS 3u
#define API_WAIT_WINDOWS 300u

static struct bh_partition_status status_of(uint32_t id)
{
	struct bh_partition_status st = { 0 };

	BHT_EQ(bh_partition_status(id, &st), BH_OK);
	return st;
}

static void wait_windows(uint32_t n)
{
	while (n--)
		bht_wait_next_window();
}

/* hc_peer enters normal mode once it has reported its start. */
static struct bh_partition_status wait_peer_normal(void)
{
	struct bh_partition_status st = status_of(PEER_ID);

	for (uint32_t w = 0; st.mode != BH_MODE_NORMAL && w < 20; w++) {
		bht_wait_next_window();
		st = status_of(PEER_ID);
	}
	BHT_EQ(st.mode, BH_MODE_NORMAL);
	return st;
}

/* hc_api ends with SET_MODE(idle) after four restarts of its own. */
static void check_api(void)
{
	struct bh_partition_status st = status_of(API_ID);

	for (uint32_t w = 0; st.mode != BH_MODE_IDLE && w < API_WAIT_WINDOWS; w++) {
		bht_wait_next_window();
		st = status_of(API_ID);
	}
	BHT_EQ(st.mode, BH_MODE_IDLE);
	BHT_CHECK(strcmp(st.name, "hc_api") == 0, "name '%s'", st.name);
	BHT_EQ(st.restart_count, 4);
	BHT_EQ(st.start_condition, BH_START_PARTITION_RESTART);
	BHT_EQ(st.hm_events, 5);
	BHT_EQ(st.last_hm_event, BH_HM_APPLICATION_ERROR);
	BHT_EQ(st.bad_hypercalls, 0);
}

static void bad_controls(void)
{
	struct bh_partition_status st;

	BHT_EQ(bh_partition_control(PEER_ID, BH_PCTL_RESTART_WARM + 1), BH_EINVAL);
	BHT_EQ(bh_partition_control(PEER_ID, 0xFFFFFFFFu), BH_EINVAL);
	BHT_EQ(bh_partition_control(NPARTITIONS, BH_PCTL_STOP), BH_ENOENT);
	BHT_EQ(bh_partition_control(BH_SELF, BH_PCTL_STOP), BH_ENOENT);
	BHT_EQ(bh_partition_status(NPARTITIONS, &st), BH_ENOENT);
	BHT_EQ(bh_partition_status(PEER_ID, (struct bh_partition_status *)0x00100000u),
	       BH_EFAULT);
	BHT_EQ(status_of(BH_SELF).bad_hypercalls, 6);
}

static void stop_and_restart_peer(void)
{
	struct bh_partition_status st = status_of(PEER_ID);
	uint32_t seq;

	BHT_CHECK(strcmp(st.name, "hc_peer") == 0, "name '%s'", st.name);
	BHT_EQ(st.mode, BH_MODE_NORMAL);
	BHT_EQ(st.start_condition, BH_START_NORMAL);
	BHT_EQ(st.restart_count, 0);
	BHT_EQ(bh_partition_control(PEER_ID, BH_PCTL_STOP), BH_OK);
	st = status_of(PEER_ID);
	BHT_EQ(st.mode, BH_MODE_IDLE);
	seq = st.window_seq;
	wait_windows(2);
	BHT_EQ(status_of(PEER_ID).window_seq, seq); /* a stopped partition gets no window */
	BHT_EQ(bh_partition_control(PEER_ID, BH_PCTL_RESTART_COLD), BH_OK);
	st = status_of(PEER_ID);
	BHT_EQ(st.mode, BH_MODE_COLD_START);
	BHT_EQ(st.start_condition, BH_START_OTHER_PARTITION);
	BHT_EQ(st.restart_count, 1);
	BHT_EQ(st.window_seq, 0);
	st = wait_peer_normal();
	BHT_CHECK(st.window_seq >= 1, "peer ran in window %u", st.window_seq);
	BHT_EQ(bh_partition_control(PEER_ID, BH_PCTL_RESTART_WARM), BH_OK);
	st = status_of(PEER_ID);
	BHT_EQ(st.mode, BH_MODE_WARM_START);
	BHT_EQ(st.start_condition, BH_START_OTHER_PARTITION);
	BHT_EQ(st.restart_count, 2);
	wait_peer_normal();
}

int main(uint32_t cond, uint32_t id)
{
	bht_init("hc_ctl");
	BHT_EQ(cond, BH_START_NORMAL);
	BHT_EQ(id, CTL_ID);
	check_api();
	bad_controls();
	stop_and_restart_peer();
	bht_finish(true); /* module halt: the privileged partition may end the run */
	bht_error("module halt returned");
}
