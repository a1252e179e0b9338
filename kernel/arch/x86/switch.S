/*
 * void arch_switch_to(struct partition *next) (bh/arch.h), the processor
 * side of a partition switch, on every window start: one straight run, the
 * loads of struct arch_ctx by offset (arch/switch.h; the partition is its
 * context, ctx.c checks both). What it does, in ctx.c's words:
 *
 *   - none (idle): nothing; the loaded space and FPU stay for a return;
 *   - another address space than the loaded one (x86_live): the outgoing
 *     partition's fs and gs selectors saved; next's fs and gs loaded as
 *     tls.c's tls_load_segments() does (a 0x18 selector with its own
 *     descriptor through the GDT's thread-pointer slot, null if it has
 *     none; the slot written once per distinct descriptor, null again
 *     before ring 3 runs); its TSS (descriptor into the GDT's TSS slot,
 *     ltr: its esp0 and I/O permission bitmap); its page directory;
 *   - the FPU: the owner's state saved, next's restored, unless next owns
 *     it already.
 */
#include <arch/selectors.h>
#include <arch/switch.h>

#define TLS_SLOT (x86_gdt + GDT_TLS * 8)
#define TSS_SLOT (x86_gdt + GDT_TSS * 8)

	.text
	.balign 16
	.globl arch_switch_to
	.type arch_switch_to, @function
arch_switch_to:
	movl 4(%esp), %eax		/* next: its struct arch_ctx */
	testl %eax, %eax
	jz 9f
	/* x86_switch_to: the same with eax = next, not NULL (tick.S); ecx
	 * and edx clobbered, eax kept */
	.globl x86_switch_to
x86_switch_to:
	movl x86_live, %edx
	cmpl %eax, %edx
	je 6f				/* its space is loaded: the FPU only */
	testl %edx, %edx
	jz 1f
	movl %fs, %ecx			/* the outgoing partition's selectors */
	movl %ecx, CTX_FS(%edx)
	movl %gs, %ecx
	movl %ecx, CTX_GS(%edx)
1:	movl %eax, x86_live

	movl CTX_FS(%eax), %ecx		/* fs */
	movl %ecx, %edx
	andl $0xFFFC, %edx
	cmpl $SEL_TLS, %edx
	jne 2f
	movl CTX_FS_TLS(%eax), %edx
	orl CTX_FS_TLS + 4(%eax), %edx
	jz 10f				/* 0x18 without a descriptor: null */
	movl CTX_FS_TLS(%eax), %edx
	movl %edx, TLS_SLOT
	movl CTX_FS_TLS + 4(%eax), %edx
	movl %edx, TLS_SLOT + 4
2:	movl %ecx, %fs

	movl CTX_GS(%eax), %ecx		/* gs */
	movl %ecx, %edx
	andl $0xFFFC, %edx
	cmpl $SEL_TLS, %edx
	jne 4f
	movl CTX_GS_TLS(%eax), %edx
	orl CTX_GS_TLS + 4(%eax), %edx
	jz 11f
	movl CTX_GS_TLS(%eax), %edx
	cmpl %edx, TLS_SLOT		/* the slot holds it already (fs's)? */
	jne 3f
	movl CTX_GS_TLS + 4(%eax), %edx
	cmpl %edx, TLS_SLOT + 4
	je 4f
3:	movl CTX_GS_TLS(%eax), %edx
	movl %edx, TLS_SLOT
	movl CTX_GS_TLS + 4(%eax), %edx
	movl %edx, TLS_SLOT + 4
4:	movl %ecx, %gs
	movl $0, TLS_SLOT		/* null whenever ring 3 runs */
	movl $0, TLS_SLOT + 4

	movl CTX_TSS_DESC(%eax), %edx	/* TSS (available: ltr marks it busy) */
	movl %edx, TSS_SLOT
	movl CTX_TSS_DESC + 4(%eax), %edx
	movl %edx, TSS_SLOT + 4
	movl $SEL_TSS, %edx
	ltr %dx
#if BH_BENCH
	leal CTX_REGS_END(%eax), %edx	/* the benchmark's sysenter stack */
	movl %edx, x86_bench_esp0
#endif
	movl CTX_CR3(%eax), %edx
	movl %edx, %cr3

6:	movl x86_fpu_owner, %edx	/* FPU */
	cmpl %eax, %edx
	je 9f
	testl %edx, %edx
	jz 7f
	fxsave CTX_FPU(%edx)
7:	fxrstor CTX_FPU(%eax)
	movl %eax, x86_fpu_owner
9:	ret

10:	xorl %ecx, %ecx
	jmp 2b
11:	xorl %ecx, %ecx
	jmp 4b
	.size arch_switch_to, . - arch_switch_to

	.section .note.GNU-stack, "", @progbits
