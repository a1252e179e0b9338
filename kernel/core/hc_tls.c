/*
 * Hypercalls of the thread pointer (docs/internals.md, "Thread-local
 * storage"); the segment work is the architecture's (x86: tls.c).
 */
#include <bh/arch.h>
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/uaccess.h>

ARCH_FASTCALL int32_t hc_tls_set(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return arch_tls_set(p, arch_regs_arg(r, 0));
}

/* The descriptor's 8 bytes must be the caller's now; they are read (and
 * checked again) at every load that uses them. */
ARCH_FASTCALL int32_t hc_tls_desc(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	uint32_t va = arch_regs_arg(r, 0);

	(void)c;
	if (va && !uaccess_ptr(p, gva(va), 8, BH_PERM_R))
		return BH_EFAULT;
	arch_tls_register(p, va);
	return BH_OK;
}
