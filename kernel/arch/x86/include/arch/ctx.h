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

#endif /* ARCH_X86_CTX_H */
