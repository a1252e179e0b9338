/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up, idle and reset of the i386/bulkhead BSP (the CPU counter is
 * cpukit's default on the installed timecounter: the partition's ns clock). The
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
