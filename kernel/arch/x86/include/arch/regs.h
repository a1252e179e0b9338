/*
 * i386 trap frame. The entry stubs (entry.S) build it: the CPU pushes
 * ss/esp (from ring 3 only), eflags, cs and eip; the stub pushes an error
 * code and the vector, then pusha, ds and es. The kernel never loads fs or
 * gs, so they stay live in the CPU and are saved only on a partition switch
 * (struct arch_ctx).
 *
 * While a partition runs, TSS.esp0 points just past its arch_ctx.regs, so a
 * trap from ring 3 lands directly in the partition's saved context: there is
 * no copy on entry or on a partition switch.
 */
#ifndef ARCH_X86_REGS_H
#define ARCH_X86_REGS_H

#include <stdint.h>
#include <stdbool.h>
#include <bulkhead/abi.h>

struct arch_regs {
	uint32_t es, ds;
	uint32_t edi, esi, ebp, esp_kernel, ebx, edx, ecx, eax; /* pusha */
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss; /* valid only for a frame from ring 3 */
};

#include <arch/entry.h>
_Static_assert(sizeof(struct arch_regs) == ARCH_FRAME_SIZE, "entry.S frame layout");
_Static_assert(__builtin_offsetof(struct arch_regs, eax) == ARCH_FRAME_EAX, "frame eax");
_Static_assert(__builtin_offsetof(struct arch_regs, eip) == ARCH_FRAME_EIP, "frame eip");
_Static_assert(__builtin_offsetof(struct arch_regs, cs) == ARCH_FRAME_CS, "frame cs");
_Static_assert(__builtin_offsetof(struct arch_regs, esp) == ARCH_FRAME_ESP, "frame esp");

/* Calling convention of C functions entered from entry.S: frame in eax. */
#ifndef ARCH_ENTRY
#define ARCH_ENTRY __attribute__((regparm(1)))
#endif
/* Hot internal calls pass their arguments in registers. */
#ifndef ARCH_FASTCALL
#define ARCH_FASTCALL __attribute__((regparm(3)))
#endif

static inline bool arch_regs_user(const struct arch_regs *r)
{
	return (r->cs & 3u) == 3u;
}

static inline uint32_t arch_regs_nr(const struct arch_regs *r)
{
	return r->eax;
}

/* Hypercall argument i (0..4): ebx, ecx, edx, esi, edi. */
static inline uint32_t arch_regs_arg(const struct arch_regs *r, unsigned i)
{
	switch (i) {
	case 0: return r->ebx;
	case 1: return r->ecx;
	case 2: return r->edx;
	case 3: return r->esi;
	default: return r->edi;
	}
}

static inline void arch_regs_set_ret(struct arch_regs *r, int32_t v)
{
	r->eax = (uint32_t)v;
}

static inline void arch_regs_set_ret2(struct arch_regs *r, uint32_t v)
{
	r->edx = v;
}

static inline uint32_t arch_regs_pc(const struct arch_regs *r)
{
	return r->eip;
}

static inline uint32_t arch_regs_sp(const struct arch_regs *r)
{
	return r->esp;
}

/*
 * What a partition may choose through an upcall return: the arithmetic
 * flags, DF, TF and AC (CF PF AF ZF SF TF DF OF AC), never IF-clear, IOPL,
 * NT, RF or VM. An upcall handler starts with only IF and the reserved bit
 * 1 set: a DF, TF or AC the interrupted code had must not reach it (a
 * backwards memset, a single-step storm), and the upcall return gives them
 * back to the interrupted code.
 */
#define ARCH_EFLAGS_USER 0x40DD5u
#define ARCH_EFLAGS_FIXED 0x0202u /* IF and the reserved bit 1 */
_Static_assert(ARCH_EFLAGS_USER == BH_EFLAGS_RESTORED && ARCH_EFLAGS_FIXED == BH_EFLAGS_UPCALL_ENTRY &&
		       UPCALL_EFLAGS_USER == BH_EFLAGS_RESTORED &&
		       UPCALL_EFLAGS_FIXED == BH_EFLAGS_UPCALL_ENTRY,
	       "the ABI's flag rules");

/* Upcall frames (the ABI's struct bh_upcall_frame): inline, for delivery. */
static inline void arch_upcall_save(const struct arch_regs *r, struct bh_upcall_frame *f)
{
	f->edi = r->edi;
	f->esi = r->esi;
	f->ebp = r->ebp;
	f->ebx = r->ebx;
	f->edx = r->edx;
	f->ecx = r->ecx;
	f->eax = r->eax;
	f->eip = r->eip;
	f->eflags = r->eflags;
	f->esp = r->esp;
}

/* Enter the handler: esp = ecx = frame, eax = vector, edx = count, clean
 * flags. */
static inline void arch_upcall_enter(struct arch_regs *r, uint32_t entry, uint32_t frame_va,
				     uint32_t vector, uint32_t count)
{
	r->eflags = ARCH_EFLAGS_FIXED;
	r->eip = entry;
	r->esp = frame_va;
	r->ecx = frame_va;
	r->eax = vector;
	r->edx = count;
}

/* Batch mode's further registers at entry (abi.h): the vectors left in
 * esi/edi, the lines handed over in ebp. */
static inline void arch_upcall_batch(struct arch_regs *r, uint32_t left0, uint32_t left1,
				     uint32_t lines)
{
	r->esi = left0;
	r->edi = left1;
	r->ebp = lines;
}

/* The lines an upcall return in batch mode hands back (ebp). */
static inline uint32_t arch_upcall_lines(const struct arch_regs *r)
{
	return r->ebp;
}

static inline void arch_upcall_restore(struct arch_regs *r, const struct bh_upcall_frame *f)
{
	r->edi = f->edi;
	r->esi = f->esi;
	r->ebp = f->ebp;
	r->ebx = f->ebx;
	r->edx = f->edx;
	r->ecx = f->ecx;
	r->eax = f->eax;
	r->eip = f->eip;
	r->esp = f->esp;
	r->eflags = (f->eflags & ARCH_EFLAGS_USER) | ARCH_EFLAGS_FIXED;
}

#endif /* ARCH_X86_REGS_H */
