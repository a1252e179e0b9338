/*
 * A fresh user context: no privileged instruction, so the host test
 * architecture builds this file too. (The upcall frame conversions are
 * inline in <arch/regs.h>.)
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
