/*
 * Wait queues: the threads blocked on one semaphore or queue, highest
 * priority first and FIFO among equal priorities, so the thread a post
 * wakes is always the most urgent one.
 */
#include "rt_internal.h"

void rt_waitq_init(struct rt_waitq *wq, struct rt_bsem *bsem)
{
	rt_list_init(&wq->head);
	wq->bsem = bsem;
}

static struct rt_thread *thread_of(struct rt_node *n)
{
	return RT_CONTAINER(n, struct rt_thread, node);
}

void rt_waitq_insert(struct rt_waitq *wq, struct rt_thread *t)
{
	struct rt_node *pos = wq->head.next;

	while (pos != &wq->head && thread_of(pos)->prio <= t->prio)
		pos = pos->next;
	rt_list_insert_before(pos, &t->node);
	t->waiting_on = wq;
}

void rt_waitq_remove(struct rt_thread *t)
{
	rt_list_remove(&t->node);
	t->waiting_on = NULL;
}

void rt_waitq_requeue(struct rt_thread *t)
{
	struct rt_waitq *wq = t->waiting_on;

	rt_waitq_remove(t);
	rt_waitq_insert(wq, t);
}

struct rt_thread *rt_waitq_first(const struct rt_waitq *wq)
{
	return rt_list_empty(&wq->head) ? NULL : thread_of(wq->head.next);
}
