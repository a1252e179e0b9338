/*
 * The ready queue: one FIFO list per priority and a bitmap of the
 * non-empty ones, so finding the highest ready priority is one
 * count-trailing-zeros (priority 0 is bit 0, the highest).
 */
#include "rt_internal.h"

void rt_ready_init(void)
{
	for (uint32_t p = 0; p < RT_NPRIO; p++)
		rt_list_init(&rt_k.ready[p]);
	rt_k.ready_map = 0;
}

void rt_ready_insert(struct rt_thread *t)
{
	rt_list_insert_before(&rt_k.ready[t->prio], &t->node);
	rt_k.ready_map |= 1u << t->prio;
}

void rt_ready_insert_head(struct rt_thread *t)
{
	rt_list_insert_before(rt_k.ready[t->prio].next, &t->node);
	rt_k.ready_map |= 1u << t->prio;
}

void rt_ready_remove(struct rt_thread *t)
{
	rt_list_remove(&t->node);
	if (rt_list_empty(&rt_k.ready[t->prio]))
		rt_k.ready_map &= ~(1u << t->prio);
}

void rt_ready_rotate(struct rt_thread *t)
{
	rt_list_remove(&t->node);
	rt_list_insert_before(&rt_k.ready[t->prio], &t->node);
}

struct rt_thread *rt_ready_first(void)
{
	if (!rt_k.ready_map)
		return NULL;
	uint32_t p = (uint32_t)__builtin_ctz(rt_k.ready_map);
	return RT_CONTAINER(rt_k.ready[p].next, struct rt_thread, node);
}
