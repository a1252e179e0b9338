/* port_api: the sampling port services and every return code of each. */
#include "port_api.h"

uint32_t pa_count(uint32_t v)
{
	return (bh_vstate->pending[v / 32] >> (v % 32) & 1u) ? bh_vstate->count[v] : 0;
}

static SAMPLING_PORT_ID_TYPE s_out, s_in;

static void create(void)
{
	SAMPLING_PORT_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_SAMPLING_PORT_ID("s_out", &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* not created yet */
	CREATE_SAMPLING_PORT("nonesuch", 64, SOURCE, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT("q_out", 16, SOURCE, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* a queuing port's name */
	CREATE_SAMPLING_PORT("s_out", 32, SOURCE, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* size */
	CREATE_SAMPLING_PORT("s_out", 0, SOURCE, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT("s_out", 64, DESTINATION, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* direction */
	CREATE_SAMPLING_PORT("s_out", 64, (PORT_DIRECTION_TYPE)7, 0, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT("s_out", 64, SOURCE, -5, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* refresh */
	CREATE_SAMPLING_PORT("s_in", 64, DESTINATION, 2000000, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* not the configured 3 ms */
	CREATE_SAMPLING_PORT("s_out", 64, SOURCE, 0, &s_out, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_SAMPLING_PORT("s_out", 64, SOURCE, 0, &id, &rc);
	BHT_EQ(rc, NO_ACTION);
	CREATE_SAMPLING_PORT("s_in", 64, DESTINATION, 3000000, &s_in, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_CHECK(s_out != s_in && s_out > 0 && s_in > 0, "ids %d %d", (int)s_out, (int)s_in);
	GET_SAMPLING_PORT_ID("s_in", &id, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(id, s_in);
	GET_SAMPLING_PORT_ID("s_inx", &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
}

static void write_read(void)
{
	static uint8_t msg[64], got[64];
	MESSAGE_SIZE_TYPE len = -1;
	VALIDITY_TYPE v = VALID;
	RETURN_CODE_TYPE rc;

	READ_SAMPLING_MESSAGE(s_in, got, &len, &v, &rc);
	BHT_EQ(rc, NO_ACTION); /* never written */
	BHT_EQ(len, 0);
	BHT_EQ(v, INVALID);
	for (uint32_t i = 0; i < 64; i++)
		msg[i] = (uint8_t)(i * 7u + 1u);
	WRITE_SAMPLING_MESSAGE(0, msg, 8, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(99, msg, 8, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, msg, 0, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, msg, -1, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, msg, 65, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	WRITE_SAMPLING_MESSAGE(s_in, msg, 8, &rc);
	BHT_EQ(rc, INVALID_MODE);
	WRITE_SAMPLING_MESSAGE(s_out, (MESSAGE_ADDR_TYPE)0x1000, 8, &rc);
	BHT_EQ(rc, INVALID_PARAM); /* kernel memory */
	BHT_EQ(pa_count(V_S_IN), 0);
	WRITE_SAMPLING_MESSAGE(s_out, msg, 64, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(pa_count(V_S_IN), 1); /* loop-back arrival, masked: pending */
	READ_SAMPLING_MESSAGE(s_out, got, &len, &v, &rc);
	BHT_EQ(rc, INVALID_MODE);
	READ_SAMPLING_MESSAGE(77, got, &len, &v, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	READ_SAMPLING_MESSAGE(s_in, (MESSAGE_ADDR_TYPE)RO_BASE, &len, &v, &rc);
	BHT_EQ(rc, INVALID_PARAM); /* read-only buffer */
	READ_SAMPLING_MESSAGE(s_in, got, &len, &v, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(len, 64);
	BHT_EQ(v, VALID);
	BHT_CHECK(__builtin_memcmp(got, msg, 64) == 0, "message content");
	WRITE_SAMPLING_MESSAGE(s_out, msg + 1, 3, &rc); /* replaces */
	READ_SAMPLING_MESSAGE(s_in, got, &len, &v, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(len, 3);
	BHT_EQ(got[0], msg[1]);
	BHT_EQ(pa_count(V_S_IN), 2);
}

static void status(void)
{
	SAMPLING_PORT_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;

	GET_SAMPLING_PORT_STATUS(99, &st, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	GET_SAMPLING_PORT_STATUS(s_in, &st, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(st.REFRESH_PERIOD, 3000000);
	BHT_EQ(st.MAX_MESSAGE_SIZE, 64);
	BHT_EQ(st.PORT_DIRECTION, DESTINATION);
	BHT_EQ(st.LAST_MSG_VALIDITY, VALID);
	GET_SAMPLING_PORT_STATUS(s_out, &st, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(st.PORT_DIRECTION, SOURCE);
}

void pa_sampling(void)
{
	bht_init("port_sampling");
	create();
	write_read();
	status();
	bht_finish(false);
}
