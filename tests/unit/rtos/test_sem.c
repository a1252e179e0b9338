/*
 * Host unit tests of counting semaphores and of binary semaphores with
 * priority inheritance: counts, wake order, timeouts, ISR rules,
 * ownership, nesting, inheritance (direct, transitive, undone by a
 * timeout), hand-over to the most urgent waiter, and deadlock detection.
 */
#include "rt_host.h"

static struct rt_sem s;
static struct rt_bsem m1, m2;

static void counting_basics(void **state)
{
	(void)state;
	host_setup(0);
	host_thread("a", 5);
	host_start();
	assert_int_equal(rt_sem_init(&s, 3, 2), RT_EINVAL);
	assert_int_equal(rt_sem_init(&s, 2, 3), RT_OK);
	assert_int_equal(rt_sem_wait(&s, RT_NOWAIT), RT_OK);
	assert_int_equal(rt_sem_wait(&s, RT_NOWAIT), RT_OK);
	assert_int_equal(rt_sem_wait(&s, RT_NOWAIT), RT_EAGAIN);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rt_sem_post(&s), RT_OK);
	assert_int_equal(rt_sem_post(&s), RT_EAGAIN); /* at max with no waiter */
	assert_int_equal(rt_sem_count(&s), 3);
	assert_int_equal(host.enabled, 1);
}

static void waiters_wake_by_priority_then_fifo(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 4), *b = host_thread("b", 6),
			 *c = host_thread("c", 4), *poster = host_thread("poster", 10);
	rt_sem_init(&s, 0, 10);
	host_start();
	assert_ptr_equal(rt_self(), a);
	rt_sem_wait(&s, RT_FOREVER);
	assert_ptr_equal(rt_self(), c);
	rt_sem_wait(&s, RT_FOREVER);
	assert_ptr_equal(rt_self(), b);
	rt_sem_wait(&s, RT_FOREVER);
	assert_ptr_equal(rt_self(), poster);
	rt_sem_post(&s);
	assert_ptr_equal(rt_self(), a); /* first of the two at priority 4 */
	rt_delay(1);
	assert_ptr_equal(rt_self(), poster);
	rt_sem_post(&s);
	assert_ptr_equal(rt_self(), c);
	rt_delay(1);
	rt_sem_post(&s);
	assert_ptr_equal(rt_self(), b);
	assert_int_equal(rt_sem_count(&s), 0);
}

static void wait_times_out(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 4);
	host_thread("idler", 10);
	rt_sem_init(&s, 0, 1);
	host_start();
	rt_sem_wait(&s, 3);
	host_tick(2);
	assert_int_equal(a->state, RT_BLOCKED);
	host_tick(1);
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(a->wait_result, RT_ETIMEOUT);
	assert_null(rt_waitq_first(&s.wq)); /* it left the wait queue */
	assert_int_equal(rt_sem_post(&s), RT_OK);
	assert_int_equal(rt_sem_count(&s), 1);
}

static void bsem_ownership_and_nesting(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("a", 4), *b = host_thread("b", 6);
	rt_bsem_init(&m1);
	host_start();
	assert_int_equal(rt_bsem_take(&m1, RT_FOREVER), RT_OK);
	assert_int_equal(rt_bsem_take(&m1, RT_FOREVER), RT_OK);
	assert_ptr_equal(m1.owner, a);
	assert_int_equal(m1.nest, 2);
	rt_delay(1);
	assert_ptr_equal(rt_self(), b);
	assert_int_equal(rt_bsem_give(&m1), RT_EPERM);
	assert_int_equal(rt_bsem_take(&m1, RT_NOWAIT), RT_EAGAIN);
	host_isr_begin();
	assert_int_equal(rt_bsem_give(&m1), RT_EPERM);
	host_isr_end();
	host_tick(1);
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(rt_bsem_give(&m1), RT_OK);
	assert_ptr_equal(m1.owner, a); /* still held once */
	assert_int_equal(rt_bsem_give(&m1), RT_OK);
	assert_null(m1.owner);
	assert_null(a->held);
}

