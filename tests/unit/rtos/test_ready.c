/*
 * Host unit tests of the ready queue: the priority bitmap finds the
 * highest ready priority, lists are FIFO within a priority, rotation moves
 * a thread behind its equals, and the heir follows every change.
 */
#include "rt_host.h"

static void highest_of_all_32_priorities(void **state)
{
	static struct rt_thread t[RT_NPRIO];

	(void)state;
	host_setup(0);
	for (uint32_t i = 0; i < RT_NPRIO; i++) /* inserted lowest priority first */
		t[i] = (struct rt_thread){ .prio = (uint8_t)(RT_NPRIO - 1 - i) };
	for (uint32_t i = 0; i < RT_NPRIO; i++)
		rt_ready_insert(&t[i]);
	assert_int_equal(rt_k.ready_map, 0xFFFFFFFFu);
	for (uint32_t p = 0; p < RT_NPRIO; p++) {
		struct rt_thread *f = rt_ready_first();
		assert_non_null(f);
		assert_int_equal(f->prio, p);
		rt_ready_remove(f);
		assert_false(rt_k.ready_map & (1u << p));
	}
	assert_null(rt_ready_first());
	assert_int_equal(rt_k.ready_map, 0);
}

static void fifo_within_a_priority(void **state)
{
	struct rt_thread a = { .prio = 4 }, b = { .prio = 4 }, c = { .prio = 4 }, d = { .prio = 9 };

	(void)state;
	host_setup(0);
	rt_ready_insert(&d);
	rt_ready_insert(&a);
	rt_ready_insert(&b);
	rt_ready_insert(&c);
	assert_ptr_equal(rt_ready_first(), &a);
	rt_ready_rotate(&a);
	assert_ptr_equal(rt_ready_first(), &b);
	rt_ready_remove(&b);
	assert_ptr_equal(rt_ready_first(), &c);
	rt_ready_insert_head(&b);
	assert_ptr_equal(rt_ready_first(), &b);
	rt_ready_remove(&b);
	rt_ready_remove(&c);
	assert_ptr_equal(rt_ready_first(), &a);
	rt_ready_remove(&a);
	assert_ptr_equal(rt_ready_first(), &d); /* priority 4 emptied: its bit is clear */
	assert_int_equal(rt_k.ready_map, 1u << 9);
}

static void heir_is_idle_when_nothing_is_ready(void **state)
{
	(void)state;
	host_setup(0);
	rt_sched_update_heir();
	assert_ptr_equal(rt_k.heir, &rt_k.idle);
	struct rt_thread *t = host_thread("t", 31);
	assert_ptr_equal(rt_k.heir, t);
	host_start();
	assert_ptr_equal(rt_self(), t);
	assert_int_equal(t->runs, 1);
}

static void create_checks_arguments(void **state)
{
	static uint8_t stack[RT_STACK_MIN];
	struct rt_thread t;

	(void)state;
	host_setup(0);
	assert_int_equal(rt_thread_create(&t, "x", RT_NPRIO, NULL, NULL, stack, sizeof(stack)),
			 RT_EINVAL);
	assert_int_equal(rt_thread_create(NULL, "x", 1, NULL, NULL, stack, sizeof(stack)),
			 RT_EINVAL);
	assert_null(rt_ready_first());
	assert_int_equal(host.disables, 0); /* rejected before touching anything */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(highest_of_all_32_priorities),
		cmocka_unit_test(fifo_within_a_priority),
		cmocka_unit_test(heir_is_idle_when_nothing_is_ready),
		cmocka_unit_test(create_checks_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
