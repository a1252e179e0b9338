/*
 * APEX queuing port services. A send to a full port or a receive from an
 * empty one answers NOT_AVAILABLE at once with a zero time-out; otherwise
 * the calling thread waits (through the executive's apex_waiter) until the
 * port's vector wakes it, then tries again, until the deadline: the
 * destination's arrival vector for a receive, the source's
 * space-available vector for a send (docs/ports.md).
 */
#include "apex_internal.h"

static RETURN_CODE_TYPE check_create(const struct apex_port *p, MESSAGE_SIZE_TYPE size,
				     MESSAGE_RANGE_TYPE depth, PORT_DIRECTION_TYPE dir,
				     QUEUING_DISCIPLINE_TYPE disc)
{
	if (size <= 0 || (uint32_t)size != p->info.max_size)
		return INVALID_CONFIG;
	if (depth <= 0 || (uint32_t)depth != p->info.depth)
		return INVALID_CONFIG;
	if ((dir != SOURCE && dir != DESTINATION) || (uint32_t)dir != p->info.direction)
		return INVALID_CONFIG;
	if (disc != FIFO && disc != PRIORITY)
		return INVALID_CONFIG;
	return NO_ERROR;
}

void CREATE_QUEUING_PORT(const APEX_NAME_ARG *name, MESSAGE_SIZE_TYPE size,
			 MESSAGE_RANGE_TYPE depth, PORT_DIRECTION_TYPE dir,
			 QUEUING_DISCIPLINE_TYPE disc, QUEUING_PORT_ID_TYPE *id,
			 RETURN_CODE_TYPE *rc)
{
	const struct apex_waiter *w;
	struct apex_port *p;

	*id = 0;
	p = apex_port_creatable(name, BH_PORT_QUEUING, rc);
	if (!p)
		return;
	*rc = check_create(p, size, depth, dir, disc);
	if (*rc != NO_ERROR)
		return;
	w = apex_waiter_installed(); /* creation runs before the threads do */
	if (w && p->info.vector != BH_PORT_NO_VECTOR)
		w->attach((uint32_t)apex_port_id(p) - 1u, p->info.vector);
	p->created = true;
	*id = apex_port_id(p);
}

/*
 * The tick by which a wait of `timeout` ns ends: the nearest whole number
 * of the partition's ticks (its vCPU tick period), at least one.
 */
static uint64_t deadline_of(const struct apex_waiter *w, SYSTEM_TIME_TYPE timeout)
{
	uint64_t ticks;

	if (timeout == INFINITE_TIME_VALUE)
		return APEX_FOREVER_TICK;
	ticks = ((uint64_t)timeout + w->tick_ns / 2u) / w->tick_ns;
	return w->now() + (ticks ? ticks : 1u);
}

/* Repeat `try` (one hypercall: 0 done, BH_EAGAIN not now, else an error)
 * until done, an error, or the time-out. */
static RETURN_CODE_TYPE with_wait(struct apex_port *p, SYSTEM_TIME_TYPE timeout,
				  int32_t (*try)(struct apex_port *p, void *arg), void *arg)
{
	const struct apex_waiter *w;
	uint64_t deadline;
	int32_t r = try(p, arg);

	if (r != BH_EAGAIN)
		return r < 0 ? INVALID_PARAM : NO_ERROR;
	if (timeout == 0)
		return NOT_AVAILABLE;
	w = apex_waiter_get();
	if (!w)
		return INVALID_MODE; /* no thread to block */
	if (p->info.vector == BH_PORT_NO_VECTOR)
		return INVALID_CONFIG; /* nothing would wake it */
	deadline = deadline_of(w, timeout);
	p->waiting++;
	for (bool woken = true; r == BH_EAGAIN && woken;) {
		woken = w->wait_until((uint32_t)apex_port_id(p) - 1u, deadline);
		r = try(p, arg);
	}
	p->waiting--;
	if (r == BH_EAGAIN)
		return TIMED_OUT;
	return r < 0 ? INVALID_PARAM : NO_ERROR;
}

struct send_args {
	const void *msg;
	uint32_t len;
};

static int32_t try_send(struct apex_port *p, void *arg)
{
	const struct send_args *a = arg;

	return bh_port_write(p->info.id, a->msg, a->len);
}

void SEND_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE len,
			  SYSTEM_TIME_TYPE timeout, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_QUEUING);
	struct send_args a = { msg, (uint32_t)len };

	if (!p || len <= 0 || timeout < INFINITE_TIME_VALUE)
		*rc = INVALID_PARAM;
	else if ((uint32_t)len > p->info.max_size)
		*rc = INVALID_CONFIG;
	else if (p->info.direction != BH_PORT_SOURCE)
		*rc = INVALID_MODE;
	else
		*rc = with_wait(p, timeout, try_send, &a);
}

struct recv_args {
	void *msg;
	MESSAGE_SIZE_TYPE *len;
};

static int32_t try_receive(struct apex_port *p, void *arg)
{
	const struct recv_args *a = arg;
	int32_t r = bh_port_read(p->info.id, a->msg, p->info.max_size, NULL);

	if (r >= 0)
		*a->len = r;
	return r < 0 ? r : 0;
}

void RECEIVE_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE id, SYSTEM_TIME_TYPE timeout,
			     MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE *len, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_QUEUING);
	struct recv_args a = { msg, len };

	*len = 0;
	if (!p || timeout < INFINITE_TIME_VALUE)
		*rc = INVALID_PARAM;
	else if (p->info.direction != BH_PORT_DESTINATION)
		*rc = INVALID_MODE;
	else
		*rc = with_wait(p, timeout, try_receive, &a);
}

void GET_QUEUING_PORT_ID(const APEX_NAME_ARG *name, QUEUING_PORT_ID_TYPE *id,
			 RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_name(name, BH_PORT_QUEUING);

	*id = 0;
	if (!p || !p->created) {
		*rc = INVALID_CONFIG;
		return;
	}
	*id = apex_port_id(p);
	*rc = NO_ERROR;
}

void GET_QUEUING_PORT_STATUS(QUEUING_PORT_ID_TYPE id, QUEUING_PORT_STATUS_TYPE *st,
			     RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_QUEUING);
	struct bh_port_status ks;

	if (!p || bh_port_status(p->info.id, &ks) != BH_OK) {
		*rc = INVALID_PARAM;
		return;
	}
	st->NB_MESSAGE = (MESSAGE_RANGE_TYPE)ks.nb_messages;
	st->MAX_NB_MESSAGE = (MESSAGE_RANGE_TYPE)p->info.depth;
	st->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)p->info.max_size;
	st->PORT_DIRECTION = p->info.direction == BH_PORT_SOURCE ? SOURCE : DESTINATION;
	st->WAITING_PROCESSES = (WAITING_RANGE_TYPE)p->waiting;
	*rc = NO_ERROR;
}

void CLEAR_QUEUING_PORT(QUEUING_PORT_ID_TYPE id, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_QUEUING);

	if (!p)
		*rc = INVALID_PARAM;
	else if (p->info.direction != BH_PORT_DESTINATION)
		*rc = INVALID_MODE;
	else
		*rc = bh_port_clear(p->info.id) == BH_OK ? NO_ERROR : INVALID_PARAM;
}
