/*
 * Tick timers: a delta list, each entry holding the ticks after the one
 * before it, so a tick costs one decrement however many timers wait.
 *
 * The partition's clock may announce several ticks at once (ticks that
 * fell outside its windows arrive together at the start of the next one).
 * rt_timer_advance(n) therefore walks the list in order, moving the clock
 * exactly to each expiry before running it: timers fire in due order, each
 * sees rt_ticks() equal to its due tick, and after the call the clock has
 * advanced by exactly n.
 */
#include "rt_internal.h"

void rt_timer_init(void)
{
	rt_list_init(&rt_k.timers);
	rt_k.ticks = 0;
}

static struct rt_timer *timer_of(struct rt_node *n)
{
	return RT_CONTAINER(n, struct rt_timer, node);
}

void rt_timer_arm(struct rt_timer *tm, uint32_t ticks, void (*fn)(struct rt_timer *))
{
	struct rt_node *pos = rt_k.timers.next;
	uint32_t left = ticks;

	while (pos != &rt_k.timers && timer_of(pos)->delta <= left) {
		left -= timer_of(pos)->delta;
		pos = pos->next;
	}
	if (pos != &rt_k.timers)
		timer_of(pos)->delta -= left;
	tm->delta = left;
	tm->due = rt_k.ticks + ticks;
	tm->fn = fn;
	tm->armed = true;
	rt_list_insert_before(pos, &tm->node);
}

void rt_timer_cancel(struct rt_timer *tm)
{
	if (!tm->armed)
		return;
	if (tm->node.next != &rt_k.timers)
		timer_of(tm->node.next)->delta += tm->delta;
	rt_list_remove(&tm->node);
	tm->armed = false;
}

/* Run every timer whose delta reached zero (they share the current tick). */
static void expire_due(void)
{
	while (!rt_list_empty(&rt_k.timers)) {
		struct rt_timer *tm = timer_of(rt_k.timers.next);
		if (tm->delta)
			return;
		rt_list_remove(&tm->node);
		tm->armed = false;
		tm->fn(tm);
	}
}

void rt_timer_advance(uint32_t n)
{
	while (n) {
		struct rt_timer *first =
			rt_list_empty(&rt_k.timers) ? NULL : timer_of(rt_k.timers.next);
		if (!first || first->delta > n) {
			if (first)
				first->delta -= n;
			rt_k.ticks += n;
			return;
		}
		n -= first->delta;
		rt_k.ticks += first->delta;
		first->delta = 0;
		expire_due();
	}
}
