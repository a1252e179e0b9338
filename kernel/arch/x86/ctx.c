/*
 * Partition contexts on i386: making a partition's state live on the
 * processor (address space, FPU, I/O permissions, kernel entry stack), the
 * idle frame, and the first entry. Pure register-frame work is in regs.c.
 */
#include <arch/x86.h>
#include <bh/partition.h>
#include <bh/printk.h>

extern char x86_idle[], x86_kstack_top[];

static struct partition *live; /* whose address space and ports are loaded */
struct arch_ctx *x86_fpu_owner; /* whose FPU state is in the registers */

static void load_space(struct partition *next)
{
	if (live)
		__asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1"
				 : "=r"(live->ctx.fs), "=r"(live->ctx.gs));
	tls_load_segments(&next->ctx);
	tss_load(next->id);
	write_cr3((uint32_t)next->cfg->page_dir);
	live = next;
}

/* The kernel's full map for a partition's load, then back (bh/arch.h). */
void arch_phys_open(void)
{
	write_cr3(paging_kernel_pd());
}

void arch_phys_close(void)
{
	write_cr3(live ? (uint32_t)live->cfg->page_dir : paging_kernel_pd());
}

/* p's memory at its own addresses: p's space is the loaded one. */
void *arch_user_ptr(const struct partition *p, uint32_t va, paddr_t pa)
{
	(void)pa;
	if (p != live)
		panic("partition %s: its memory accessed from another address space",
		      p->cfg->name);
	return (void *)(uintptr_t)va;
}

/* Everything arch-specific a partition keeps: its address space and TSS. */
int arch_aspace_init(struct partition *p)
{
	tss_partition_init(p->id, (uint32_t)(&p->ctx.regs + 1), p->cfg->ioports,
			   p->cfg->nioports);
	return paging_aspace_init(p);
}

/*
 * Going idle changes nothing: no ring-3 code runs, and if the same
 * partition comes back, its address space and FPU state are still loaded.
 */
void arch_switch_to(struct partition *next)
{
	if (!next)
		return;
	if (next != live)
		load_space(next);
	if (x86_fpu_owner != &next->ctx) {
		if (x86_fpu_owner)
			fpu_save(x86_fpu_owner->fpu);
		fpu_restore(next->ctx.fpu);
		x86_fpu_owner = &next->ctx;
	}
}

struct arch_regs *arch_idle_regs(void)
{
	/* A ring-0 frame ends at eflags: esp/ss fall in the padding above. */
	uintptr_t top = (uintptr_t)x86_kstack_top;
	__asm__("" : "+r"(top)); /* a linker symbol, not a C object */
	struct arch_regs *r = (struct arch_regs *)(top - __builtin_offsetof(struct arch_regs, esp));

	r->es = r->ds = SEL_KDATA;
	r->cs = SEL_KCODE;
	r->eip = (uint32_t)x86_idle;
	r->eflags = EFLAGS_IF | EFLAGS_RSVD1;
	return r;
}

void arch_enter(struct arch_regs *r)
{
	__asm__ volatile("jmp x86_resume" : : "a"(r));
	__builtin_unreachable();
}

/*
 * A (re)start: c gets the clean x87/SSE state. If c's state is the one in
 * the registers (the partition restarts itself, or its fault restarted it),
 * the registers are cleaned now: x86_fpu_owner stays c, so the new state
 * is saved at the next switch like any other. (Dropping the ownership
 * instead left the old registers live for the restarted partition, pending
 * x87 exception included, and lost its new state at the next switch.)
 */
void arch_ctx_reload(struct arch_ctx *c)
{
	if (x86_fpu_owner == c) /* c->fpu is written by the next switch's save */
		fpu_restore_clean();
	else
		fpu_clean_state(c->fpu);
	if (live && &live->ctx == c)
		tls_load_segments(c);
}
