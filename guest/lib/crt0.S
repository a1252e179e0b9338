/*
 * Partition entry. The kernel starts a partition here in ring 3 with
 * eax = start condition, ebx = partition id, ecx = vCPU page address and
 * no stack: set one up, call main, and stop the partition if main returns.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	movl $__stack_top, %esp
	xorl %ebp, %ebp
	subl $8, %esp
	pushl %ebx
	pushl %eax
	call main
	call bh_exit
1:	jmp 1b

	.section .bss.stack, "aw", @nobits
	.balign 16
	.skip 16384
	.globl __stack_top
__stack_top:

	.section .note.GNU-stack, "", @progbits
