/*
 * hc_bad: the bad-hypercall health-monitor path (tests/qemu/hc_badlimit).
 * One image, three configurations, chosen by partition id:
 *   0 hc_bad5r  `hm bad_hypercall restart_cold limit 5`
 *   1 hc_bad5s  `hm bad_hypercall stop limit 5`
 *   2 hc_bad3i  `hm bad_hypercall ignore limit 3`
 * Failures that a correct guest can meet (EBUSY, ESTATE) must not count;
 * every other failure counts, and the action happens exactly at the limit.
 */
#include <bhtest.h>

#define ID_RESTART 0u
#define ID_STOP 1u
#define ID_IGNORE 2u
#define KERNEL_PTR 0x00100000u

static const char *const names[] = { "hc_bad5r", "hc_bad5s", "hc_bad3i" };
static char buf[BH_CONSOLE_MAX + 1];

static struct bh_partition_status self(void)
{
	struct bh_partition_status st = { 0 };

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	return st;
}

/* Calls that fail without counting: busy and wrong-state results. */
static void harmless_failures(uint32_t line)
{
	struct bh_upcall_frame f = { 0 };

	BHT_EQ(bh_irq_bind(line), (int32_t)BH_VEC_IRQ(line));
	BHT_EQ(bh_irq_bind(line), BH_EBUSY);
	BHT_EQ(bh_set_mode(BH_MODE_NORMAL), BH_OK);
	BHT_EQ(bh_set_mode(BH_MODE_NORMAL), BH_ESTATE);
	BHT_EQ(bh_hypercall1(BH_HC_UPCALL_RETURN, BH_PTR(&f)), BH_ESTATE); /* none registered */
}

/* Four bad calls of four kinds, with harmless failures in between. */
static void four_bad_calls(uint32_t line)
{
	struct bh_partition_status st;

	BHT_EQ(bh_hypercall0(BH_HC_COUNT), BH_ENOSYS);
	harmless_failures(line);
	BHT_EQ(self().bad_hypercalls, 1);
	BHT_EQ(bh_module_halt(0), BH_EPERM);
	BHT_EQ(bh_window_info((struct bh_window_info *)KERNEL_PTR), BH_EFAULT);
	BHT_EQ(bh_console_write(buf, BH_CONSOLE_MAX + 1), BH_E2BIG);
	st = self();
	BHT_EQ(st.bad_hypercalls, 4);
	BHT_EQ(st.hm_events, 0);
	BHT_EQ(st.restart_count, 0);
}

/* The fifth bad call (code=11 in the log): restarts or stops the caller. */
__attribute__((noreturn)) static void fifth_bad_call(void)
{
	bh_irq_bind(BH_NR_IRQ_LINES);
	bh_printf("survived the 5th bad call\n");
	bht_fail(__FILE__, __LINE__, "the 5th bad call returned");
	bht_finish_and_stop(false);
}

static void after_restart(void)
{
	struct bh_partition_status st = self();

	BHT_EQ(st.start_condition, BH_START_HM_PARTITION_RESTART);
	BHT_EQ(st.mode, BH_MODE_COLD_START);
	BHT_EQ(st.restart_count, 1);
	BHT_EQ(st.bad_hypercalls, 0);
	BHT_EQ(st.hm_events, 1);
	BHT_EQ(st.last_hm_event, BH_HM_BAD_HYPERCALL);
}

/* Nine bad calls; the event is raised (and logged) at 3, 6 and 9. */
static void ignore_limit(void)
{
	struct bh_partition_status st;

	for (uint32_t i = 1; i <= 9; i++) {
		int32_t r;
		switch (i) {
		case 1: r = bh_hypercall0(BH_HC_COUNT) - BH_ENOSYS; break;
		case 2: r = bh_module_halt(0) - BH_EPERM; break;
		case 3: r = bh_window_info((struct bh_window_info *)KERNEL_PTR) - BH_EFAULT; break;
		case 4: r = bh_console_write(buf, BH_CONSOLE_MAX + 1) - BH_E2BIG; break;
		case 5: r = bh_irq_bind(BH_NR_IRQ_LINES) - BH_EINVAL; break;
		case 6: r = bh_irq_unbind(3) - BH_ENOENT; break;
		case 7: r = bh_set_mode(4) - BH_EINVAL; break;
		case 8: r = bh_partition_status(BH_SELF, NULL) - BH_EFAULT; break;
		default: r = bh_hypercall0(0xFFFFFFFFu) - BH_ENOSYS; break;
		}
		BHT_CHECK(r == 0, "bad call %u: result off by %d", i, r);
		st = self();
		BHT_EQ(st.bad_hypercalls, i);
		BHT_EQ(st.hm_events, i / 3);
		BHT_EQ(st.last_hm_event, i >= 3 ? BH_HM_BAD_HYPERCALL : BH_HM_NONE);
		BHT_EQ(st.restart_count, 0);
	}
}

int main(uint32_t cond, uint32_t id)
{
	if (id > ID_IGNORE)
		bht_error("unexpected partition id %u", id);
	bht_init(names[id]);
	if (id == ID_IGNORE) {
		ignore_limit();
	} else if (cond == BH_START_NORMAL) {
		four_bad_calls(id == ID_RESTART ? 5 : 6);
		bh_printf("4 bad calls counted, the 5th %s\n", id == ID_RESTART ? "restarts" : "stops");
		if (id == ID_STOP)
			bht_finish(false); /* the observer checks the stop */
		fifth_bad_call();
	} else {
		after_restart();
	}
	bht_finish(false);
	bh_set_mode(BH_MODE_NORMAL); /* tells hc_badobs this partition is done */
	for (;;)
		bh_yield();
}
