/*
 * A partition's saved processor state on i386: the trap frame (general,
 * segment and flag registers) and the x87/SSE area in FXSAVE format.
 */
#ifndef ARCH_X86_CTX_H
#define ARCH_X86_CTX_H

#include <arch/regs.h>

struct arch_ctx {
	struct arch_regs regs;
	uint8_t fpu[512] __attribute__((aligned(16)));
};

/* Give c a clean x87/SSE state (and forget it if it is live). */
void arch_fpu_reset(struct arch_ctx *c);

#endif /* ARCH_X86_CTX_H */
