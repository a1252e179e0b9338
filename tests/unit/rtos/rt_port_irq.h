/*
 * The fake port's critical sections are functions (port_host.c), so that
 * the unit tests can count them and see the level they leave.
 */
#ifndef RTOS_RT_PORT_IRQ_H
#define RTOS_RT_PORT_IRQ_H

#include <stdint.h>

uint32_t rt_port_disable(void); /* returns the previous level */
void rt_port_restore(uint32_t level);
void rt_port_enable(void);

#endif /* RTOS_RT_PORT_IRQ_H */
