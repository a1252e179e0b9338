/*
 * The architecture contract: everything kernel/arch/<name>/ provides to the
 * arch-neutral core, and the entry points the core offers back. Each
 * architecture supplies <arch/regs.h> (the trap frame and its accessors) and
 * <arch/ctx.h> (a partition's saved processor state). kernel/arch/host is a
 * fake that lets the core run in host unit tests.
 */
#ifndef BH_ARCH_H
#define BH_ARCH_H

#include <bulkhead/abi.h>
#include <bh/types.h>
#include <arch/regs.h>
#include <arch/ctx.h>

struct partition;

/* Exit codes of arch_halt(); under QEMU the process status is (code<<1)|1. */
#define BH_EXIT_OK 0x10	      /* run ended as configured (status 33) */
#define BH_EXIT_PANIC 0x11    /* kernel panic (status 35) */
#define BH_EXIT_HM_HALT 0x12  /* health monitor halted the module (status 37) */

/* ------------------------------------------------ provided by the arch */

/* Bring up descriptors, interrupt controller, paging and the FPU. */
void arch_init(void);

/* Console (the kernel's own serial line). The run-time path never waits:
 * room is what the UART takes now (0 while it is busy, or while an
 * emulated byte time runs), put writes at most that. put_sync (raw bytes)
 * and write (text, "\n" becomes "\r\n") wait for the UART itself but not
 * for an emulated byte time: boot, end of run and panic only. */
uint32_t arch_console_room(void);
void arch_console_put(const char *s, uint32_t n);
void arch_console_put_sync(const char *s, uint32_t n);
void arch_console_write(const char *s, size_t n);

/* Stop the machine for good. */
BH_NORETURN void arch_halt(unsigned code);

/* The periodic kernel timer. */
void arch_timer_start(uint32_t tick_us);
/* The actual period is `clocks` cycles of a `hz` clock. */
void arch_timer_period(uint32_t *clocks, uint32_t *hz);
uint32_t arch_timer_elapsed_ns(void); /* since the last tick, < period */
/* A free-running cycle counter (the TSC) and its period, measured against
 * the timer at boot: ns = (cycles * mult) >> shift; mult 0 if none. */
uint64_t arch_clock_counter(void);
void arch_clock_calibrate(uint32_t *mult, uint32_t *shift);

/*
 * For the kernel trace (BH_TRACE kernels only call these): the cycle clock
 * (<arch/clock.h>, arch_clock()) and its rate in Hz, measured against the
 * timer before arch_timer_start(); and the debug console the trace dump is
 * written to.
 */
uint64_t arch_clock_hz(void);
void arch_debug_write(const void *buf, size_t n);

/* Physical interrupt lines at the interrupt controller. */
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);

/*
 * The kernel's view of physical memory. A partition's address space maps
 * the kernel's own memory (below BH_RES_PHYS_BASE) and that partition's
 * memory only: a pointer from arch_phys_to_virt() to partition memory is
 * valid only inside arch_phys_open()/arch_phys_close() (a partition's load:
 * the kernel's full map, interrupts off throughout), and
 * arch_user_ptr() gives a pointer to p's memory (va in p, physical pa)
 * valid while p's address space is loaded: p is the running partition.
 */
void *arch_phys_to_virt(paddr_t pa);
void arch_phys_open(void);
void arch_phys_close(void);
void *arch_user_ptr(const struct partition *p, uint32_t va, paddr_t pa);
/* At boot, once every address space is built: panic if one maps anything
 * but the kernel's memory and its partition's own. */
void arch_aspace_check(void);

/* Build p's address space and the rest of its arch state (I/O permissions,
 * entry stack) from its configuration, at boot. 0 or a BH_E* code. */
int arch_aspace_init(struct partition *p);

/* Fresh user-mode state: entry point, two argument registers, clean FPU. */
void arch_ctx_init(struct arch_ctx *c, uint32_t entry, uint32_t arg0, uint32_t arg1,
		   uint32_t arg2);

/*
 * Make `next` the partition whose state is live on the processor (address
 * space, FPU, I/O permissions, kernel entry stack), or none for idle.
 */
void arch_switch_to(struct partition *next);

/*
 * A #GP from p with the given error code: if it is one of the few
 * instructions the kernel serves for a paravirtualized guest (x86: reading
 * %cr2, the address of the last page fault propagated to it, or %cr4, the
 * processor features it may use; loading fs or gs with the thread-pointer
 * selector 0x18), do it in r and step past it. True if served.
 */
bool arch_emulate(struct partition *p, struct arch_regs *r, uint32_t error);

/*
 * The thread pointer (BH_HC_TLS_SET, BH_HC_TLS_DESC): make the caller's
 * thread-pointer register address base now, and name the guest address
 * where later loads of the thread-pointer selector find their descriptor
 * (0: none, they use the last base set). The caller is the running
 * partition; va is checked by the caller.
 */
int32_t arch_tls_set(struct partition *p, uint32_t base);
void arch_tls_register(struct partition *p, uint32_t va);

/* The register frame that, when resumed, idles the processor. */
struct arch_regs *arch_idle_regs(void);

/* Resume a frame for the first time (boot). */
BH_NORETURN void arch_enter(struct arch_regs *r);

/*
 * Upcall frames (the ABI's struct bh_upcall_frame is per architecture):
 * <arch/regs.h> provides, inline because they are on the delivery path,
 *   arch_upcall_save(r, f)     interrupted registers -> frame
 *   arch_upcall_enter(r, entry, frame_va, vector, count)
 *   arch_upcall_restore(r, f)  frame -> registers, flags sanitised
 *   arch_upcall_batch(r, left0, left1, lines)  batch mode's entry registers
 *   arch_upcall_lines(r)       the lines a batch mode return hands back
 */

/* ------------------------------------------------ provided by the core */

struct boot_info {
	const char *cmdline; /* may be NULL */
	uint32_t ram_end;    /* first byte above usable RAM */
};

BH_NORETURN void kmain(const struct boot_info *bi);

/* Idle time, interrupts off, called again and again by the idle loop with
 * interrupts let in between: bounded work (a console slice). Returns true
 * if there is more to do at once, false to wait for the next interrupt. */
bool core_idle(void);

/* Trap entries: each returns the frame to resume. */
ARCH_ENTRY struct arch_regs *core_hypercall(struct arch_regs *r);
ARCH_ENTRY struct arch_regs *core_timer_tick(struct arch_regs *r);
ARCH_FASTCALL struct arch_regs *core_irq(struct arch_regs *r, unsigned line);
struct arch_regs *core_trap(struct arch_regs *r, unsigned exc, uint32_t error,
			    uint32_t fault_addr);
/*
 * The processor pushed a frame of a shape the kernel never runs a partition
 * in (a virtual-8086 frame); the arch has made r an ordinary frame of the
 * running partition again. Raises that partition's fault (general
 * protection, `cause` in the log); the caller then resumes as usual.
 */
void core_bad_frame(struct arch_regs *r, const char *cause);

#endif /* BH_ARCH_H */
