/*
 * The ring-0 port's critical sections (rt0_port.c), inline in every caller
 * as the paravirtual port's are (guest/rtos/port/i386/rt_port_irq.h), so
 * that irq_to_thread compares like with like: pushf; cli to disable, sti
 * to enable when the saved level had IF.
 */
#ifndef RTOS_RT_PORT_IRQ_H
#define RTOS_RT_PORT_IRQ_H

#include <stdint.h>

#define RT0_LEVEL_IF 0x200u /* EFLAGS.IF */

static inline uint32_t rt_port_disable(void)
{
	uint32_t flags;

	__asm__ volatile("pushfl\n\tpopl %0\n\tcli" : "=r"(flags) : : "memory");
	return flags & RT0_LEVEL_IF;
}

static inline void rt_port_restore(uint32_t level)
{
	if (level & RT0_LEVEL_IF)
		__asm__ volatile("sti" ::: "memory");
}

static inline void rt_port_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

#endif /* RTOS_RT_PORT_IRQ_H */
