/* What the stand-in RTOS (main.c) asks of its BSP (bsp.c). */
#ifndef MYOS_BSP_H
#define MYOS_BSP_H

#include <stdint.h>

typedef void (*myos_tick_fn)(uint32_t ticks);

void myos_bsp_init(myos_tick_fn on_ticks); /* interrupts and clock */
void myos_bsp_start(void);                  /* interrupts on: the RTOS runs */
uint32_t myos_bsp_tick_us(void);
void myos_bsp_putc(char c);
uint32_t myos_bsp_disable(void);           /* a critical section's level */
void myos_bsp_enable(uint32_t level);
void myos_bsp_idle(void);                  /* nothing to run until an interrupt */

#endif /* MYOS_BSP_H */
