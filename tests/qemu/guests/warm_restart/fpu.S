/*
 * x87/SSE helpers for warm_restart (the executive's threads do not save
 * these registers, and the compiler never uses them here).
 *
 * void fpu_snap(struct fpu_snap *s): control and status word, MXCSR, the
 *   abridged tag word (FXSAVE), xmm0's low word and st(0)'s sign+exponent.
 * void fpu_dirty(void): three values on the x87 stack, MXCSR 0x9FC0
 *   (flush to zero, denormals are zero), xmm0 = 0x5A5A5A5A...
 * void fpu_mark(uint32_t v): xmm0 = v in every lane, MXCSR 0x1FC0.
 * void fpu_arm_fault(void): unmask the x87 zero-divide and divide by zero:
 *   the exception stays pending until the next waiting x87 instruction.
 * void fpu_touch(void): fwait; one x87 instruction (faults with #MF if an
 *   unmasked exception is pending).
 */
	.text
	.globl fpu_snap, fpu_dirty, fpu_mark, fpu_arm_fault, fpu_touch
fpu_snap:
	movl 4(%esp), %eax
	fnstcw 0(%eax)
	fnstsw 4(%eax)
	stmxcsr 8(%eax)
	movd %xmm0, 12(%eax)
	pushl %ebp
	movl %esp, %ebp
	subl $528, %esp
	andl $-16, %esp
	fxsave (%esp)
	movzbl 4(%esp), %ecx		/* abridged tag word */
	movl %ecx, 16(%eax)
	movzwl 40(%esp), %ecx		/* st(0): sign and exponent */
	movl %ecx, 20(%eax)
	movl %ebp, %esp
	popl %ebp
	ret

fpu_dirty:
	fld1
	fldpi
	fldl2t
	subl $4, %esp
	movl $0x9FC0, (%esp)
	ldmxcsr (%esp)
	movl $0x5A5A5A5A, (%esp)
	movd (%esp), %xmm0
	pshufd $0, %xmm0, %xmm0
	addl $4, %esp
	ret

fpu_mark:
	movd 4(%esp), %xmm0
	pshufd $0, %xmm0, %xmm0
	subl $4, %esp
	movl $0x1FC0, (%esp)
	ldmxcsr (%esp)
	addl $4, %esp
	ret

fpu_arm_fault:
	subl $4, %esp
	fnstcw (%esp)
	andw $~0x4, (%esp)		/* ZM: zero-divide unmasked */
	fldcw (%esp)
	addl $4, %esp
	fld1
	fldz
	fdivrp				/* 1/0: the exception is now pending */
	ret

fpu_touch:
	fwait
	fldz
	fstp %st(0)
	ret

	.section .note.GNU-stack, "", @progbits
