/*
 * A partition's saved processor state on i386: the trap frame (general,
 * ds/es and flag registers), fs/gs, and the x87/SSE area in FXSAVE format.
 */
#ifndef ARCH_X86_CTX_H
#define ARCH_X86_CTX_H

#include <arch/regs.h>

struct arch_ctx {
	/* A virtual-8086 frame is pushed this much below regs (entry.S). */
	uint32_t vm86_slack[ARCH_VM86_EXTRA / 4];
	struct arch_regs regs;
	uint32_t fs, gs; /* saved when another partition's state is loaded */
	uint8_t fpu[512] __attribute__((aligned(16)));
};

/*
 * c was just reinitialised: give it a clean x87/SSE state, and if its old
 * state is live on the processor, make the new one live instead.
 */
void arch_ctx_reload(struct arch_ctx *c);

#endif /* ARCH_X86_CTX_H */
