/*
 * Register-frame work with no privileged instruction: a fresh user context
 * and the upcall frame conversions. The host test architecture builds this
 * file too, so the core's unit tests run the real i386 frame logic.
 */
#include <arch/x86.h>
#include <bh/partition.h>

void arch_ctx_init(struct arch_ctx *c, uint32_t entry, uint32_t arg0, uint32_t arg1,
		   uint32_t arg2)
{
	struct arch_regs *r = &c->regs;

	*r = (struct arch_regs){ 0 };
	r->es = r->ds = r->ss = SEL_UDATA;
	c->fs = c->gs = SEL_UDATA;
	r->cs = SEL_UCODE;
	r->eip = entry;
	r->eflags = EFLAGS_IF | EFLAGS_RSVD1;
	r->eax = arg0;
	r->ebx = arg1;
	r->ecx = arg2;
	arch_ctx_reload(c);
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
