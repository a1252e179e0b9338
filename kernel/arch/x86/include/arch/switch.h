/*
 * What the partition switch (switch.S) reads, as offsets in struct arch_ctx,
 * which is the first member of struct partition (ctx.c checks them all).
 */
#ifndef ARCH_X86_SWITCH_H
#define ARCH_X86_SWITCH_H

#define CTX_REGS_END 84	   /* &ctx.regs + 1: the partition's TSS.esp0 */
#define CTX_FS 84	   /* uint32_t fs, gs */
#define CTX_GS 88
#define CTX_FS_TLS 104	   /* uint64_t fs_tls, gs_tls */
#define CTX_GS_TLS 112
#define CTX_CR3 132	   /* uint32_t cr3 */
#define CTX_TSS_DESC 136   /* uint64_t tss_desc */
#define CTX_FPU 144	   /* uint8_t fpu[512] */

#endif /* ARCH_X86_SWITCH_H */
