/*
 * What an RTOS port needs from Bulkhead, on top of bh.h: the interrupt
 * functions RTEMS's paravirtualized i386 build (RTEMS_PARAVIRT) expects a
 * BSP to supply, with RTEMS's semantics, and the BSP-level pieces (console,
 * clock, interrupt vectors, interrupt exit with thread dispatch, idle,
 * fatal stop). docs/porting.md maps each RTEMS hook onto these.
 *
 * Interrupt "levels" follow RTEMS i386 exactly, so _CPU_ISR_Is_enabled()
 * (level & EFLAGS_INTR_ENABLE) works unchanged:
 *   - i386_disable_interrupts() returns an EFLAGS image: BH_RTEMS_LEVEL_IF
 *     (0x200) set if virtual interrupts were enabled, clear otherwise;
 *   - i386_enable_interrupts(level) and i386_flash_interrupts(level) read
 *     only that bit, as popf does for IF;
 *   - i386_set_interrupt_level(n) / i386_get_interrupt_level() use the
 *     task-mode level: 0 = enabled, non-zero = disabled.
 */
#ifndef BULKHEAD_RTEMS_PARAVIRT_H
#define BULKHEAD_RTEMS_PARAVIRT_H

#include <bulkhead/bh.h>
#include <stdbool.h>

#define BH_RTEMS_LEVEL_IF 0x200u /* EFLAGS.IF, RTEMS's EFLAGS_INTR_ENABLE */

/* The level conversion itself, inline for ports that keep their critical
 * sections in every caller (the executive's rt_port_irq.h); the
 * RTEMS_PARAVIRT functions below are these, out of line. */
static inline uint32_t bh_rtems_level_disable(void)
{
	return bh_irq_save() ? BH_RTEMS_LEVEL_IF : 0u;
}

static inline void bh_rtems_level_restore(uint32_t level)
{
	if (level & BH_RTEMS_LEVEL_IF)
		bh_irq_enable();
	else
		bh_irq_disable();
}

/* ------------------------------------------------ RTEMS_PARAVIRT i386 */

uint32_t i386_disable_interrupts(void);
void i386_enable_interrupts(uint32_t level);
void i386_flash_interrupts(uint32_t level);
void i386_set_interrupt_level(uint32_t new_level);
uint32_t i386_get_interrupt_level(void);

/* ------------------------------------------------------------ console */

/* RTEMS BSP_output_char: buffered per line, one hypercall per line. */
void bh_bsp_output_char(char c);
/* Write len bytes now (flushes what bh_bsp_output_char buffered first). */
void bh_bsp_console_write(const char *buf, size_t len);
/*
 * Console input comes from a 16550 UART the partition owns (config:
 * `ioport <base> 8`); the kernel keeps COM1. Select it once; 0 = none.
 */
void bh_bsp_console_input(uint16_t uart_base);
/* RTEMS BSP_poll_char: the next received character, or -1 if none. */
int bh_bsp_poll_char(void);

/* --------------------------------------------------------- interrupts */

/*
 * An interrupt service routine: arg as installed, f the upcall frame
 * (f->vector, f->count = coalesced arrivals, trap details). It runs on the
 * interrupt stack with virtual interrupts disabled.
 */
typedef void (*bh_bsp_isr_t)(void *arg, struct bh_upcall_frame *f);

/*
 * Called around every upcall the BSP dispatches: enter before its first
 * ISR (RTEMS: the ISR nest level), exit after its last with the frame,
 * where a port decides on a thread dispatch (bh_bsp_interrupt_defer). One
 * upcall runs the ISRs of every vector pending and unmasked when it was
 * delivered (a batch, abi.h), lowest vector first; each ISR finds its own
 * vector and count in f->vector and f->count.
 */
struct bh_bsp_irq_hooks {
	void (*enter)(uint32_t vector);
	void (*exit)(struct bh_upcall_frame *f);
};

/* Register the upcall entry and interrupt stack; hooks may be NULL. */
int32_t bh_bsp_interrupt_init(const struct bh_bsp_irq_hooks *hooks);
/*
 * Install isr on virtual vector v (0..95): a physical line's vector
 * (BH_VEC_IRQ(n)) is bound first. The vector is then unmasked (traps have
 * no mask). Errors: BH_EINVAL, BH_EBUSY (already installed), or the bind's.
 */
