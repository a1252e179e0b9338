/*
 * Host unit tests of scheduling decisions: start, preemption by a newly
 * ready higher priority, yield and round robin among equals, an ISR that
 * readies a thread (switch only at the interrupt's return), priority
 * changes, and that no switch ever happens with interrupts enabled.
 */
#include "rt_host.h"

static void start_runs_the_highest(void **state)
{
	(void)state;
	host_setup(0);
	host_thread("low", 20);
	struct rt_thread *hi = host_thread("hi", 3);
	host_thread("mid", 10);
	assert_int_equal(host.switches, 0); /* nothing runs before rt_start */
	host_start();
	assert_ptr_equal(rt_self(), hi);
	assert_int_equal(host.switches, 1);
	assert_ptr_equal(host.last_from, &rt_k.idle.ctx);
	assert_ptr_equal(host.last_to, &hi->ctx);
}

static void creating_a_higher_priority_preempts(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 10);
	host_start();
	struct rt_thread *b = host_thread("b", 11);
	assert_ptr_equal(rt_self(), a); /* lower: no switch */
	struct rt_thread *c = host_thread("c", 9);
	assert_ptr_equal(rt_self(), c);
	assert_int_equal(host.enabled, 1); /* the creator's level is restored */
	(void)b;
}

static void yield_rotates_among_equals(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5), *b = host_thread("b", 5),
			 *c = host_thread("c", 5);
	host_thread("low", 6);
	host_start();
	assert_ptr_equal(rt_self(), a);
	rt_yield();
	assert_ptr_equal(rt_self(), b);
	rt_yield();
	assert_ptr_equal(rt_self(), c);
	rt_yield();
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(rt_k.stats.switches, 4);
}

static void yield_alone_does_not_switch(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5);
	host_thread("low", 6);
	host_start();
	uint32_t n = host.switches;
	rt_yield();
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(host.switches, n);
}

static void round_robin_by_slice(void **state)
{
	(void)state;
	host_setup(2);
	struct rt_thread *a = host_thread("a", 5), *b = host_thread("b", 5);
	host_start();
	assert_ptr_equal(rt_self(), a);
	host_tick(1);
	assert_ptr_equal(rt_self(), a);
	host_tick(1);
	assert_ptr_equal(rt_self(), b); /* a's 2-tick slice is over */
	host_tick(5);			/* coalesced ticks charge one slice unit */
	assert_ptr_equal(rt_self(), b);
	host_tick(1);
	assert_ptr_equal(rt_self(), a);
}

static void preempted_thread_keeps_its_slice(void **state)
{
	static struct rt_sem s;

	(void)state;
	host_setup(2);
	struct rt_thread *h = host_thread("h", 1), *a = host_thread("a", 5),
			 *b = host_thread("b", 5);
	rt_sem_init(&s, 0, 1);
	host_start();
	rt_sem_wait(&s, RT_FOREVER);
	assert_ptr_equal(rt_self(), a);
	host_tick(1); /* a: one slice unit left */
	host_isr_begin();
	rt_sem_post(&s);
	host_isr_end();
	assert_ptr_equal(rt_self(), h);
	rt_sem_wait(&s, RT_FOREVER);
	assert_ptr_equal(rt_self(), a); /* resumes ahead of b, with its remaining unit */
	host_tick(1);
	assert_ptr_equal(rt_self(), b);
}

static void no_round_robin_without_slice(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5);
	host_thread("b", 5);
	host_start();
	for (int i = 0; i < 10; i++)
		host_tick(1);
	assert_ptr_equal(rt_self(), a);
}

static void isr_wake_switches_at_interrupt_return(void **state)
{
	static struct rt_sem s;

	(void)state;
	host_setup(0);
	struct rt_thread *hi = host_thread("hi", 1), *lo = host_thread("lo", 9);
	rt_sem_init(&s, 0, 1);
	host_start();
	assert_int_equal(rt_sem_wait(&s, RT_FOREVER), RT_WAITING);
	assert_ptr_equal(rt_self(), lo);
	host_isr_begin();
	assert_int_equal(rt_sem_post(&s), RT_OK);
	assert_ptr_equal(rt_self(), lo); /* not inside the ISR */
	assert_ptr_equal(rt_k.heir, hi);
	assert_int_equal(rt_sem_wait(&s, RT_FOREVER), RT_EPERM); /* ISRs never block */
	host_isr_end();
	assert_ptr_equal(rt_self(), hi);
	assert_int_equal(hi->wait_result, RT_OK);
	assert_int_equal(host.switch_with_irq_on, 0);
}

static void set_priority_moves_the_thread(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5), *b = host_thread("b", 8);
	host_start();
	assert_int_equal(rt_thread_set_priority(b, 2), RT_OK);
	assert_ptr_equal(rt_self(), b);
	assert_int_equal(rt_thread_priority(b), 2);
	assert_int_equal(rt_thread_set_priority(b, 9), RT_OK);
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(rt_thread_set_priority(a, RT_NPRIO), RT_EINVAL);
}

static void exit_leaves_for_good(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5), *b = host_thread("b", 6);
	host_start();
	rt_thread_exit();
	assert_ptr_equal(rt_self(), b);
	assert_int_equal(a->state, RT_DORMANT);
	rt_thread_exit();
	assert_ptr_equal(rt_self(), &rt_k.idle);
	assert_int_equal(rt_delay(1), RT_EPERM); /* idle never blocks */
	host_tick(3);
	assert_ptr_equal(rt_self(), &rt_k.idle);
}

static void registry_lists_threads_in_creation_order(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 5), *b = host_thread("b", 1);
	assert_ptr_equal(rt_thread_next(NULL), a);
	assert_ptr_equal(rt_thread_next(a), b);
	assert_null(rt_thread_next(b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_runs_the_highest),
		cmocka_unit_test(creating_a_higher_priority_preempts),
		cmocka_unit_test(yield_rotates_among_equals),
		cmocka_unit_test(yield_alone_does_not_switch),
		cmocka_unit_test(round_robin_by_slice),
		cmocka_unit_test(preempted_thread_keeps_its_slice),
		cmocka_unit_test(no_round_robin_without_slice),
		cmocka_unit_test(isr_wake_switches_at_interrupt_return),
		cmocka_unit_test(set_priority_moves_the_thread),
		cmocka_unit_test(exit_leaves_for_good),
		cmocka_unit_test(registry_lists_threads_in_creation_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
