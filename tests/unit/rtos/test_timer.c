/*
 * Host unit tests of the tick timers: the delta list fires each timer at
 * exactly its due tick, in order, whether ticks come one at a time or many
 * at once (a partition's ticks coalesced while it was out of its window),
 * cancelling keeps the others' due ticks, and delays wake threads exactly.
 */
#include "rt_host.h"

#define NT 6u

static struct rt_timer tms[NT];
static uint64_t fired_at[NT];
static uint32_t order[NT], nfired;

static void on_fire(struct rt_timer *tm)
{
	uint32_t i = (uint32_t)(tm - tms);

	fired_at[i] = rt_k.ticks;
	order[nfired++] = i;
}

static void reset(void)
{
	host_setup(0);
	nfired = 0;
	for (uint32_t i = 0; i < NT; i++) {
		tms[i] = (struct rt_timer){ 0 };
		fired_at[i] = 0;
	}
}

static const uint32_t delays[NT] = { 7, 3, 12, 3, 1, 30 };
static const uint32_t by_due[NT] = { 4, 1, 3, 0, 2, 5 }; /* equal dues: arming order */

static void arm_all(void)
{
	for (uint32_t i = 0; i < NT; i++)
		rt_timer_arm(&tms[i], delays[i], on_fire);
}

static void check_all_fired_on_time(void)
{
	assert_int_equal(nfired, NT);
	for (uint32_t k = 0; k < NT; k++)
		assert_int_equal(order[k], by_due[k]);
	for (uint32_t i = 0; i < NT; i++)
		assert_int_equal(fired_at[i], delays[i]);
}

static void one_tick_at_a_time(void **state)
{
	(void)state;
	reset();
	arm_all();
	for (uint32_t t = 1; t <= 40; t++) {
		rt_timer_advance(1);
		assert_int_equal(rt_k.ticks, t);
	}
	check_all_fired_on_time();
}

static void coalesced_ticks_fire_at_their_own_due_tick(void **state)
{
	static const uint32_t chunks[] = { 2, 9, 1, 25, 3 }; /* 40 ticks in 5 upcalls */

	(void)state;
	reset();
	arm_all();
	for (uint32_t k = 0; k < 5; k++)
		rt_timer_advance(chunks[k]);
	assert_int_equal(rt_k.ticks, 40);
	check_all_fired_on_time();
}

static void cancel_keeps_the_others_due(void **state)
{
	(void)state;
	reset();
	arm_all();
	rt_timer_cancel(&tms[1]); /* due 3, shares its tick with tms[3] */
	rt_timer_cancel(&tms[0]); /* due 7, between others */
	rt_timer_cancel(&tms[0]); /* twice: harmless */
	rt_timer_advance(100);
	assert_int_equal(nfired, NT - 2);
	assert_int_equal(fired_at[0], 0);
	assert_int_equal(fired_at[1], 0);
	assert_int_equal(fired_at[2], 12);
	assert_int_equal(fired_at[3], 3);
	assert_int_equal(fired_at[4], 1);
	assert_int_equal(fired_at[5], 30);
	assert_true(rt_list_empty(&rt_k.timers));
}

static void arming_from_a_callback_is_relative_to_its_tick(void **state)
{
	(void)state;
	reset();
	rt_timer_arm(&tms[0], 5, on_fire);
	rt_timer_advance(3);
	rt_timer_arm(&tms[1], 4, on_fire); /* due 7 */
	assert_int_equal(tms[1].due, 7);
	rt_timer_advance(10);
	assert_int_equal(fired_at[0], 5);
	assert_int_equal(fired_at[1], 7);
	assert_int_equal(rt_k.ticks, 13);
}

static void delay_wakes_after_exactly_its_ticks(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 1), *b = host_thread("b", 2);
	host_start();
	assert_ptr_equal(rt_self(), a);
	host_tick(4);
	assert_int_equal(rt_delay(10), RT_WAITING); /* the fake port returns at once */
	assert_int_equal(a->timer.due, 14);
	assert_ptr_equal(rt_self(), b);
	host_tick(3);  /* 7 */
	host_tick(6);  /* 13: not yet */
	assert_ptr_equal(rt_self(), b);
	assert_int_equal(a->state, RT_BLOCKED);
	host_tick(5);  /* 18: due 14 passed inside this upcall */
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(a->wait_result, RT_OK);
	assert_int_equal(rt_ticks(), 18);
	assert_int_equal(host.switch_with_irq_on, 0);
}

static void delay_until_keeps_a_period(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 1);
	host_thread("b", 2);
	host_start();
	uint64_t wake = 0;
	assert_int_equal(rt_delay_until(&wake, 5), RT_WAITING);
	assert_int_equal(wake, 5);
	host_tick(5);
	assert_ptr_equal(rt_self(), a);
	host_tick(2); /* a ran late by 2 ticks: the next release is still at 10 */
	assert_int_equal(rt_delay_until(&wake, 5), RT_WAITING);
	assert_int_equal(a->timer.due, 10);
	host_tick(20);
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(rt_delay_until(&wake, 5), RT_ETIMEOUT); /* 15 < 27: overrun */
	wake = 25;
	assert_int_equal(rt_delay_until(&wake, 2), RT_OK); /* due exactly now: on time */
	assert_ptr_equal(rt_self(), a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_tick_at_a_time),
		cmocka_unit_test(coalesced_ticks_fire_at_their_own_due_tick),
		cmocka_unit_test(cancel_keeps_the_others_due),
		cmocka_unit_test(arming_from_a_callback_is_relative_to_its_tick),
		cmocka_unit_test(delay_wakes_after_exactly_its_ticks),
		cmocka_unit_test(delay_until_keeps_a_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
