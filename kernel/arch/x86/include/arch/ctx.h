/*
 * A partition's saved processor state on i386: the trap frame (general,
 * ds/es and flag registers), fs/gs, and the x87/SSE area in FXSAVE format.
 */
#ifndef ARCH_X86_CTX_H
#define ARCH_X86_CTX_H

#include <arch/regs.h>

struct virq;

struct arch_ctx {
	/* A virtual-8086 frame is pushed this much below regs (entry.S). */
	uint32_t vm86_slack[ARCH_VM86_EXTRA / 4];
	struct arch_regs regs;
	uint32_t fs, gs; /* saved when another partition's state is loaded */
	/* For the upcall return's fast path (entry.S), set once at boot. */
	struct virq *virq;
	struct bh_vcpu *vcpu;
	struct bh_vcpu_state *vstate;
	/* Thread-pointer segment (tls.c): the descriptor the kernel loaded into
	 * fs and gs, meaningful while that register holds SEL_TLS; the one
	 * BH_HC_TLS_SET made (0: none); the guest address of the descriptor
	 * BH_HC_TLS_DESC registered (0: none). All 0 at (re)start. */
	uint64_t fs_tls, gs_tls, tls_set;
	uint32_t tls_table;
	/* For the switch (switch.S), set once at boot: the page directory and
	 * the descriptor of the partition's own TSS. */
	uint32_t cr3;
	uint64_t tss_desc;
	uint8_t fpu[512] __attribute__((aligned(16)));
};

/*
 * c was just reinitialised: give it a clean x87/SSE state, and if its old
 * state is live on the processor, make the new one live instead.
 */
void arch_ctx_reload(struct arch_ctx *c);

#endif /* ARCH_X86_CTX_H */
