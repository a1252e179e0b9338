/*
 * A fresh user context: no privileged instruction, so the host test
 * architecture builds this file too. (The upcall frame conversions are
 * inline in <arch/regs.h>.)
 */
#include <arch/x86.h>
#include <bh/partition.h>

/* A (re)started partition: no thread pointer, fs and gs unusable (tls.c). */
void tls_ctx_reset(struct arch_ctx *c)
{
	c->fs = c->gs = SEL_TLS | SEL_RPL3;
	c->fs_tls = c->gs_tls = DESC_TLS_UNSET;
	c->tls_set = 0;
	c->tls_table = 0;
}

void arch_ctx_init(struct arch_ctx *c, uint32_t entry, uint32_t arg0, uint32_t arg1,
		   uint32_t arg2)
{
	struct arch_regs *r = &c->regs;

	*r = (struct arch_regs){ 0 };
	r->es = r->ds = r->ss = SEL_UDATA;
	tls_ctx_reset(c); /* fs and gs unusable, no thread pointer until set */
	r->cs = SEL_UCODE;
	r->eip = entry;
	r->eflags = EFLAGS_IF | EFLAGS_RSVD1;
	r->eax = arg0;
	r->ebx = arg1;
	r->ecx = arg2;
	arch_ctx_reload(c);
}
