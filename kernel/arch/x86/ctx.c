/*
 * Partition contexts on i386: creating a fresh user context, making a
 * partition's state live on the processor, the idle frame, and the upcall
 * frame conversions.
 */
#include <arch/x86.h>
#include <bh/partition.h>

extern char x86_idle[], x86_kstack_top[];

static struct partition *live;	    /* whose address space and ports are loaded */
static struct arch_ctx *fpu_owner;  /* whose FPU state is in the registers */

void arch_ctx_init(struct arch_ctx *c, uint32_t entry, uint32_t arg0, uint32_t arg1,
		   uint32_t arg2)
{
	struct arch_regs *r = &c->regs;

	*r = (struct arch_regs){ 0 };
	r->gs = r->fs = r->es = r->ds = r->ss = SEL_UDATA;
	r->cs = SEL_UCODE;
	r->eip = entry;
	r->eflags = EFLAGS_IF | EFLAGS_RSVD1;
	r->eax = arg0;
	r->ebx = arg1;
	r->ecx = arg2;
	fpu_clean_state(c->fpu);
	if (fpu_owner == c)
		fpu_owner = NULL; /* the registers hold stale state: reload */
}

void arch_switch_to(struct partition *next)
{
	if (!next || next == live) {
		if (next && fpu_owner != &next->ctx)
			goto fpu;
		return;
	}
	if (live)
		for (uint32_t i = 0; i < live->cfg->nioports; i++)
			iobitmap_allow(live->cfg->ioports[i].base, live->cfg->ioports[i].count, 0);
	for (uint32_t i = 0; i < next->cfg->nioports; i++)
		iobitmap_allow(next->cfg->ioports[i].base, next->cfg->ioports[i].count, 1);
	write_cr3((uint32_t)next->cfg->page_dir);
	desc_set_kernel_stack((uint32_t)(&next->ctx.regs + 1));
	live = next;
fpu:
	if (fpu_owner != &next->ctx) {
		if (fpu_owner)
			fpu_save(fpu_owner->fpu);
		fpu_restore(next->ctx.fpu);
		fpu_owner = &next->ctx;
	}
}

struct arch_regs *arch_idle_regs(void)
{
	/* A ring-0 frame ends at eflags: esp/ss fall in the padding above. */
	uintptr_t top = (uintptr_t)x86_kstack_top;
	__asm__("" : "+r"(top)); /* a linker symbol, not a C object */
	struct arch_regs *r = (struct arch_regs *)(top - __builtin_offsetof(struct arch_regs, esp));

	r->gs = r->fs = 0;
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

void arch_upcall_save(const struct arch_regs *r, struct bh_upcall_frame *f)
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

void arch_upcall_enter(struct arch_regs *r, uint32_t entry, uint32_t frame_va,
		       uint32_t vector, uint32_t count)
{
	r->eip = entry;
	r->esp = frame_va;
	r->ecx = frame_va;
	r->eax = vector;
	r->edx = count;
}

void arch_upcall_restore(struct arch_regs *r, const struct bh_upcall_frame *f)
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
	/* The guest chooses its arithmetic flags only: never IOPL, IF, TF, NT. */
	r->eflags = (f->eflags & EFLAGS_USER) | EFLAGS_IF | EFLAGS_RSVD1;
}
