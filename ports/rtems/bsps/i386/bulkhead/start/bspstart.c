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
#include <rtems/score/thread.h>
#include <bulkhead/bh.h>
#include <bulkhead/rtems_paravirt.h>

/* start.S: the table cpukit's i386 context switch writes TLS descriptors to. */
extern segment_descriptors _Global_descriptor_table[];

/*
 * Each thread's own virtual interrupt flag. On bare metal cpukit's i386
 * context switch keeps the interrupt flag per thread in the EFLAGS image it
 * saves with pushf and restores with popf; in ring 3 popf cannot change it,
 * and the virtual flag is one per partition, so a thread would resume with
 * the flag of the thread it switched from (sp37: the Init task went on
 * with interrupts disabled after a task of interrupt level 1 blocked).
 * This extension runs in _Thread_Do_dispatch just before the switch, where
 * the flag is the executing thread's level as the switch would save it. It
 * keeps that flag in the AVL bit (free for software) of the thread's TLS
 * descriptor in _Global_descriptor_table[3], which the switch then saves
 * into the thread's context, and sets the flag from the heir's saved bit.
 * A thread never switched out yet gets its level from _Thread_Handler.
 */
void bulkhead_thread_switch(rtems_tcb *executing, rtems_tcb *heir)
{
	if (executing != NULL)
		_Global_descriptor_table[3].available = bh_irq_enabled() ? 1u : 0u;
	if (heir->Registers.gs.available)
		bh_irq_enable();
	else
		(void)bh_irq_disable();
}

/*
 * cpukit's i386 context switch writes the heir's thread-pointer descriptor
 * into _Global_descriptor_table[3] and loads %gs with 0x18. The kernel
 * serves that load (a trap it emulates) from the 8 bytes registered here,
 * before the first context switch; until then gs is unusable.
 */
void bsp_start(void)
{
	if (bh_tls_desc(&_Global_descriptor_table[3]) != BH_OK)
		bh_bsp_fatal(RTEMS_FATAL_SOURCE_BSP, 0x715u);
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
