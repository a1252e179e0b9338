/*
 * A printed summary of the executive's counters and threads, on the guest
 * library's console (used by the demo; handy in any partition).
 */
#include <bulkhead/bh.h>

#include "rt_internal.h"

static const char *state_name(uint8_t s)
{
	return s == RT_READY ? "ready" : s == RT_BLOCKED ? "blocked" : "dormant";
}

void rt_report(void)
{
	struct rt_stats st;

	rt_stats_get(&st);
	bh_printf("executive: %llu ticks of %u us, %u thread switches, %u interrupts handled "
		  "(%u tick upcalls), %u faults\n",
		  st.ticks, bh_vstate->tick_period_ns / 1000, st.switches, st.interrupts,
		  st.tick_interrupts, st.faults);
	for (const struct rt_thread *t = rt_thread_next(NULL); t; t = rt_thread_next(t))
		bh_printf("  thread %s (priority %u): ran %u times, %s, %u restarts\n", t->name,
			  t->base_prio, t->runs, state_name(t->state), t->restarts);
}
