/*
 * Faulting instructions at known addresses. Each function records its
 * stack pointer in trap_esp, puts its argument in ecx and eax = 1, runs
 * the faulting instruction at trap_<x> and returns eax. The trap handler
 * skips the instruction by setting the saved eip to trap_<x>_end and
 * stores a marker in the saved eax, which the caller then gets back.
 */
	.text

	.macro SITE name, insn:vararg
	.globl \name, \name\()_site, \name\()_end
	.type \name, @function
\name:
	pushl %ebx
	movl 8(%esp), %ecx
	movl $1, %eax
	xorl %edx, %edx
	movl %esp, trap_esp
\name\()_site:
	\insn
\name\()_end:
	popl %ebx
	ret
	.endm

	SITE trap_de, divl %ecx		/* ecx = 0 */
	SITE trap_ud, ud2
	SITE trap_pf_read, movl (%ecx), %ebx
	SITE trap_pf_write, movl %eax, (%ecx)
	SITE trap_mf, fwait		/* after an unmasked x87 zero divide */

	/* Leave an unmasked divide-by-zero pending in the x87 unit. */
	.globl fpu_arm_zero_divide
	.type fpu_arm_zero_divide, @function
fpu_arm_zero_divide:
	fninit
	fldcw fpu_cw_zm_unmasked
	fld1
	fdivs fpu_zero
	ret

	.section .rodata
	.balign 4
fpu_zero:	.long 0			/* 0.0f */
fpu_cw_zm_unmasked: .word 0x037B	/* default 0x037F without ZM */

	.bss
	.balign 4
	.globl trap_esp
trap_esp:	.long 0

	.section .note.GNU-stack, "", @progbits
