/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt vectors of the i386/bulkhead BSP: RTEMS vector v is Bulkhead
 * virtual vector v (bulkhead/abi.h): 0 tick, 1 one-shot timer, 8..23
 * ports, 32 + n physical line n, 64 + n propagated CPU exception n.
 */
#ifndef LIBBSP_I386_BULKHEAD_IRQ_H
#define LIBBSP_I386_BULKHEAD_IRQ_H

#ifndef ASM
#include <rtems.h>
#include <rtems/irq.h>
#include <rtems/irq-extension.h>

#define BSP_INTERRUPT_VECTOR_COUNT 96
#define BULKHEAD_IRQ_TICK 0
#define BULKHEAD_IRQ_TIMER 1
#define BULKHEAD_IRQ_LINE(n) (32 + (n))
#define BULKHEAD_IRQ_TRAP(n) (64 + (n))

#endif /* ASM */
#endif /* LIBBSP_I386_BULKHEAD_IRQ_H */
