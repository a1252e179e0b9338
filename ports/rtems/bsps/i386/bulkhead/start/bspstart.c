/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up, idle, CPU counter and reset of the i386/bulkhead BSP. The
 * kernel owns the descriptor tables, the interrupt controller and the
 * timers: start-up only brings up the interrupt layer, and every
 * privileged thing RTEMS would do on bare metal is a Bulkhead call.
 */
#include <bsp.h>
#include <bsp/bootcard.h>
#include <bsp/irq-generic.h>
#include <rtems/score/cpu.h>
#include <bulkhead/rtems_paravirt.h>

void bsp_start(void)
{
	bsp_interrupt_initialize();
}

/* The idle thread gives the processor back until an interrupt. */
void *bulkhead_idle_thread(uintptr_t ignored)
{
	(void)ignored;
	for (;;)
		bh_bsp_idle();
}

/* The CPU counter is the partition's nanosecond clock (1 GHz). */
uint32_t _CPU_Counter_frequency(void)
{
	return 1000000000u;
}

CPU_Counter_ticks _CPU_Counter_read(void)
{
	return (CPU_Counter_ticks)bh_bsp_clock_ns();
}

/*
 * The end of the application: a clean exit stops the partition; anything
 * else is reported to the health monitor (the configuration decides what
 * follows), then the partition stops.
 */
void bsp_reset(rtems_fatal_source source, rtems_fatal_code code)
{
	if (source == RTEMS_FATAL_SOURCE_EXIT && code == 0)
		bh_exit();
	bh_bsp_fatal((uint32_t)source, (uint32_t)code);
}
