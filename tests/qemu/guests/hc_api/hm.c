/*
 * hc_api, health monitor and privilege: application errors are logged with
 * their code and (sanitised) message and counted; malformed ones are
 * refused and not logged; privileged calls are refused to this
 * non-privileged partition whatever their arguments.
 */
#include "hc_api.h"

static void hm_raise_tests(void)
{
	static char long_msg[BH_CONSOLE_MAX + 1];
	struct bh_partition_status st;

	EXPECT(bh_hm_raise(42, "boom", 4), BH_OK);
	EXPECT(bh_hm_raise(7, "quote\"ctl\x01", 10), BH_OK);
	/* The code is not the length: no aliasing of argument registers. */
	EXPECT(bh_hm_raise(1000, "four", 4), BH_OK);
	EXPECT(bh_hm_raise(4, "four", 1000), BH_E2BIG);
	EXPECT(bh_hm_raise(0, NULL, 0), BH_OK);
	for (uint32_t i = 0; i < BH_CONSOLE_MAX; i++)
		long_msg[i] = (char)('a' + i % 26);
	EXPECT(bh_hm_raise(256, long_msg, BH_CONSOLE_MAX), BH_OK);
	EXPECT(bh_hm_raise(77, long_msg, BH_CONSOLE_MAX + 1), BH_E2BIG);
	EXPECT(bh_hm_raise(78, (const char *)KERNEL_PTR, 4), BH_EFAULT);
	KEEP->hm_events += 5;
	api_status(&st);
	BHT_EQ(st.hm_events, KEEP->hm_events);
	BHT_EQ(st.last_hm_event, BH_HM_APPLICATION_ERROR);
	BHT_EQ(st.mode, BH_MODE_COLD_START); /* the action is `ignore` */
	CHECK_BAD();
}

static void privilege_tests(void)
{
	EXPECT(bh_partition_control(PEER_ID, BH_PCTL_STOP), BH_EPERM);
	EXPECT(bh_partition_control(PEER_ID, BH_PCTL_RESTART_COLD), BH_EPERM);
	EXPECT(bh_partition_control(PEER_ID, 99), BH_EPERM);
	EXPECT(bh_partition_control(API_ID, BH_PCTL_RESTART_WARM), BH_EPERM);
	EXPECT(bh_partition_control(77, BH_PCTL_STOP), BH_EPERM);
	EXPECT(bh_module_halt(0), BH_EPERM);
	EXPECT(bh_module_halt(0xFFFFFFFFu), BH_EPERM);
	CHECK_BAD();
}

void api_hm_tests(void)
{
	hm_raise_tests();
	privilege_tests();
}
