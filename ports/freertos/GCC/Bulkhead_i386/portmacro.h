/*
 * FreeRTOS port to a Bulkhead partition (i386, ring 3): types and the
 * port's macros. Critical sections are the RTEMS_PARAVIRT interrupt
 * functions of the Bulkhead guest library (a store to the vCPU page, a
 * hypercall only when an interrupt is pending); a yield is a plain
 * user-mode switch; a yield from an interrupt happens at the upcall's
 * return (port.c).
 */
#ifndef PORTMACRO_H
#define PORTMACRO_H

#include <stdint.h>
#include <bulkhead/rtems_paravirt.h>

#ifdef __cplusplus
extern "C" {
#endif

#define portCHAR char
#define portFLOAT float
#define portDOUBLE double
#define portLONG long
#define portSHORT short
#define portSTACK_TYPE uint32_t
#define portBASE_TYPE long

typedef portSTACK_TYPE StackType_t;
typedef long BaseType_t;
typedef unsigned long UBaseType_t;

#if (configTICK_TYPE_WIDTH_IN_BITS == TICK_TYPE_WIDTH_32_BITS)
typedef uint32_t TickType_t;
#define portMAX_DELAY ((TickType_t)0xffffffffUL)
#define portTICK_TYPE_IS_ATOMIC 1
#else
#error "the Bulkhead i386 port supports 32-bit ticks only"
#endif

#define portSTACK_GROWTH (-1)
#define portTICK_PERIOD_MS ((TickType_t)1000 / configTICK_RATE_HZ)
#define portBYTE_ALIGNMENT 16
#define portNOP() __asm__ volatile("nop")
#define portMEMORY_BARRIER() __asm__ volatile("" ::: "memory")

/* Critical sections (nesting kept per task, port.c). */
void vPortEnterCritical(void);
void vPortExitCritical(void);
#define portENTER_CRITICAL() vPortEnterCritical()
#define portEXIT_CRITICAL() vPortExitCritical()
#define portDISABLE_INTERRUPTS() ((void)i386_disable_interrupts())
#define portENABLE_INTERRUPTS() i386_enable_interrupts(BH_RTEMS_LEVEL_IF)
/* In an ISR (an upcall), interrupts are already disabled. */
#define portSET_INTERRUPT_MASK_FROM_ISR() i386_disable_interrupts()
#define portCLEAR_INTERRUPT_MASK_FROM_ISR(x) i386_enable_interrupts(x)

/* Yields. */
void vPortYield(void);
void vPortYieldFromISR(BaseType_t switch_required);
#define portYIELD() vPortYield()
#define portYIELD_FROM_ISR(x) vPortYieldFromISR(x)
#define portEND_SWITCHING_ISR(x) vPortYieldFromISR(x)

#define portTASK_FUNCTION_PROTO(fn, params) void fn(void *params)
#define portTASK_FUNCTION(fn, params) void fn(void *params)

/*
 * The port's interrupt layer, for applications: install an ISR on a
 * Bulkhead virtual vector (a physical line the configuration gives the
 * partition is BH_VEC_IRQ(n)); the ISR may use the FromISR API and
 * portYIELD_FROM_ISR.
 */
typedef void (*PortISR_t)(void *arg);
BaseType_t xPortInstallInterruptHandler(uint32_t vector, PortISR_t isr, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* PORTMACRO_H */
