/*
 * Landing point of an upcall return edited by bh_bsp_interrupt_defer():
 * runs on the interrupted context's own stack with virtual interrupts
 * disabled, calls the deferred function, then puts back the interrupted
 * virtual flag and every register and returns to where the interrupt hit.
 *
 * Re-enabling stores enabled = 1 before looking at pending & ~mask, so an
 * arrival either is seen here (one VIRQ_SYNC hypercall delivers it) or
 * comes after the store (the kernel delivers it directly): none is
 * stranded. An upcall taken anywhere in the tail finds a consistent stack
 * (the rest of the save area lies above esp) and may defer again.
 */
#define VCPU 0xFFFFF000
#define VCPU_ENABLED (VCPU + 0)
#define VCPU_MASK0 (VCPU + 8)
#define VCPU_MASK1 (VCPU + 12)
#define VCPU_PENDING0 (VCPU + 16)
#define VCPU_PENDING1 (VCPU + 20)
#include <bulkhead/abi.h>

	.text
	.globl bh_bsp_defer_trampoline
	.type bh_bsp_defer_trampoline, @function
bh_bsp_defer_trampoline:
	popl %eax		/* the deferred function */
	movl %esp, %ebx		/* callee-saved: survives fn and thread switches */
	andl $-16, %esp
	call *%eax
	movl %ebx, %esp
	popl %eax		/* the interrupted virtual flag */
	testl %eax, %eax
	jz 1f
	movl $1, VCPU_ENABLED
	movl VCPU_MASK0, %ecx
	notl %ecx
	andl VCPU_PENDING0, %ecx
	movl VCPU_MASK1, %edx
	notl %edx
	andl VCPU_PENDING1, %edx
	orl %edx, %ecx
	jz 1f
	movl $BH_HC_VIRQ_SYNC, %eax
	int $0x80
1:	popl %edi
	popl %esi
	popl %ebp
	popl %ebx
	popl %edx
	popl %ecx
	popl %eax
	popfl
	ret
	.size bh_bsp_defer_trampoline, . - bh_bsp_defer_trampoline

	.section .note.GNU-stack, "", @progbits
