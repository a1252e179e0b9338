/*
 * Upcall entry. The kernel arrives here with esp = ecx = the upcall frame
 * (16-byte aligned), eax = vector, edx = count and virtual interrupts off.
 * Every general register is saved in the frame, so nothing needs saving
 * here. The common case, a vector with a handler and no flash in progress,
 * calls the handler straight from here; anything else goes through the C
 * dispatcher (virq.c). Then return through the kernel, which restores the
 * interrupted context and the virtual flag in one step (ebx = the frame,
 * callee-saved, survives the handler).
 */
#include <bulkhead/abi.h>

	.text
	.globl bh_upcall_entry
	.type bh_upcall_entry, @function
bh_upcall_entry:
	movl %ecx, %ebx		/* the frame */
	movl bh_flash_left, %esi	/* (the kernel's vectors are < 96: virq.c) */
	orl bh_flash_left + 4, %esi
	jnz 1f
	movl bh_upcall_handlers(,%eax,4), %esi
	testl %esi, %esi
	jz 1f
	subl $4, %esp		/* h(vector, count, frame), esp 16-aligned at the call */
	pushl %ecx
	pushl %edx
	pushl %eax
	call *%esi
	movl $BH_HC_UPCALL_RETURN, %eax
	int $0x80
	ud2			/* upcall return never comes back here */
1:	subl $12, %esp
	pushl %ecx
	call bh_upcall_dispatch
	movl $BH_HC_UPCALL_RETURN, %eax
	int $0x80
	ud2
	.size bh_upcall_entry, . - bh_upcall_entry

	.section .note.GNU-stack, "", @progbits
