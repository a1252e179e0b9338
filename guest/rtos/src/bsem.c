/*
 * Binary semaphores with ownership and priority inheritance (a mutex in
 * all but name, as RTEMS's binary semaphores are). The owner may take it
 * again (nesting); giving it back hands it straight to the most urgent
 * waiter, so no third thread can barge in between.
 */
#include "rt_internal.h"

int rt_bsem_init(struct rt_bsem *m)
{
	if (!m)
		return RT_EINVAL;
	rt_waitq_init(&m->wq, m);
	m->owner = NULL;
	m->nest = 0;
	m->next_held = NULL;
	return RT_OK;
}

static void held_push(struct rt_thread *t, struct rt_bsem *m)
{
	m->owner = t;
	m->nest = 1;
	m->next_held = t->held;
	t->held = m;
}

static void held_remove(struct rt_thread *t, struct rt_bsem *m)
{
	struct rt_bsem **pp = &t->held;

	while (*pp && *pp != m)
		pp = &(*pp)->next_held;
	if (*pp)
		*pp = m->next_held;
	m->next_held = NULL;
}

/*
 * Would self waiting on m close a cycle of owners? Every blocking take
 * asks, so no cycle exists yet; the walk is bounded all the same.
 */
static bool would_deadlock(const struct rt_bsem *m, const struct rt_thread *self)
{
	uint32_t steps = 0;

	for (const struct rt_thread *o = m->owner; o && steps <= rt_k.nthreads; steps++) {
		if (o == self)
			return true;
		const struct rt_waitq *wq = o->waiting_on;
		o = (o->state == RT_BLOCKED && wq && wq->bsem) ? wq->bsem->owner : NULL;
	}
	return false;
}

static int take_locked(struct rt_bsem *m, uint32_t timeout)
{
	struct rt_thread *self = rt_k.current;

	if (!m->owner) {
		held_push(self, m);
		return RT_OK;
	}
	if (m->owner == self) {
		m->nest++;
		return RT_OK;
	}
	if (timeout == RT_NOWAIT)
		return RT_EAGAIN;
	if (would_deadlock(m, self))
		return RT_EDEADLK;
	rt_block(self, &m->wq, timeout);
	rt_prio_update(m->owner);
	rt_dispatch();
	return self->wait_result;
}

int rt_bsem_take(struct rt_bsem *m, uint32_t timeout)
{
	if (!m)
		return RT_EINVAL;
	if (!rt_can_block())
		return RT_EPERM;
	uint32_t level = rt_port_disable();
	int r = take_locked(m, timeout);
	rt_port_restore(level);
	return r;
}

/* t gives m up entirely: to the first waiter, or to nobody. */
static void release(struct rt_bsem *m, struct rt_thread *t)
{
	struct rt_thread *w = rt_waitq_first(&m->wq);

	held_remove(t, m);
	m->owner = NULL;
	m->nest = 0;
	if (w) {
		rt_unblock(w, RT_OK);
		held_push(w, m);
		rt_prio_update(w); /* it inherits from the waiters still queued */
	}
	rt_prio_update(t);
}

int rt_bsem_give(struct rt_bsem *m)
{
	if (!m)
		return RT_EINVAL;
	if (rt_k.isr_nest)
		return RT_EPERM;
	uint32_t level = rt_port_disable();
	int r = RT_OK;
	if (m->owner != rt_k.current)
		r = RT_EPERM;
	else if (--m->nest == 0) {
		release(m, rt_k.current);
		rt_dispatch();
	}
	rt_port_restore(level);
	return r;
}

void rt_bsem_release_all(struct rt_thread *t)
{
	while (t->held)
		release(t->held, t);
}
