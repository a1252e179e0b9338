/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Clock driver of the i386/bulkhead BSP.
 *
 * The tick: the partition's virtual clock tick (BH_VEC_TICK) when its rate
 * (the configuration's `tick` line) is RTEMS's configured tick; otherwise
 * the partition's one-shot timer (BH_VEC_TIMER) re-armed at absolute
 * deadlines, one RTEMS tick apart, so that any configured tick keeps its
 * exact long-run rate. Either way, ticks that fell outside the partition's
 * windows arrive together at its next window, and each is announced.
 *
 * The timecounter is the partition's nanosecond clock (a 1 GHz counter).
 */
#include <bsp.h>
#include <bsp/fatal.h>
#include <bsp/irq.h>
#include <rtems/timecounter.h>
#include <bulkhead/rtems_paravirt.h>

typedef void (*bulkhead_clock_isr_t)(void *);

static struct timecounter bulkhead_tc;
static bulkhead_clock_isr_t bulkhead_clock_isr;
static uint64_t bulkhead_period_ns;
static uint64_t bulkhead_deadline;

static uint32_t bulkhead_tc_get(struct timecounter *tc)
{
	(void)tc;
	return (uint32_t)bh_bsp_clock_ns();
}

static void bulkhead_announce(uint32_t ticks)
{
	while (ticks-- > 0)
		(*bulkhead_clock_isr)(NULL);
}

static void bulkhead_tick_isr(void *arg)
{
	(void)arg;
	bulkhead_announce(bulkhead_interrupt_frame()->count);
}

static void bulkhead_timer_isr(void *arg)
{
	uint64_t now = bh_bsp_clock_ns();
	uint32_t due = 0;

	(void)arg;
	while (bulkhead_deadline <= now) {
		bulkhead_deadline += bulkhead_period_ns;
		due++;
	}
	bh_timer_set(bulkhead_deadline);
	bulkhead_announce(due);
}

static bool bulkhead_use_tick(void)
{
	return bh_bsp_clock_tick_ns() == bulkhead_period_ns;
}

static void bulkhead_clock_install(bulkhead_clock_isr_t isr)
{
	rtems_status_code sc;

	bulkhead_clock_isr = isr;
	bulkhead_period_ns = 1000u * (uint64_t)rtems_configuration_get_microseconds_per_tick();
	if (bulkhead_use_tick())
		sc = rtems_interrupt_handler_install(BULKHEAD_IRQ_TICK, "Clock",
						     RTEMS_INTERRUPT_UNIQUE,
						     bulkhead_tick_isr, NULL);
	else
		sc = rtems_interrupt_handler_install(BULKHEAD_IRQ_TIMER, "Clock",
						     RTEMS_INTERRUPT_UNIQUE,
						     bulkhead_timer_isr, NULL);
	if (sc != RTEMS_SUCCESSFUL)
		bsp_fatal(BSP_FATAL_INTERRUPT_INITIALIZATION);
}

static void bulkhead_clock_start(void)
{
	if (!bulkhead_use_tick()) {
		bulkhead_deadline = bh_bsp_clock_ns() + bulkhead_period_ns;
		bh_timer_set(bulkhead_deadline);
	}
	bulkhead_tc.tc_get_timecount = bulkhead_tc_get;
	bulkhead_tc.tc_counter_mask = 0xffffffffu;
	bulkhead_tc.tc_frequency = 1000000000u;
	bulkhead_tc.tc_quality = RTEMS_TIMECOUNTER_QUALITY_CLOCK_DRIVER;
	rtems_timecounter_install(&bulkhead_tc);
}

#define Clock_driver_support_install_isr(isr) \
	bulkhead_clock_install((bulkhead_clock_isr_t)(isr))
#define Clock_driver_support_initialize_hardware() bulkhead_clock_start()

#include "../../../shared/dev/clock/clockimpl.h"
