/*
 * Shared by the trap entry stubs (entry.S, and the benchmark's sysenter.S
 * and bench.S, which must mirror the real path): selectors, the layout of
 * struct arch_regs as offsets (regs.h checks them against the struct), and
 * the register save and restore sequences.
 */
#ifndef ARCH_X86_ENTRY_H
#define ARCH_X86_ENTRY_H

#include <arch/selectors.h>

/* Offsets in struct arch_regs. */
#define ARCH_FRAME_EAX 36
#define ARCH_FRAME_EIP 48
#define ARCH_FRAME_CS 52
#define ARCH_FRAME_ESP 60
#define ARCH_FRAME_SIZE 68

#ifdef __ASSEMBLER__

/* General registers, ds and es; then the kernel's data segments. */
	.macro SAVE_REGS
	pushal
	pushl %ds
	pushl %es
	movl $SEL_KDATA, %eax
	movl %eax, %ds
	movl %eax, %es
	.endm

/*
 * SAVE_REGS, then eax = frame; from ring 3, move to the kernel stack (the
 * frame stays in the partition's context).
 */
	.macro SAVE_FRAME
	SAVE_REGS
	movl %esp, %eax
	testl $3, ARCH_FRAME_CS(%esp)
	jz 1f
	movl $x86_kstack_c_top, %esp
1:	cld
	.endm

/* esp = frame: undo SAVE_REGS. */
	.macro RESTORE_REGS
	popl %es
	popl %ds
	popal
	.endm

#endif /* __ASSEMBLER__ */
#endif /* ARCH_X86_ENTRY_H */
