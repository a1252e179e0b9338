/*
 * APEX partition, time and health-monitoring services on the kernel's
 * partition-status, mode, window, time and health-monitor hypercalls.
 */
#include "apex_internal.h"

static START_CONDITION_TYPE start_condition(uint32_t c)
{
	switch (c) {
	case BH_START_NORMAL: return NORMAL_START;
	case BH_START_HM_MODULE_RESTART: return HM_MODULE_RESTART;
	case BH_START_HM_PARTITION_RESTART: return HM_PARTITION_RESTART;
	default: return PARTITION_RESTART; /* asked by itself or a privileged partition */
	}
}

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *st, RETURN_CODE_TYPE *rc)
{
	struct bh_partition_status ps;
	struct bh_window_info wi;

	if (bh_partition_status(BH_SELF, &ps) != BH_OK || bh_window_info(&wi) != BH_OK) {
		*rc = INVALID_PARAM; /* st is not writable by the caller */
		return;
	}
	st->PERIOD = (SYSTEM_TIME_TYPE)wi.major_frame_ns;
	st->DURATION = (SYSTEM_TIME_TYPE)(wi.end_ns - wi.start_ns);
	st->IDENTIFIER = (PARTITION_ID_TYPE)ps.id;
	st->LOCK_LEVEL = 0;
	st->OPERATING_MODE = (OPERATING_MODE_TYPE)ps.mode;
	st->START_CONDITION = start_condition(ps.start_condition);
	st->NUM_ASSIGNED_CORES = 1;
	*rc = NO_ERROR;
}

void SET_PARTITION_MODE(OPERATING_MODE_TYPE mode, RETURN_CODE_TYPE *rc)
{
	struct bh_partition_status ps;

	if (mode != IDLE && mode != COLD_START && mode != WARM_START && mode != NORMAL) {
		*rc = INVALID_PARAM;
		return;
	}
	bh_partition_status(BH_SELF, &ps);
	if (mode == NORMAL && ps.mode == BH_MODE_NORMAL) {
		*rc = NO_ACTION;
		return;
	}
	if (mode == WARM_START && ps.mode == BH_MODE_COLD_START) {
		*rc = INVALID_MODE;
		return;
	}
	/* IDLE and the restarts do not return. */
	*rc = bh_set_mode((uint32_t)mode) == BH_OK ? NO_ERROR : INVALID_MODE;
}

void GET_TIME(SYSTEM_TIME_TYPE *t, RETURN_CODE_TYPE *rc)
{
	*t = (SYSTEM_TIME_TYPE)bh_time_ns();
	*rc = NO_ERROR;
}

void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE code, MESSAGE_ADDR_TYPE msg,
			     ERROR_MESSAGE_SIZE_TYPE len, RETURN_CODE_TYPE *rc)
{
	if (code != APPLICATION_ERROR || len < 0 || len > MAX_ERROR_MESSAGE_SIZE) {
		*rc = INVALID_PARAM;
		return;
	}
	/* The configured action may stop or restart the partition here. */
	*rc = bh_hm_raise(APPLICATION_ERROR, (const char *)msg, (uint32_t)len) == BH_OK
		      ? NO_ERROR
		      : INVALID_PARAM;
}
