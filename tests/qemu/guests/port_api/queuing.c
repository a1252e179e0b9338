/* port_api: the queuing port services: FIFO order, full, empty, overflow,
 * clear, the space-available vector, and every return code. */
#include "port_api.h"

static QUEUING_PORT_ID_TYPE q_out, q_in;

static void create(void)
{
	QUEUING_PORT_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	CREATE_QUEUING_PORT("s_out", 64, 1, SOURCE, FIFO, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* a sampling port's name */
	CREATE_QUEUING_PORT("q_out", 16, 4, SOURCE, FIFO, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* depth */
	CREATE_QUEUING_PORT("q_out", 15, 3, SOURCE, FIFO, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* size */
	CREATE_QUEUING_PORT("q_out", 16, 3, DESTINATION, FIFO, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* direction */
	CREATE_QUEUING_PORT("q_out", 16, 3, SOURCE, (QUEUING_DISCIPLINE_TYPE)2, &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* discipline */
	GET_QUEUING_PORT_ID("q_out", &id, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT("q_out", 16, 3, SOURCE, FIFO, &q_out, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("q_out", 16, 3, SOURCE, FIFO, &id, &rc);
	BHT_EQ(rc, NO_ACTION);
	CREATE_QUEUING_PORT("q_in", 16, 3, DESTINATION, PRIORITY, &q_in, &rc);
	BHT_EQ(rc, NO_ERROR);
	GET_QUEUING_PORT_ID("q_in", &id, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(id, q_in);
}

static void send_errors(void)
{
	RETURN_CODE_TYPE rc;
	uint8_t m[17] = "0123456789abcdef";

	SEND_QUEUING_MESSAGE(0, m, 1, 0, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_out, m, 0, 0, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_out, m, 17, 0, &rc);
	BHT_EQ(rc, INVALID_CONFIG);
	SEND_QUEUING_MESSAGE(q_out, m, 1, -2, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_in, m, 1, 0, &rc);
	BHT_EQ(rc, INVALID_MODE);
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)(RW_END - 4u), 4, 0, &rc);
	BHT_EQ(rc, NO_ERROR); /* the last bytes of a region */
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)(RW_END - 3u), 5, 0, &rc);
	BHT_EQ(rc, INVALID_PARAM); /* one past */
}

static void fifo(void)
{
	QUEUING_PORT_STATUS_TYPE st;
	MESSAGE_SIZE_TYPE len;
	RETURN_CODE_TYPE rc;
	uint8_t got[16];

	/* One message is in (from send_errors); two more fill it. */
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"one", 3, 0, &rc);
	BHT_EQ(rc, NO_ERROR);
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"second", 6, INFINITE_TIME_VALUE, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(pa_count(V_Q_IN), 3);
	GET_QUEUING_PORT_STATUS(q_in, &st, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(st.NB_MESSAGE, 3);
	BHT_EQ(st.MAX_NB_MESSAGE, 3);
	BHT_EQ(st.MAX_MESSAGE_SIZE, 16);
	BHT_EQ(st.PORT_DIRECTION, DESTINATION);
	BHT_EQ(st.WAITING_PROCESSES, 0);
	/* Full: not available now; no executive to wait in. */
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"x", 1, 0, &rc);
	BHT_EQ(rc, NOT_AVAILABLE);
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"x", 1, 1000000, &rc);
	BHT_EQ(rc, INVALID_MODE);
	BHT_EQ(pa_count(V_Q_SPACE), 0);
	RECEIVE_QUEUING_MESSAGE(q_out, 0, got, &len, &rc);
	BHT_EQ(rc, INVALID_MODE);
	RECEIVE_QUEUING_MESSAGE(42, 0, got, &len, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_in, -7, got, &len, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_in, 0, got, &len, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_EQ(len, 4);
	BHT_EQ(pa_count(V_Q_SPACE), 1); /* space after a refused send */
	RECEIVE_QUEUING_MESSAGE(q_in, 0, got, &len, &rc);
	BHT_EQ(len, 3);
	BHT_CHECK(__builtin_memcmp(got, "one", 3) == 0, "FIFO order");
	RECEIVE_QUEUING_MESSAGE(q_in, INFINITE_TIME_VALUE, got, &len, &rc);
	BHT_EQ(rc, NO_ERROR);
	BHT_CHECK(len == 6 && __builtin_memcmp(got, "second", 6) == 0, "FIFO order");
	RECEIVE_QUEUING_MESSAGE(q_in, 0, got, &len, &rc);
	BHT_EQ(rc, NOT_AVAILABLE);
	BHT_EQ(len, 0);
	RECEIVE_QUEUING_MESSAGE(q_in, 5000000, got, &len, &rc);
	BHT_EQ(rc, INVALID_MODE);
}

static void clear(void)
{
	struct bh_port_status ks;
	QUEUING_PORT_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;

	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"a", 1, 0, &rc);
	SEND_QUEUING_MESSAGE(q_out, (MESSAGE_ADDR_TYPE)"b", 1, 0, &rc);
	CLEAR_QUEUING_PORT(q_out, &rc);
	BHT_EQ(rc, INVALID_MODE);
	CLEAR_QUEUING_PORT(0, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	CLEAR_QUEUING_PORT(q_in, &rc);
	BHT_EQ(rc, NO_ERROR);
	GET_QUEUING_PORT_STATUS(q_in, &st, &rc);
	BHT_EQ(st.NB_MESSAGE, 0);
	GET_QUEUING_PORT_STATUS(99, &st, &rc);
	BHT_EQ(rc, INVALID_PARAM);
	/* The kernel's counters: 5 sent, 2 overflows, 3 received, 2 discarded. */
	BHT_EQ(bh_port_status(2, &ks), BH_OK);
	BHT_EQ(ks.sent, 5);
	BHT_EQ(ks.overflows, 2);
	BHT_EQ(bh_port_status(3, &ks), BH_OK);
	BHT_EQ(ks.received, 3);
	BHT_EQ(ks.discarded, 2);
}

void pa_queuing(void)
{
	bht_init("port_queuing");
	create();
	send_errors();
	fifo();
	clear();
	bht_finish(false);
}
