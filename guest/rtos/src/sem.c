/*
 * Counting semaphores. A post wakes the most urgent waiter directly (the
 * count stays 0) and may come from an ISR; a post at the maximum count
 * with nobody waiting is refused (RT_EAGAIN) rather than lost silently.
 */
#include "rt_internal.h"

int rt_sem_init(struct rt_sem *s, uint32_t initial, uint32_t max)
{
	if (!s || !max || initial > max)
		return RT_EINVAL;
	rt_waitq_init(&s->wq, NULL);
	s->count = initial;
	s->max = max;
	return RT_OK;
}

int rt_sem_wait(struct rt_sem *s, uint32_t timeout)
{
	if (!s)
		return RT_EINVAL;
	uint32_t level = rt_port_disable();
	int r = RT_OK;
	if (s->count)
		s->count--;
	else if (timeout == RT_NOWAIT)
		r = RT_EAGAIN;
	else if (!rt_can_block())
		r = RT_EPERM;
	else {
		struct rt_thread *self = rt_k.current;
		rt_block(self, &s->wq, timeout);
		rt_dispatch();
		r = self->wait_result;
	}
	rt_port_restore(level);
	return r;
}

int rt_sem_post(struct rt_sem *s)
{
	if (!s)
		return RT_EINVAL;
	uint32_t level = rt_port_disable();
	struct rt_thread *w = rt_waitq_first(&s->wq);
	int r = RT_OK;
	if (w) {
		rt_unblock(w, RT_OK);
		rt_dispatch();
	} else if (s->count < s->max)
		s->count++;
	else
		r = RT_EAGAIN;
	rt_port_restore(level);
	return r;
}

uint32_t rt_sem_count(const struct rt_sem *s)
{
	return s->count;
}
