/*
 * The host test architecture's controls: what unit tests and the virq
 * model checker use to observe and drive the fake machine.
 */
#ifndef ARCH_HOST_H
#define ARCH_HOST_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

struct partition;
struct arch_regs;

/* Physical memory: [BH_CFG_PHYS_POOL_BASE, + HOST_RAM_SIZE) is backed. */
#define HOST_RAM_SIZE (8u << 20)
extern uint8_t host_ram[HOST_RAM_SIZE];
/* The RAM size the host machine reports at boot (end of host_ram). */
uint32_t host_ram_end(void);

/* Console output since the last host_reset(), NUL-terminated. */
extern char host_console[65536];
extern size_t host_console_len;

/* The debug console (the trace dump) since the last host_reset(). */
#define HOST_DEBUG_SIZE (1u << 20)
extern uint8_t host_debug[HOST_DEBUG_SIZE];
extern size_t host_debug_len;

/* What arch_console_room() answers (the console drain writes at most
 * that per slice); HOST_CONSOLE_ROOM_ANY by default, 0: the UART is busy. */
#define HOST_CONSOLE_ROOM_ANY 16u
extern uint32_t host_console_room;

/* Interrupt controller: bit n set means line n is masked. */
extern uint32_t host_irq_masked;

/*
 * Timer: what arch_timer_elapsed_ns() reports, and the tick period:
 * host_tick_us cycles of a host_timer_hz clock (0: 1 MHz, so the period is
 * host_tick_us microseconds; set 1193182 to model the PIT's odd period).
 */
extern uint32_t host_timer_elapsed_ns;
extern uint32_t host_tick_us;
extern uint32_t host_timer_hz;

/* The last partition made live by arch_switch_to() and how many switches. */
extern struct partition *host_live;
extern uint32_t host_switches;

/*
 * arch_halt(): if host_halt_jmp is set, longjmp there with the code + 1;
 * otherwise abort(). Unexpected halts (panics) thus fail the test.
 */
extern jmp_buf *host_halt_jmp;
extern unsigned host_halt_code;

/*
 * arch_enter() (the end of kmain): records the frame in host_entered and,
 * if host_enter_jmp is set, longjmps there with 1; otherwise abort(). This
 * lets a test boot through kmain itself.
 */
extern jmp_buf *host_enter_jmp;
extern struct arch_regs *host_entered;

/* Forget all of the above (not the partitions: see part_init_all()). */
void host_reset(void);

#endif /* ARCH_HOST_H */
