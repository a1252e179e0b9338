/*
 * C side of the trap entry: sorts a vector into a device interrupt, the
 * timer, or a CPU exception and hands it to the core. Exceptions in ring 0
 * are kernel bugs and stop the machine with a register dump.
 */
#include <arch/x86.h>
#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>

static const char *const exc_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 FPU error", "alignment check", "machine check",
	"SIMD FP error",
};

static BH_NORETURN void kernel_fault(const struct arch_regs *r)
{
	const char *name = r->vector < 32 && exc_names[r->vector] ? exc_names[r->vector] : "?";

	panic("kernel %s (vector %u) error=%#x eip=%#x cr2=%#x eax=%#x ebx=%#x ecx=%#x "
	      "edx=%#x esi=%#x edi=%#x ebp=%#x",
	      name, r->vector, r->error, r->eip, read_cr2(), r->eax, r->ebx, r->ecx, r->edx,
	      r->esi, r->edi, r->ebp);
}

/* The timer (line 0) and lines 7 and 15, which the PIC can raise spuriously. */
static __attribute__((noinline)) struct arch_regs *irq_special(struct arch_regs *r,
							      unsigned line)
{
	if (line == 0) {
		pic_eoi(0);
		return core_timer_tick(r);
	}
	if (pic_spurious(line))
		return r;
	pic_mask_and_eoi(line);
	return core_irq(r, line);
}

/* Interrupt lines 0-15 (vectors 0x20-0x2f). */
ARCH_ENTRY struct arch_regs *x86_irq(struct arch_regs *r)
{
	unsigned line = r->vector - VEC_IRQ_BASE;

	if (BH_UNLIKELY(line == 0 || (line & 7) == 7))
		return irq_special(r, line);
	pic_mask_and_eoi(line); /* quiet until its owner has handled it */
	return core_irq(r, line);
}

/*
 * A frame pushed in virtual-8086 mode, already moved into the partition's
 * context by entry.S: make it an ordinary ring-3 frame (user selectors; fs
 * and gs unusable, as at the partition's start; flags a partition may have),
 * raise the partition's fault, then handle an interrupt that came with it.
 */
ARCH_ENTRY struct arch_regs *x86_vm86(struct arch_regs *r)
{
	bool irq = r->vector >= VEC_IRQ_BASE;
	r->cs = SEL_UCODE;
	r->ss = r->ds = r->es = SEL_UDATA;
	r->eflags = (r->eflags & ARCH_EFLAGS_USER) | ARCH_EFLAGS_FIXED;
	if (bh_sched.running)
		tls_unusable_segments(&bh_sched.running->ctx);
	core_bad_frame(r, irq ? "vm86-interrupt" : "vm86-exception");
	return irq ? x86_irq(r) : sched_resume(r);
}

/* CPU exceptions (vectors 0-31). */
ARCH_ENTRY struct arch_regs *x86_trap(struct arch_regs *r)
{
	uint32_t v = r->vector;

	if (v == 2) /* NMI: nothing in this machine raises one on purpose */
		return r;
#if BH_BENCH
	if (v == 1 && !arch_regs_user(r)) {
		/* Only a guest's TF carried in by the benchmark's sysenter entry
		 * can single-step the kernel: stop stepping and carry on. */
		r->eflags &= ~EFLAGS_TF;
		return r;
	}
#endif
	if (v < 32 && arch_regs_user(r))
		return core_trap(r, v, r->error, v == 14 ? read_cr2() : 0);
	kernel_fault(r);
}
