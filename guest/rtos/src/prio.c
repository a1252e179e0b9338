/*
 * Priority inheritance. A thread's effective priority is the highest of
 * its own and those of the threads waiting on the binary semaphores it
 * owns. When it changes, the thread moves within the ready queue or its
 * wait queue, and if it is itself waiting on a binary semaphore the change
 * travels on to that owner (transitive inheritance). The walk stops when a
 * priority does not change, so it ends even on a deadlock cycle.
 */
#include "rt_internal.h"

static uint8_t prio_wanted(const struct rt_thread *t)
{
	uint8_t p = t->base_prio;

	for (const struct rt_bsem *m = t->held; m; m = m->next_held) {
		const struct rt_thread *w = rt_waitq_first(&m->wq);
		if (w && w->prio < p)
			p = w->prio;
	}
	return p;
}

/* The running thread keeps its turn; others queue behind their equals. */
static void prio_apply(struct rt_thread *t, uint8_t p)
{
	if (t->state != RT_READY || t == &rt_k.idle) {
		t->prio = p;
		if (t->waiting_on)
			rt_waitq_requeue(t);
		return;
	}
	rt_ready_remove(t);
	t->prio = p;
	if (t == rt_k.current)
		rt_ready_insert_head(t);
	else
		rt_ready_insert(t);
	rt_sched_update_heir();
}

void rt_prio_update(struct rt_thread *t)
{
	while (t) {
		uint8_t p = prio_wanted(t);
		if (p == t->prio)
			return;
		prio_apply(t, p);
		struct rt_waitq *wq = t->waiting_on;
		t = (t->state == RT_BLOCKED && wq && wq->bsem) ? wq->bsem->owner : NULL;
	}
}