int32_t bh_bsp_vector_install(uint32_t v, bh_bsp_isr_t isr, void *arg);
/*
 * The same with a handler the upcall entry calls itself (bh.h's
 * bh_handler_t: the vector, its count and the frame as arguments), with no
 * per-vector layer between: for a port whose ISRs take what the entry
 * hands over. The vector is the BSP's as with an ISR (bh_bsp_vector_remove).
 */
int32_t bh_bsp_vector_install_handler(uint32_t v, bh_handler_t h);
/* RTEMS bsp_interrupt_raise(): an arrival of v (not a line's vector). */
int32_t bh_bsp_vector_raise(uint32_t v);
/* Mask v, unbind its line, forget the ISR. */
int32_t bh_bsp_vector_remove(uint32_t v);

/*
 * The frame interrupted the upcall handler itself (nested on its stack):
 * the kernel's own test for "already on the interrupt stack",
 * lo < esp <= lo + size, as one unsigned compare. Inline, as is the
 * deferral: both sit on every interrupt exit of a port.
 */
static inline bool bh_bsp_frame_nested(const struct bh_upcall_frame *f)
{
	return f->esp - (BH_PTR(bh_virq_stack) + 1u) < BH_VIRQ_STACK_SIZE;
}
/*
 * Interrupt exit with thread dispatch. Edits frame f so that the upcall
 * return lands in a trampoline on the interrupted context's own stack,
 * which calls fn() with virtual interrupts disabled, then restores every
 * register and the interrupted virtual flag and resumes exactly where the
 * interrupt hit. fn may switch threads (it returns when this context is
 * scheduled again) or never return. Uses 44 bytes of that stack plus fn's.
 * Only for a frame that is not nested (bh_bsp_frame_nested() false).
 */
static inline void bh_bsp_interrupt_defer(struct bh_upcall_frame *f, void (*fn)(void))
{
	/*
	 * The save area, pushed below the interrupted esp in the order the
	 * trampoline (bsp_defer.S) pops it: fn, the virtual flag, edx, ecx,
	 * eax, eflags, eip. The callee-saved registers need no copy: the upcall
	 * return restores them from the frame into the trampoline, and fn, a C
	 * function, keeps them. The trampoline starts with clean flags (an
	 * interrupted DF or TF must not reach fn); the interrupted ones come
	 * back with its popf.
	 */
	extern char bh_bsp_defer_trampoline[];
	uint32_t *sp = (uint32_t *)(uintptr_t)f->esp;

	sp[-1] = f->eip;
	sp[-2] = f->eflags;
	sp[-3] = f->eax;
	sp[-4] = f->ecx;
	sp[-5] = f->edx;
	sp[-6] = f->enabled;
	sp[-7] = BH_PTR(fn);
	f->esp = BH_PTR(sp - 7);
	f->eip = BH_PTR(bh_bsp_defer_trampoline);
	f->eflags = BH_EFLAGS_UPCALL_ENTRY;
	f->enabled = 0; /* fn runs with virtual interrupts disabled */
}

/* -------------------------------------------------------------- clock */

/* The tick source: isr runs per tick upcall, f->count ticks at once. */
int32_t bh_bsp_clock_install(bh_bsp_isr_t isr, void *arg);
/* Tick period in ns (0: the configuration gives no tick). */
uint32_t bh_bsp_clock_tick_ns(void);
/* High-resolution monotonic time in ns: bh_clock_ns(), no trap. */
uint64_t bh_bsp_clock_ns(void);

/* --------------------------------------------------------- idle, fatal */

/* One step of an idle loop: sleep until an interrupt or the next window. */
void bh_bsp_idle(void);
/* _CPU_Fatal_halt: report to the health monitor, then stop the partition. */
__attribute__((noreturn)) void bh_bsp_fatal(uint32_t source, uint32_t code);

/* Flash bookkeeping (rtems_paravirt.c and guest/lib/virq.c): the stand-in
 * handlers of the snapshot's vectors on or off, and their accounting. */
void bh_flash_handlers(const uint32_t snap[2], bool on);
void bh_flash_account(struct bh_upcall_frame *f, uint32_t vector);
extern volatile uint32_t bh_flash_left[2];

#endif /* BULKHEAD_RTEMS_PARAVIRT_H */
