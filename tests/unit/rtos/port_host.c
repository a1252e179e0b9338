/*
 * The executive's fake port for host unit tests: no stacks are switched.
 * rt_port_switch() only records the switch, so after any call that
 * dispatches, the test "is" the new current thread: a blocking call returns
 * at once with wait_result RT_WAITING, and the test then plays the other
 * threads. The virtual interrupt flag is a plain variable the tests check.
 */
#include "rt_host.h"

struct host_port host;

void rt_port_init(void)
{
	host.inits++;
}

uint32_t rt_port_disable(void)
{
	uint32_t was = host.enabled;

	host.enabled = 0;
	host.disables++;
	return was;
}

void rt_port_restore(uint32_t level)
{
	host.enabled = level;
}

void rt_port_enable(void)
{
	host.enabled = 1;
}

void rt_port_switch(struct rt_ctx *from, struct rt_ctx *to)
{
	if (host.enabled)
		host.switch_with_irq_on++;
	host.switches++;
	host.last_from = from;
	host.last_to = to;
}

void rt_port_thread_init(struct rt_thread *t)
{
	t->ctx.sp = (uintptr_t)(t->stack + t->stack_size);
	host.thread_inits++;
}
