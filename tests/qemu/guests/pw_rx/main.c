/*
 * pw_rx (tests/qemu/port_wait): APEX queuing waits in executive threads.
 *   receiver: RECEIVE with an infinite time-out, N times: each command
 *             arrives (vector 8) while pw_rx is out of its window and must
 *             wake it at its next window start, in order;
 *   sender:   SEND N replies with an infinite time-out into a FIFO of 2
 *             that pw_tx drains one per frame: it waits for the space
 *             vector (10) and must not lose or repeat a reply;
 *   pair_a/b: both wait on `pair`; pw_tx sends two messages in one window,
 *             which arrive as one upcall (count 2): both must wake;
 *   timer:    RECEIVE on the silent port with 3 ms: TIMED_OUT after exactly
 *             3 ticks; SEND to the full `stuck` port with 2 ms: TIMED_OUT
 *             after 2; WAITING_PROCESSES sees the sender waiting; a wait
 *             on a port without a vector is INVALID_CONFIG.
 */
#include <bhtest.h>
#include <bulkhead/apex.h>
#include <rtos/rt.h>

#define N 12u
#define STACK 4096u

RT_STACK(stk_rx, STACK);
RT_STACK(stk_tx, STACK);
RT_STACK(stk_timer, STACK);
static struct rt_thread rx, tx, timer;
static QUEUING_PORT_ID_TYPE cmd, quiet, back, stuck, pair, novec;
static volatile bool rx_done, tx_done, timer_done;
static volatile uint32_t pair_got;
RT_STACK(stk_pa, STACK);
RT_STACK(stk_pb, STACK);
static struct rt_thread pa, pb;

/* Both threads wait on `pair` before its two messages arrive together. */
static void pair_entry(void *arg)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	uint32_t m;

	(void)arg;
	RECEIVE_QUEUING_MESSAGE(pair, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)&m, &len, &rc);
	BHT_EQ(rc, NO_ERROR);
	pair_got++;
	rt_thread_exit();
}
static volatile uint32_t max_waiting;

static void rx_entry(void *arg)
{
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	uint32_t m;

	(void)arg;
	for (uint32_t n = 1; n <= N; n++) {
		RECEIVE_QUEUING_MESSAGE(cmd, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)&m, &len, &rc);
		BHT_EQ(rc, NO_ERROR);
		BHT_CHECK(len == 4 && m == n, "command %u, expected %u", m, n);
		/* Woken at a window start: the tick of pw_rx's window start. */
		BHT_CHECK(bh_vstate->time_ns == bh_vstate->window_start_ns || n == 1,
			  "command %u not at a window start", n);
	}
	rx_done = true;
	rt_thread_exit();
}

static void tx_entry(void *arg)
{
	RETURN_CODE_TYPE rc;

	(void)arg;
	for (uint32_t n = 1; n <= N; n++) {
		SEND_QUEUING_MESSAGE(back, (MESSAGE_ADDR_TYPE)&n, 4, INFINITE_TIME_VALUE, &rc);
		BHT_EQ(rc, NO_ERROR);
	}
	tx_done = true;
	rt_thread_exit();
}

/* Sleep to the first tick of a window: waits of a few ticks then stay in it. */
static void window_start(void)
{
	do
		rt_delay(1);
	while (bh_vstate->time_ns != bh_vstate->window_start_ns);
}

static void timer_entry(void *arg)
{
	QUEUING_PORT_STATUS_TYPE st;
	RETURN_CODE_TYPE rc;
	MESSAGE_SIZE_TYPE len;
	uint32_t m = 7;
	uint64_t t0;

	(void)arg;
	window_start();
	t0 = rt_ticks();
	RECEIVE_QUEUING_MESSAGE(quiet, 3000000, (MESSAGE_ADDR_TYPE)&m, &len, &rc);
	BHT_EQ(rc, TIMED_OUT);
	BHT_EQ(len, 0);
	BHT_EQ(rt_ticks() - t0, 3);
	SEND_QUEUING_MESSAGE(stuck, (MESSAGE_ADDR_TYPE)&m, 4, 0, &rc);
	BHT_EQ(rc, NO_ERROR); /* fills it; pw_tx never receives */
	window_start();
	t0 = rt_ticks();
	SEND_QUEUING_MESSAGE(stuck, (MESSAGE_ADDR_TYPE)&m, 4, 2000000, &rc);
	BHT_EQ(rc, TIMED_OUT);
	BHT_EQ(rt_ticks() - t0, 2);
	SEND_QUEUING_MESSAGE(stuck, (MESSAGE_ADDR_TYPE)&m, 4, 0, &rc);
	BHT_EQ(rc, NOT_AVAILABLE);
	RECEIVE_QUEUING_MESSAGE(novec, 1000000, (MESSAGE_ADDR_TYPE)&m, &len, &rc);
	BHT_EQ(rc, INVALID_CONFIG); /* no vector: nothing would wake it */
	while (!tx_done) {
		GET_QUEUING_PORT_STATUS(back, &st, &rc);
		if ((uint32_t)st.WAITING_PROCESSES > max_waiting)
			max_waiting = (uint32_t)st.WAITING_PROCESSES;
		rt_delay(1);
	}
	timer_done = true;
	rt_thread_exit();
}

static void create(void)
{
	RETURN_CODE_TYPE rc;

	CREATE_QUEUING_PORT("cmd", 4, 4, DESTINATION, FIFO, &cmd, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("quiet", 4, 1, DESTINATION, FIFO, &quiet, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("back", 4, 2, SOURCE, FIFO, &back, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("stuck", 4, 1, SOURCE, PRIORITY, &stuck, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("pair", 4, 4, DESTINATION, FIFO, &pair, &rc);
	BHT_EQ(rc, NO_ERROR);
	CREATE_QUEUING_PORT("novec", 4, 1, DESTINATION, FIFO, &novec, &rc);
	BHT_EQ(rc, NO_ERROR);
}

RT_STACK(stk_report, STACK);
static struct rt_thread report;

static void report_entry(void *arg)
{
	(void)arg;
	while (!(rx_done && tx_done && timer_done && pair_got == 2) &&
	       bh_vstate->window_seq < 28)
		rt_delay(1);
	BHT_EQ(pair_got, 2);
	BHT_CHECK(rx_done && tx_done && timer_done, "threads done: %u %u %u", rx_done,
		  tx_done, timer_done);
	BHT_EQ(max_waiting, 1);
	bht_finish(false);
	rt_thread_exit();
}

int main(uint32_t cond, uint32_t id)
{
	struct rt_config cfg = { .slice_ticks = 0 };

	(void)cond;
	(void)id;
	bht_init("pw_rx");
	rt_init(&cfg);
	create();
	rt_thread_create(&rx, "rx", 2, rx_entry, NULL, stk_rx, STACK);
	rt_thread_create(&tx, "tx", 3, tx_entry, NULL, stk_tx, STACK);
	rt_thread_create(&timer, "timer", 4, timer_entry, NULL, stk_timer, STACK);
	rt_thread_create(&report, "report", 10, report_entry, NULL, stk_report, STACK);
	rt_thread_create(&pa, "pair_a", 6, pair_entry, NULL, stk_pa, STACK);
	rt_thread_create(&pb, "pair_b", 6, pair_entry, NULL, stk_pb, STACK);
	SET_PARTITION_MODE(NORMAL, &(RETURN_CODE_TYPE){ 0 });
	rt_start();
}
