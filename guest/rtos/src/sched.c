/*
 * Scheduling decisions: who the heir is, switching to it, blocking and
 * waking, and what a clock tick does (timers, then the round-robin slice).
 *
 * The heir is the first thread of the highest non-empty ready list, or the
 * idle thread. The running thread stays at the head of its list, so a
 * preempted thread resumes before its equals, with what was left of its
 * slice; only a yield or an expired slice moves it behind them, and a
 * thread gets a fresh slice when it becomes ready or is moved.
 */
#include "rt_internal.h"

struct rt_kernel rt_k;

void rt_sched_init(void)
{
	rt_ready_init();
	rt_timer_init();
	rt_k.idle = (struct rt_thread){ .name = "idle", .state = RT_READY };
	rt_k.idle.prio = rt_k.idle.base_prio = RT_PRIO_IDLE;
	rt_k.current = rt_k.heir = NULL;
	rt_k.isr_nest = 0;
	rt_k.started = false;
	rt_k.threads = rt_k.last_thread = NULL;
	rt_k.nthreads = 0;
	rt_k.stats = (struct rt_stats){ 0 };
}

void rt_sched_update_heir(void)
{
	struct rt_thread *first = rt_ready_first();

	rt_k.heir = first ? first : &rt_k.idle;
}

void rt_dispatch(void)
{
	struct rt_thread *prev = rt_k.current, *next = rt_k.heir;

	if (rt_k.isr_nest || next == prev || !rt_k.started)
		return;
	rt_k.current = next;
	next->runs++;
	rt_k.stats.switches++;
	rt_port_switch(&prev->ctx, &next->ctx);
}

/* The caller's context becomes the idle thread; the heir starts. */
void rt_sched_start(void)
{
	rt_k.current = &rt_k.idle;
	rt_k.started = true;
	rt_sched_update_heir();
	rt_dispatch();
}

bool rt_can_block(void)
{
	return rt_k.started && !rt_k.isr_nest && rt_k.current != &rt_k.idle;
}

static void timeout_expired(struct rt_timer *tm)
{
	struct rt_thread *t = RT_CONTAINER(tm, struct rt_thread, timer);
	struct rt_waitq *wq = t->waiting_on;

	rt_unblock(t, wq ? RT_ETIMEOUT : RT_OK);
	if (wq && wq->bsem && wq->bsem->owner)
		rt_prio_update(wq->bsem->owner); /* it may lose what t lent it */
}

void rt_block(struct rt_thread *t, struct rt_waitq *wq, uint32_t timeout)
{
	rt_ready_remove(t);
	t->state = RT_BLOCKED;
	t->wait_result = RT_WAITING;
	t->waiting_on = NULL;
	if (wq)
		rt_waitq_insert(wq, t);
	if (timeout != RT_FOREVER)
		rt_timer_arm(&t->timer, timeout, timeout_expired);
	rt_sched_update_heir();
}

void rt_unblock(struct rt_thread *t, int32_t result)
{
	if (t->waiting_on)
		rt_waitq_remove(t);
	rt_timer_cancel(&t->timer);
	t->wait_result = result;
	t->state = RT_READY;
	t->slice_left = rt_k.slice_ticks;
	rt_ready_insert(t);
	rt_sched_update_heir();
}

/* One slice unit per tick upcall: ticks outside the window ran nobody. */
static void slice_account(void)
{
	struct rt_thread *c = rt_k.current;

	if (!rt_k.slice_ticks || !c || c == &rt_k.idle || c->state != RT_READY)
		return;
	if (c->slice_left > 1) {
		c->slice_left--;
		return;
	}
	c->slice_left = rt_k.slice_ticks;
	rt_ready_rotate(c);
}

void rt_tick_announce(uint32_t n)
{
	rt_k.stats.tick_interrupts++;
	rt_timer_advance(n);
	rt_k.stats.ticks = rt_k.ticks;
	slice_account();
	rt_sched_update_heir();
}
