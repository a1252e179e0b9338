/*
 * uint32_t hs_scan_<op>(uint8_t *bits): run `op` (lar, lsl, verr, verw) on
 * every selector with RPL 3, GDT and LDT (sel = 3, 7, 11, ... 0xFFFF), set
 * bit sel >> 2 of bits where ZF says the selector is usable; returns the
 * number of usable ones. No selector is loaded: these never fault.
 */
	.text
	.macro SCAN op, name
	.globl hs_scan_\name
hs_scan_\name:
	pushl %ebx
	pushl %esi
	movl 12(%esp), %esi	/* bits */
	xorl %eax, %eax		/* count */
	movl $3, %ecx		/* selector */
1:	\op
	jnz 2f
	incl %eax
	movl %ecx, %edx
	shrl $2, %edx
	btsl %edx, (%esi)
2:	addl $4, %ecx
	cmpl $0x10003, %ecx
	jne 1b
	popl %esi
	popl %ebx
	ret
	.endm

	SCAN "larl %ecx, %ebx", lar
	SCAN "lsll %ecx, %ebx", lsl
	SCAN "verr %cx", verr
	SCAN "verw %cx", verw

	.section .note.GNU-stack, "", @progbits
