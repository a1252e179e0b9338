/*
 * The virtual tick keeps its exact configured rate over a long run.
 *
 * The kernel tick is a whole number of PIT periods (999847 ns for 1 ms), so
 * a tick counted in kernel ticks drifts (150 ppm). Every upcall checks
 * that the ticks received so far are exactly floor(t * rate) where t is
 * the kernel time of the tick that raised them (the vCPU page's time_ns),
 * ticks that fell outside the partition's windows included; that a tick
 * that became due inside the window came less than one kernel tick after
 * its ideal instant (the documented phase bound); and that ticks due
 * before the window arrived at its first tick. After RUN_NS of kernel
 * time it prints the totals and its result. Both partitions of the system
 * run this image at different rates.
 */
#include <bhtest.h>

#define RUN_NS 20000000000ull /* 20 s */
#define KERNEL_TICK_NS 999847u

static uint32_t hz, period_ns;
static uint64_t ticks, late_max, checked;
static volatile bool done;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	uint64_t t = bh_vstate->time_ns, ideal;

	(void)vector;
	(void)f;
	ticks += count;
	checked++;
	BHT_CHECK(ticks == t * hz / 1000000000u, "%llu ticks at %llu ns, expected %llu",
		  (unsigned long long)ticks, (unsigned long long)t,
		  (unsigned long long)(t * hz / 1000000000u));
	ideal = ticks * period_ns;
	BHT_CHECK(t >= ideal, "tick %llu early", (unsigned long long)ticks);
	if (ideal > bh_vstate->window_start_ns) { /* due inside this window */
		BHT_CHECK(t - ideal < KERNEL_TICK_NS, "tick %llu is %llu ns late",
			  (unsigned long long)ticks, (unsigned long long)(t - ideal));
		if (t - ideal > late_max)
			late_max = t - ideal;
	} else {
		BHT_CHECK(t == bh_vstate->window_start_ns, "tick %llu not at window start",
			  (unsigned long long)ticks);
	}
	if (t >= RUN_NS)
		done = true;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	bht_init("virq_tickrate");
	period_ns = bh_vstate->tick_period_ns;
	hz = 1000000000u / period_ns;
	BHT_EQ((uint64_t)hz * period_ns, 1000000000u); /* test rates divide 1 s */
	bh_virq_init();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	while (!done)
		bh_idle();
	bh_irq_disable();
	bh_printf("%u Hz: %llu ticks at %llu ns, %llu upcalls, latest on-time tick %llu ns "
		  "after its ideal time\n",
		  hz, (unsigned long long)ticks, (unsigned long long)bh_vstate->time_ns,
		  (unsigned long long)checked, (unsigned long long)late_max);
	BHT_CHECK(late_max > 0, "no tick was late: the kernel tick would be exact");
	bht_finish_and_stop(false);
}