/* L owns m1; H blocks on it: L runs at H's priority, before M. */
static void inheritance_and_handover(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *l = host_thread("L", 20);
	rt_bsem_init(&m1);
	host_start();
	assert_int_equal(rt_bsem_take(&m1, RT_FOREVER), RT_OK);
	struct rt_thread *m = host_thread("M", 10);
	assert_ptr_equal(rt_self(), m);
	struct rt_thread *h = host_thread("H", 2);
	assert_ptr_equal(rt_self(), h);
	rt_bsem_take(&m1, RT_FOREVER);
	assert_ptr_equal(rt_self(), l); /* not M: L inherited 2 */
	assert_int_equal(rt_thread_priority(l), 2);
	assert_int_equal(rt_bsem_give(&m1), RT_OK);
	assert_ptr_equal(rt_self(), h);
	assert_ptr_equal(m1.owner, h);
	assert_int_equal(h->wait_result, RT_OK);
	assert_int_equal(rt_thread_priority(l), 20);
	assert_int_equal(rt_bsem_give(&m1), RT_OK);
	rt_thread_exit();
	assert_ptr_equal(rt_self(), m);
}

/* L owns m1, M owns m2 and waits on m1, H waits on m2: L gets H's. */
static void transitive_inheritance(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *l = host_thread("L", 20);
	rt_bsem_init(&m1);
	rt_bsem_init(&m2);
	host_start();
	rt_bsem_take(&m1, RT_FOREVER);
	struct rt_thread *m = host_thread("M", 10);
	rt_bsem_take(&m2, RT_FOREVER);
	rt_bsem_take(&m1, RT_FOREVER);
	assert_ptr_equal(rt_self(), l);
	assert_int_equal(rt_thread_priority(l), 10);
	struct rt_thread *h = host_thread("H", 1);
	rt_bsem_take(&m2, RT_FOREVER);
	assert_int_equal(rt_thread_priority(m), 1);
	assert_int_equal(rt_thread_priority(l), 1);
	assert_ptr_equal(rt_self(), l);
	rt_bsem_give(&m1); /* M gets m1 and runs at 1 (H still waits on m2) */
	assert_ptr_equal(rt_self(), m);
	assert_int_equal(rt_thread_priority(l), 20);
	rt_bsem_give(&m2);
	assert_ptr_equal(rt_self(), h);
	assert_int_equal(rt_thread_priority(m), 10);
}

static void timeout_undoes_inheritance(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *l = host_thread("L", 20);
	rt_bsem_init(&m1);
	host_start();
	rt_bsem_take(&m1, RT_FOREVER);
	struct rt_thread *h = host_thread("H", 3);
	rt_bsem_take(&m1, 5);
	assert_int_equal(rt_thread_priority(l), 3);
	host_tick(5);
	assert_ptr_equal(rt_self(), h);
	assert_int_equal(h->wait_result, RT_ETIMEOUT);
	assert_int_equal(rt_thread_priority(l), 20);
	assert_ptr_equal(m1.owner, l);
}

static void deadlock_is_refused(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("A", 5);
	rt_bsem_init(&m1);
	rt_bsem_init(&m2);
	host_start();
	rt_bsem_take(&m1, RT_FOREVER);
	struct rt_thread *b = host_thread("B", 4);
	rt_bsem_take(&m2, RT_FOREVER);
	rt_bsem_take(&m1, RT_FOREVER); /* B waits for A */
	assert_ptr_equal(rt_self(), a);
	assert_int_equal(rt_bsem_take(&m2, RT_FOREVER), RT_EDEADLK);
	assert_ptr_equal(rt_self(), a);
	(void)b;
}

static void exit_releases_held_bsems(void **state)
{
	(void)state;
	host_setup(0);
	struct rt_thread *a = host_thread("A", 5);
	rt_bsem_init(&m1);
	host_start();
	rt_bsem_take(&m1, RT_FOREVER);
	struct rt_thread *b = host_thread("B", 4);
	rt_bsem_take(&m1, RT_FOREVER);
	assert_ptr_equal(rt_self(), a);
	rt_thread_exit();
	assert_ptr_equal(rt_self(), b);
	assert_ptr_equal(m1.owner, b);
	assert_int_equal(b->wait_result, RT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counting_basics),
		cmocka_unit_test(waiters_wake_by_priority_then_fifo),
		cmocka_unit_test(wait_times_out),
		cmocka_unit_test(bsem_ownership_and_nesting),
		cmocka_unit_test(inheritance_and_handover),
		cmocka_unit_test(transitive_inheritance),
		cmocka_unit_test(timeout_undoes_inheritance),
		cmocka_unit_test(deadlock_is_refused),
		cmocka_unit_test(exit_releases_held_bsems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
