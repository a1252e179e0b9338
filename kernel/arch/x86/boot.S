/*
 * Multiboot (v1) header and the first instructions. The loader (QEMU -kernel
 * or GRUB) enters _start in 32-bit protected mode, paging off, with eax =
 * the Multiboot magic and ebx = the physical address of the info block.
 */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003 /* page-align modules, provide memory info */

	.section .multiboot, "a"
	.balign 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.text
	.globl _start
_start:
	cli
	cld
	movl $x86_kstack_c_top, %esp
	xorl %ebp, %ebp
	pushl %ebx
	pushl %eax
	call x86_boot
1:	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
