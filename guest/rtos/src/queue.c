/*
 * Message queues of fixed-size messages in a caller-supplied ring. A send
 * to a waiting receiver copies straight into the receiver's buffer; a
 * receive from a full queue refills the slot it freed from the most urgent
 * waiting sender. An ISR may send or receive with RT_NOWAIT.
 */
#include "rt_internal.h"

int rt_queue_init(struct rt_queue *q, void *buf, uint32_t msg_size, uint32_t capacity)
{
	if (!q || !buf || !msg_size || !capacity)
		return RT_EINVAL;
	rt_waitq_init(&q->recv_wq, NULL);
	rt_waitq_init(&q->send_wq, NULL);
	q->buf = buf;
	q->msg_size = msg_size;
	q->capacity = capacity;
	q->count = q->head = 0;
	return RT_OK;
}

static void ring_put(struct rt_queue *q, const void *msg)
{
	uint32_t slot = (q->head + q->count) % q->capacity;

	__builtin_memcpy(q->buf + slot * q->msg_size, msg, q->msg_size);
	q->count++;
}

static void ring_get(struct rt_queue *q, void *msg)
{
	__builtin_memcpy(msg, q->buf + q->head * q->msg_size, q->msg_size);
	q->head = (q->head + 1) % q->capacity;
	q->count--;
}

/* Block the caller on wq with its message buffer; the wake result. */
static int wait_on(struct rt_waitq *wq, void *data, uint32_t timeout)
{
	struct rt_thread *self = rt_k.current;

	if (timeout == RT_NOWAIT)
		return RT_EAGAIN;
	if (!rt_can_block())
		return RT_EPERM;
	self->wait_data = data;
	rt_block(self, wq, timeout);
	rt_dispatch();
	return self->wait_result;
}

static int send_locked(struct rt_queue *q, const void *msg, uint32_t timeout)
{
	struct rt_thread *r = rt_waitq_first(&q->recv_wq);

	if (r) {
		__builtin_memcpy(r->wait_data, msg, q->msg_size);
		rt_unblock(r, RT_OK);
		rt_dispatch();
		return RT_OK;
	}
	if (q->count < q->capacity) {
		ring_put(q, msg);
		return RT_OK;
	}
	return wait_on(&q->send_wq, (void *)(uintptr_t)msg, timeout);
}

int rt_queue_send(struct rt_queue *q, const void *msg, uint32_t timeout)
{
	if (!q || !msg)
		return RT_EINVAL;
	uint32_t level = rt_port_disable();
	int r = send_locked(q, msg, timeout);
	rt_port_restore(level);
	return r;
}

static int recv_locked(struct rt_queue *q, void *msg, uint32_t timeout)
{
	if (!q->count)
		return wait_on(&q->recv_wq, msg, timeout);
	ring_get(q, msg);
	struct rt_thread *s = rt_waitq_first(&q->send_wq);
	if (s) {
		ring_put(q, s->wait_data);
		rt_unblock(s, RT_OK);
		rt_dispatch();
	}
	return RT_OK;
}

int rt_queue_recv(struct rt_queue *q, void *msg, uint32_t timeout)
{
	if (!q || !msg)
		return RT_EINVAL;
	uint32_t level = rt_port_disable();
	int r = recv_locked(q, msg, timeout);
	rt_port_restore(level);
	return r;
}

uint32_t rt_queue_count(const struct rt_queue *q)
{
	return q->count;
}
