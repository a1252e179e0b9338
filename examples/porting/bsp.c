/*
 * The BSP of a port, on the SDK's BSP services (bulkhead/rtems_paravirt.h):
 * the same calls an RTEMS or FreeRTOS port makes (docs/porting.md).
 */
#include <bulkhead/bh.h>
#include <bulkhead/rtems_paravirt.h>

#include "bsp.h"

static myos_tick_fn tick_hook;

/* Ticks that fell outside the partition's windows come together: count. */
static void clock_isr(void *arg, struct bh_upcall_frame *f)
{
	(void)arg;
	tick_hook(f->count);
}

void myos_bsp_init(myos_tick_fn on_ticks)
{
	tick_hook = on_ticks;
	bh_bsp_interrupt_init(NULL);          /* upcall entry and interrupt stack */
	bh_bsp_clock_install(clock_isr, NULL); /* the virtual tick, unmasked */
}

void myos_bsp_start(void)
{
	i386_enable_interrupts(BH_RTEMS_LEVEL_IF);
}

uint32_t myos_bsp_tick_us(void)
{
	return bh_bsp_clock_tick_ns() / 1000u;
}

void myos_bsp_putc(char c)
{
	bh_bsp_output_char(c); /* one hypercall per line */
}

uint32_t myos_bsp_disable(void)
{
	return i386_disable_interrupts(); /* a store to the vCPU page, no trap */
}

void myos_bsp_enable(uint32_t level)
{
	i386_enable_interrupts(level); /* traps only if something is pending */
}

void myos_bsp_idle(void)
{
	bh_bsp_idle();
}
