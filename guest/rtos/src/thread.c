/*
 * Threads: creation, the first code a thread runs, exit and restart,
 * yielding, delays and priorities.
 */
#include "rt_internal.h"

void rt_init(const struct rt_config *cfg)
{
	rt_sched_init();
	rt_k.slice_ticks = cfg ? cfg->slice_ticks : 0;
	rt_k.on_fault = cfg ? cfg->on_fault : NULL;
	rt_port_init();
}

static void registry_add(struct rt_thread *t)
{
	t->next_thread = NULL;
	if (rt_k.last_thread)
		rt_k.last_thread->next_thread = t;
	else
		rt_k.threads = t;
	rt_k.last_thread = t;
	rt_k.nthreads++;
}

int rt_thread_create(struct rt_thread *t, const char *name, uint32_t prio,
		     void (*entry)(void *arg), void *arg, void *stack, uint32_t stack_size)
{
	if (!t || !entry || !stack || prio >= RT_NPRIO || stack_size < RT_STACK_MIN)
		return RT_EINVAL;
	*t = (struct rt_thread){ .name = name, .entry = entry, .arg = arg };
	t->stack = stack;
	t->stack_size = stack_size;
	t->prio = t->base_prio = (uint8_t)prio;
	t->slice_left = rt_k.slice_ticks;
	t->node.next = t->node.prev = &t->node;
	rt_port_thread_init(t);

	uint32_t level = rt_port_disable();
	registry_add(t);
	t->state = RT_READY;
	rt_ready_insert(t);
	rt_sched_update_heir();
	rt_dispatch();
	rt_port_restore(level);
	return RT_OK;
}

void rt_thread_bootstrap(void)
{
	struct rt_thread *t = rt_k.current;

	rt_port_enable();
	t->entry(t->arg);
	rt_thread_exit();
}

/* The current thread leaves the ready queue for good. */
void rt_thread_exit_locked(void)
{
	struct rt_thread *t = rt_k.current;

	rt_bsem_release_all(t);
	rt_ready_remove(t);
	t->state = RT_DORMANT;
	rt_sched_update_heir();
	rt_dispatch();
}

void rt_thread_exit(void)
{
	rt_port_disable();
	rt_thread_exit_locked();
#ifndef RT_HOST
	for (;;) /* a dormant thread is never switched to again */
		;
#endif
}

/*
 * Called on the thread's own stack (interrupts disabled) after a fault:
 * its context is rebuilt at the top of its stack, which this call chain,
 * deeper down, does not use; then the heir runs from a scratch context.
 */
void rt_thread_restart_self(void)
{
	struct rt_thread *t = rt_k.current, *next;
	struct rt_ctx scratch;

	rt_bsem_release_all(t);
	t->restarts++;
	rt_port_thread_init(t);
	rt_sched_update_heir();
	t->slice_left = rt_k.slice_ticks;
	next = rt_k.heir;
	rt_k.current = next;
	next->runs++;
	rt_k.stats.switches++;
	rt_port_switch(&scratch, &next->ctx);
#ifndef RT_HOST
	for (;;)
		;
#endif
}

struct rt_thread *rt_self(void)
{
	return rt_k.current;
}

void rt_yield(void)
{
	uint32_t level = rt_port_disable();
	struct rt_thread *t = rt_k.current;

	if (!rt_k.isr_nest && t && t != &rt_k.idle && t->state == RT_READY) {
		t->slice_left = rt_k.slice_ticks;
		rt_ready_rotate(t);
		rt_sched_update_heir();
		rt_dispatch();
	}
	rt_port_restore(level);
}

int rt_delay(uint32_t ticks)
{
	if (!rt_can_block())
		return RT_EPERM;
	if (!ticks) {
		rt_yield();
		return RT_OK;
	}
	uint32_t level = rt_port_disable();
	struct rt_thread *t = rt_k.current;
	rt_block(t, NULL, ticks);
	rt_dispatch();
	rt_port_restore(level);
	return t->wait_result;
}

int rt_delay_until(uint64_t *wake, uint32_t period)
{
	uint64_t now = rt_ticks();

	*wake += period;
	if (*wake <= now) /* due now: on time; in the past: an overrun */
		return *wake == now ? RT_OK : RT_ETIMEOUT;
	uint64_t left = *wake - now;
	return rt_delay(left > RT_FOREVER - 1 ? RT_FOREVER - 1 : (uint32_t)left);
}

uint64_t rt_ticks(void)
{
	uint32_t level = rt_port_disable();
	uint64_t t = rt_k.ticks;

	rt_port_restore(level);
	return t;
}

int rt_thread_set_priority(struct rt_thread *t, uint32_t prio)
{
	if (!t || prio >= RT_NPRIO || t == &rt_k.idle)
		return RT_EINVAL;
	uint32_t level = rt_port_disable();
	t->base_prio = (uint8_t)prio;
	rt_prio_update(t);
	rt_dispatch();
	rt_port_restore(level);
	return RT_OK;
}

uint32_t rt_thread_priority(const struct rt_thread *t)
{
	return t->prio;
}

struct rt_thread *rt_thread_next(const struct rt_thread *t)
{
	return t ? t->next_thread : rt_k.threads;
}

bool rt_in_isr(void)
{
	return rt_k.isr_nest != 0;
}

void rt_stats_get(struct rt_stats *out)
{
	uint32_t level = rt_port_disable();

	*out = rt_k.stats;
	out->ticks = rt_k.ticks;
	rt_port_restore(level);
}
