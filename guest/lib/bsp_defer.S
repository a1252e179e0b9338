/*
 * Landing point of an upcall return edited by bh_bsp_interrupt_defer():
 * runs on the interrupted context's own stack with virtual interrupts
 * disabled and the interrupted registers (the return restored them from
 * the frame), calls the deferred function, then puts back the interrupted
 * virtual flag, eax, ecx, edx and the flags, and returns to where the
 * interrupt hit.
 *
 * Re-enabling stores enabled = 1 before looking at the summary hint, so an
 * arrival either is seen here (one VIRQ_SYNC hypercall delivers it) or
 * comes after the store (the kernel delivers it directly): none is
 * stranded. An upcall taken anywhere in the tail finds a consistent stack
 * (the rest of the save area lies above esp) and may defer again.
 */
#include <bulkhead/abi.h>
#define VCPU_ENABLED 0xFFFFF000 /* BH_VCPU_VADDR: enabled, summary */
#define VCPU_SUMMARY 0xFFFFF004

	.text
	.globl bh_bsp_defer_trampoline
	.type bh_bsp_defer_trampoline, @function
bh_bsp_defer_trampoline:
	popl %eax		/* the deferred function */
	pushl %ebx		/* the interrupted ebx (the others fn keeps) */
	movl %esp, %ebx		/* callee-saved: survives fn and thread switches */
	andl $-16, %esp
	call *%eax
	movl %ebx, %esp
	popl %ebx
	popl %eax		/* the interrupted virtual flag */
	testl %eax, %eax
	jz 1f
	movl $1, VCPU_ENABLED
	cmpl $0, VCPU_SUMMARY
	jz 1f
	movl $BH_HC_VIRQ_SYNC, %eax
	int $0x80
1:	popl %edx
	popl %ecx
	popl %eax
	popfl
	ret
	.size bh_bsp_defer_trampoline, . - bh_bsp_defer_trampoline

	.section .note.GNU-stack, "", @progbits
