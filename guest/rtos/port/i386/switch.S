/*
 * Thread context switch for the executive on i386 (ring 3).
 *
 *   void rt_port_switch(struct rt_ctx *from, struct rt_ctx *to)
 *
 * Called with virtual interrupts disabled. Saves the x87/SSE registers in
 * from->fpu (FXSAVE) and the callee-saved registers on the current stack
 * and the stack pointer in from->sp, then loads to's. Everything else is
 * either caller-saved by the C calling convention or (the virtual
 * interrupt flag) disabled at every switch point by rule. Every thread may
 * use floating point: its state goes with it at every switch, preemption
 * at interrupt return included (which switches through here too). A
 * thread with a thread pointer (its __thread block) gets it in gs through
 * BH_HC_TLS_SET, which changes only eax; ebx is free for its argument
 * between the push and the pop.
 */
#include <bulkhead/abi.h>

#define RT_CTX_TP 4   /* offsetof(struct rt_ctx, tp), asserted in port.c */
#define RT_CTX_FPU 16 /* offsetof(struct rt_ctx, fpu), asserted in port.c */

	.text
	.globl rt_port_switch
	.type rt_port_switch, @function
rt_port_switch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	fxsave RT_CTX_FPU(%eax)
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl RT_CTX_TP(%edx), %ebx
	testl %ebx, %ebx
	jz 1f
	movl $BH_HC_TLS_SET, %eax
	int $0x80
1:	movl (%edx), %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	fxrstor RT_CTX_FPU(%edx)
	ret
	.size rt_port_switch, . - rt_port_switch

	.section .note.GNU-stack, "", @progbits
