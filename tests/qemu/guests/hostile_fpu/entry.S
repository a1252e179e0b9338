/*
 * hostile_fpu's upcall entry: the flags the kernel enters it with are
 * recorded before anything can change them, then the guest library's
 * entry takes over.
 */
	.text
	.globl hf_entry
hf_entry:
	pushfl
	popl hf_entry_flags
	jmp bh_upcall_entry

/* Spin `n` iterations (eax) with DF, AC and NT set; return the flags seen
 * at the end (before clearing them again). */
	.globl hf_spin_dirty
hf_spin_dirty:
	movl 4(%esp), %ecx
	pushfl
	orl $0x44400, (%esp)	/* AC | NT | DF */
	popfl
1:	decl %ecx
	jnz 1b
	pushfl
	popl %eax
	pushl $0x202
	popfl
	ret

	.data
	.globl hf_entry_flags
hf_entry_flags:
	.long 0

	.section .note.GNU-stack, "", @progbits
