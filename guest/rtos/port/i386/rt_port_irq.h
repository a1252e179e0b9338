/*
 * The executive's critical sections on Bulkhead, inline in every caller:
 * a load and a store to disable, a store, a test and a branch to enable
 * (bh.h). Out of line they cost a call, a return and the level's
 * conversion in each of the executive's services; RTEMS's CPU ports keep
 * theirs inline in the same way.
 *
 * The level is BH_RTEMS_LEVEL_IF if virtual interrupts were enabled, as
 * i386_disable_interrupts() returns it on the paravirtual RTEMS BSP: the
 * same conversion (rtems_paravirt.h), inline.
 */
#ifndef RTOS_RT_PORT_IRQ_H
#define RTOS_RT_PORT_IRQ_H

#include <bulkhead/bh.h>
#include <bulkhead/rtems_paravirt.h>

static inline uint32_t rt_port_disable(void)
{
	return bh_rtems_level_disable();
}

static inline void rt_port_restore(uint32_t level)
{
	bh_rtems_level_restore(level);
}

static inline void rt_port_enable(void)
{
	bh_irq_enable();
}

#endif /* RTOS_RT_PORT_IRQ_H */
