/*
 * The executive's side of APEX queuing waits (bulkhead/apex.h, struct
 * apex_waiter): one binary semaphore per port, posted by an ISR on the
 * port's vector. A waiting thread blocks on it with its deadline and, once
 * woken, tries its send or receive again; a post that nobody waited for
 * only costs the next waiter one extra try.
 */
#include <bulkhead/apex.h>
#include <bulkhead/bh.h>

#include "rt_internal.h"

#define WAIT_PORTS 16u

static struct rt_sem wake[WAIT_PORTS];
static uint32_t attached; /* bit per slot */

static bool can_wait(void)
{
	return rt_can_block();
}

/*
 * One wake-up per arrival, for as many threads as wait: `count` arrivals
 * may have been coalesced into this one upcall. A post with nobody waiting
 * leaves the count at 1 and the next one is refused, which ends the loop.
 */
static void port_isr(void *arg, uint32_t count)
{
	for (uint32_t i = 0; i < count && rt_sem_post(arg) == RT_OK; i++)
		;
}

static int attach(uint32_t slot, uint32_t vector)
{
	int r;

	if (slot >= WAIT_PORTS)
		return RT_EINVAL;
	rt_sem_init(&wake[slot], 0, 1);
	r = rt_isr_install(vector, port_isr, &wake[slot]);
	if (r == RT_OK)
		attached |= 1u << slot;
	return r;
}

static bool wait_until(uint32_t slot, uint64_t deadline)
{
	uint64_t now = rt_ticks();
	uint32_t ticks;

	if (slot >= WAIT_PORTS || !(attached >> slot & 1u) || now >= deadline)
		return false; /* nothing would wake it: only the deadline */
	ticks = deadline == APEX_FOREVER_TICK || deadline - now >= RT_FOREVER
			? RT_FOREVER
			: (uint32_t)(deadline - now);
	return rt_sem_wait(&wake[slot], ticks) == RT_OK;
}

static uint64_t now(void)
{
	return rt_ticks();
}

void rt_apex_init(void)
{
	static struct apex_waiter w = { can_wait, attach, wait_until, now, 0 };

	attached = 0; /* a warm restart keeps memory: nothing is attached yet */
	w.tick_ns = bh_vstate->tick_period_ns;
	if (w.tick_ns)
		apex_set_waiter(&w);
}
