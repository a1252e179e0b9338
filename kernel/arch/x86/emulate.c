/*
 * The privileged reads a paravirtualized guest may make, served on the #GP
 * they raise in ring 3: `mov %crN, reg` for
 *   %cr2  the address of the last page fault propagated to the partition
 *         (RTEMS's exception printer reads it in the fault handler);
 *   %cr4  OSFXSR | OSXMMEXCPT: the kernel saves x87/SSE state per
 *         partition, so SSE may be used (RTEMS built with SSE checks this in
 *         _CPU_Initialize).
 * Nothing is written and no other control register is readable: any other
 * privileged instruction is the partition's fault as before.
 * A #GP naming selector 0x18 is a load of the thread-pointer segment (tls.c).
 */
#include <arch/x86.h>
#include <bh/partition.h>
#include <bh/uaccess.h>

#define OP_0F 0x0Fu
#define OP_MOV_FROM_CR 0x20u

static bool cr_value(const struct partition *p, uint32_t cr, uint32_t *v)
{
	switch (cr) {
	case 2:
		*v = p->virq.fault_addr;
		return true;
	case 4:
		*v = CR4_OSFXSR | CR4_OSXMMEXCPT;
		return true;
	default:
		return false;
	}
}

/* General register n of the ModRM encoding (eax ecx edx ebx esp ebp esi edi). */
uint32_t *x86_gpr(struct arch_regs *r, uint32_t n)
{
	switch (n) {
	case 0: return &r->eax;
	case 1: return &r->ecx;
	case 2: return &r->edx;
	case 3: return &r->ebx;
	case 4: return &r->esp;
	case 5: return &r->ebp;
	case 6: return &r->esi;
	default: return &r->edi;
	}
}

static bool cr_read(struct partition *p, struct arch_regs *r)
{
	const uint8_t *insn = uaccess_ptr(p, gva(r->eip), 3, BH_PERM_R);
	uint32_t v;

	if (!insn || insn[0] != OP_0F || insn[1] != OP_MOV_FROM_CR)
		return false;
	if (!cr_value(p, (insn[2] >> 3) & 7u, &v))
		return false;
	*x86_gpr(r, insn[2] & 7u) = v; /* the register form is the only one */
	r->eip += 3;
	return true;
}

bool arch_emulate(struct partition *p, struct arch_regs *r, uint32_t error)
{
	if (error == SEL_TLS)
		return tls_emulate(p, r);
	return !error && cr_read(p, r);
}
