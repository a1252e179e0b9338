/*
 * uint32_t swf_regs_spin(const volatile uint32_t *seq, uint32_t windows)
 *
 * Spins until *seq (the vCPU state page's window_seq) has changed `windows`
 * times, with every general register, esp, the direction flag and gs:0
 * holding known values that it checks on every round; at each new window
 * the values move on (a stale context resumed would show). Returns 0, or
 * which check failed: 1 ebx, 2 ecx, 3 edx, 4 esi, 5 edi, 6 ebp, 7 esp,
 * 8 the direction flag, 9 gs:0.
 */
	.text
	.globl swf_regs_spin
	.type swf_regs_spin, @function
swf_regs_spin:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax
	movl %eax, seq_ptr
	movl (%eax), %eax
	movl %eax, seq_last
	movl 24(%esp), %eax
	movl %eax, left
	movl %esp, want_esp
	movl $0x01234567, %ebx
	movl $0x12345678, %ecx
	movl $0x23456789, %edx
	movl $0x3456789A, %esi
	movl $0x456789AB, %edi
	movl $0x56789ABC, %ebp
	std
1:	call save			/* the values this window must keep */
2:	cmpl want + 0, %ebx		/* each check: the compare, its number */
	movl $1, %eax			/* into eax (mov keeps the flags), out */
	jne 20f				/* on a difference */
	cmpl want + 4, %ecx
	movl $2, %eax
	jne 20f
	cmpl want + 8, %edx
	movl $3, %eax
	jne 20f
	cmpl want + 12, %esi
	movl $4, %eax
	jne 20f
	cmpl want + 16, %edi
	movl $5, %eax
	jne 20f
	cmpl want + 20, %ebp
	movl $6, %eax
	jne 20f
	cmpl want_esp, %esp
	movl $7, %eax
	jne 17f
	pushfl
	testl $0x400, (%esp)
	leal 4(%esp), %esp		/* (lea keeps the flags too) */
	movl $8, %eax
	jz 20f
	movl %gs:0, %eax
	cmpl gs_magic, %eax
	movl $9, %eax
	jne 20f
	movl seq_ptr, %eax
	movl (%eax), %eax
	cmpl seq_last, %eax
	je 2b
	movl %eax, seq_last		/* a new window: move every value on */
	addl $0x01010101, %ebx
	addl $0x02020202, %ecx
	addl $0x03030303, %edx
	addl $0x04040404, %esi
	addl $0x05050505, %edi
	addl $0x06060606, %ebp
	decl left
	jnz 1b
	xorl %eax, %eax
	jmp 20f
17:	movl want_esp, %esp
20:	cld
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* want[] = ebx, ecx, edx, esi, edi, ebp (esp is the caller's minus 4) */
save:
	movl %ebx, want + 0
	movl %ecx, want + 4
	movl %edx, want + 8
	movl %esi, want + 12
	movl %edi, want + 16
	movl %ebp, want + 20
	ret
	.size swf_regs_spin, . - swf_regs_spin

	.data
	.balign 4
	.globl gs_magic
gs_magic:	.long 0
seq_ptr:	.long 0
seq_last:	.long 0
left:		.long 0
want_esp:	.long 0
want:		.fill 6, 4, 0

	.section .note.GNU-stack, "", @progbits
