/*
 * Upcall entry. The kernel arrives here with esp = ecx = the upcall frame
 * (16-byte aligned), eax = vector, edx = count and virtual interrupts off.
 * Every general register is saved in the frame, so nothing needs saving
 * here: call the C dispatcher, then return through the kernel, which
 * restores the interrupted context and the virtual flag in one step.
 */
#include <bulkhead/abi.h>

	.text
	.globl bh_upcall_entry
	.type bh_upcall_entry, @function
bh_upcall_entry:
	movl %ecx, %esi		/* frame, kept in a callee-saved register */
	subl $12, %esp
	pushl %ecx
	call bh_upcall_dispatch
	movl $BH_HC_UPCALL_RETURN, %eax
	movl %esi, %ebx
	int $0x80
	ud2			/* upcall return never comes back here */

	.section .note.GNU-stack, "", @progbits
