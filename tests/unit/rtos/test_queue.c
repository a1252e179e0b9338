/*
 * Host unit tests of message queues: FIFO order through the ring and its
 * wrap-around, full and empty with RT_NOWAIT, direct hand-over to a waiting
 * receiver, a blocked sender refilling the slot a receive frees, timeouts,
 * and what an ISR may do.
 */
#include "rt_host.h"

#define CAP 3u

static struct rt_queue q;
static uint32_t ring[CAP];

static void setup_one(void)
{
	host_setup(0);
	assert_int_equal(rt_queue_init(&q, ring, sizeof(uint32_t), CAP), RT_OK);
}

static void fifo_and_wraparound(void **state)
{
	uint32_t v;

	(void)state;
	setup_one();
	host_thread("a", 5);
	host_start();
	for (uint32_t round = 0; round < 4; round++) {
		for (uint32_t i = 0; i < CAP; i++) {
			v = round * 10 + i;
			assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_OK);
		}
		v = 99;
		assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_EAGAIN);
		assert_int_equal(rt_queue_recv(&q, &v, RT_NOWAIT), RT_OK);
		assert_int_equal(v, round * 10);
		v = round * 10 + 3;
		assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_OK);
		for (uint32_t i = 1; i <= CAP; i++) {
			assert_int_equal(rt_queue_recv(&q, &v, RT_NOWAIT), RT_OK);
			assert_int_equal(v, round * 10 + i);
		}
		assert_int_equal(rt_queue_recv(&q, &v, RT_NOWAIT), RT_EAGAIN);
	}
	assert_int_equal(rt_queue_init(&q, ring, 0, CAP), RT_EINVAL);
}

static void waiting_receiver_gets_the_message_directly(void **state)
{
	uint32_t got = 0, v = 42;

	(void)state;
	setup_one();
	struct rt_thread *rx = host_thread("rx", 2);
	host_thread("tx", 7);
	host_start();
	assert_int_equal(rt_queue_recv(&q, &got, RT_FOREVER), RT_WAITING);
	assert_int_equal(rt_queue_send(&q, &v, RT_FOREVER), RT_OK);
	assert_ptr_equal(rt_self(), rx); /* preempted the sender */
	assert_int_equal(rx->wait_result, RT_OK);
	assert_int_equal(got, 42);
	assert_int_equal(rt_queue_count(&q), 0); /* never went through the ring */
}

static void blocked_sender_refills(void **state)
{
	uint32_t v, extra = 777;

	(void)state;
	setup_one();
	struct rt_thread *tx = host_thread("tx", 2), *rx = host_thread("rx", 7);
	host_start();
	for (v = 0; v < CAP; v++)
		rt_queue_send(&q, &v, RT_NOWAIT);
	assert_int_equal(rt_queue_send(&q, &extra, RT_FOREVER), RT_WAITING);
	assert_ptr_equal(rt_self(), rx);
	assert_int_equal(rt_queue_recv(&q, &v, RT_NOWAIT), RT_OK);
	assert_int_equal(v, 0);
	assert_ptr_equal(rt_self(), tx); /* its message went in: it runs again */
	assert_int_equal(tx->wait_result, RT_OK);
	assert_int_equal(rt_queue_count(&q), CAP);
	rt_delay(1);
	for (uint32_t want = 1; want < CAP; want++) {
		rt_queue_recv(&q, &v, RT_NOWAIT);
		assert_int_equal(v, want);
	}
	rt_queue_recv(&q, &v, RT_NOWAIT);
	assert_int_equal(v, 777);
}

static void receive_times_out(void **state)
{
	uint32_t v = 5;

	(void)state;
	setup_one();
	struct rt_thread *rx = host_thread("rx", 2);
	host_thread("other", 7);
	host_start();
	rt_queue_recv(&q, &v, 2);
	host_tick(2);
	assert_ptr_equal(rt_self(), rx);
	assert_int_equal(rx->wait_result, RT_ETIMEOUT);
	assert_int_equal(v, 5); /* untouched */
	assert_null(rt_waitq_first(&q.recv_wq));
}

static void isr_sends_without_waiting(void **state)
{
	uint32_t v = 9, got = 0;

	(void)state;
	setup_one();
	struct rt_thread *rx = host_thread("rx", 1);
	host_thread("bg", 9);
	host_start();
	rt_queue_recv(&q, &got, RT_FOREVER);
	host_isr_begin();
	assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_OK);
	assert_int_equal(got, 9);
	assert_ptr_equal(rt_k.heir, rx);
	for (uint32_t i = 0; i < CAP; i++)
		assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_OK);
	assert_int_equal(rt_queue_send(&q, &v, RT_NOWAIT), RT_EAGAIN);
	assert_int_equal(rt_queue_send(&q, &v, 10), RT_EPERM);
	host_isr_end();
	assert_ptr_equal(rt_self(), rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fifo_and_wraparound),
		cmocka_unit_test(waiting_receiver_gets_the_message_directly),
		cmocka_unit_test(blocked_sender_refills),
		cmocka_unit_test(receive_times_out),
		cmocka_unit_test(isr_sends_without_waiting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
