/* port_api: partition, time and health-monitor services. */
#include "port_api.h"

static void modes(void)
{
	PARTITION_STATUS_TYPE st;
	QUEUING_PORT_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_PARTITION_STATUS(&st, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(st.OPERATING_MODE, COLD_START);
	BHT_EQ(st.START_CONDITION, NORMAL_START);
	BHT_EQ(st.IDENTIFIER, 0);
	/* Kernel time runs on the PIT: a 1 ms tick is 999,848 ns. */
	BHT_CHECK(st.PERIOD > 19990000 && st.PERIOD <= 20000000, "period %lld",
		  (long long)st.PERIOD);
	BHT_CHECK(st.DURATION > 14990000 && st.DURATION <= 15000000, "duration %lld",
		  (long long)st.DURATION);
	BHT_EQ(st.LOCK_LEVEL, 0);
	BHT_EQ(st.NUM_ASSIGNED_CORES, 1);
	SET_PARTITION_MODE((OPERATING_MODE_TYPE)9, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	SET_PARTITION_MODE(WARM_START, &rc);
	BHT_EQ(rc, INVALID_MODE); /* cold start cannot become warm */
	SET_PARTITION_MODE(NORMAL, &rc);
	BHT_EQ(rc, NO_ERROR);
	SET_PARTITION_MODE(NORMAL, &rc);
	BHT_EQ(rc, NO_ACTION);
	GET_PARTITION_STATUS(&st, &rc);
	BHT_EQ(st.OPERATING_MODE, NORMAL);
	/* No port creation in NORMAL mode. */
	CREATE_QUEUING_PORT("q_in", 16, 3, DESTINATION, FIFO, &id, &rc);
	BHT_EQ(rc, INVALID_MODE);
	CREATE_SAMPLING_PORT("s_in", 64, DESTINATION, 3000000, &id, &rc);
	BHT_EQ(rc, INVALID_MODE);
}

static void time_and_health(void)
{
	SYSTEM_TIME_TYPE t0, t1;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t0, &rc);
	BHT_EQ(rc, NO_ERROR);
	GET_TIME(&t1, &rc);
	BHT_CHECK(t1 >= t0 && t0 > 0, "time %lld then %lld", (long long)t0, (long long)t1);
	RAISE_APPLICATION_ERROR(NUMERIC_ERROR, (MESSAGE_ADDR_TYPE)"x", 1, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"x", 129, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"x", -1, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)0x1000, 4, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)"apex says hi", 12, &rc);
	BHT_EQ(rc, NO_ERROR); /* configured: ignore (logged) */
}

void pa_partition(void)
{
	bht_init("port_partition");
	modes();
	time_and_health();
	bht_finish(false);
}
