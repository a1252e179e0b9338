/* Helpers for the executive's host unit tests (rt_host.h). */
#include "rt_host.h"

static struct rt_thread threads[HOST_MAX_THREADS];
static uint8_t stacks[HOST_MAX_THREADS][HOST_STACK];
static uint32_t nthreads;

static void never_runs(void *arg)
{
	(void)arg;
	fail_msg("a thread entry ran on the host");
}

void host_setup(uint32_t slice)
{
	struct rt_config cfg = { slice, NULL };

	host = (struct host_port){ .enabled = 0 };
	nthreads = 0;
	rt_init(&cfg);
}

struct rt_thread *host_thread(const char *name, uint32_t prio)
{
	assert_true(nthreads < HOST_MAX_THREADS);
	struct rt_thread *t = &threads[nthreads];
	assert_int_equal(rt_thread_create(t, name, prio, never_runs, NULL, stacks[nthreads],
					  HOST_STACK),
			 RT_OK);
	nthreads++;
	return t;
}

void host_start(void)
{
	rt_port_disable();
	rt_sched_start();
	rt_port_enable();
}

void host_isr_begin(void)
{
	host.enabled = 0;
	rt_k.isr_nest++;
}

/* The i386 port's exit hook: dispatch at the interrupt's return. */
void host_isr_end(void)
{
	rt_k.isr_nest--;
	if (!rt_k.isr_nest && rt_k.heir != rt_k.current)
		rt_dispatch();
	host.enabled = 1;
}

void host_tick(uint32_t n)
{
	host_isr_begin();
	rt_tick_announce(n);
	host_isr_end();
}
