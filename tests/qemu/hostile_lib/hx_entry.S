/*
 * The hostile library's upcall entry and snippet runner (hx.h).
 *
 * hx_entry: as the guest library's bh_upcall_entry, but flags first: the
 * interrupted code may have set DF, AC or NT, and TF would trap again at
 * once. (popfl cannot change IF in ring 3, which is fine: it is set.)
 *
 * hx_run(regs, code): load the registers, call the code, then reset the
 * segment registers and flags before touching memory, store the registers
 * back. A trap inside the code lands, through the handler, at hx_recover
 * with esp at the saved value.
 */
#define BH_HC_UPCALL_RETURN 15
#define EFLAGS_CLEAN 0x202

	.text
	.globl hx_entry
hx_entry:
	pushl $EFLAGS_CLEAN
	popfl
	movl %ecx, %esi
	subl $12, %esp
	pushl %ecx
	call bh_upcall_dispatch
	movl $BH_HC_UPCALL_RETURN, %eax
	movl %esi, %ebx
	int $0x80
	ud2

	/* Segment registers: the partition's data segment (ss holds it: in
	 * ring 3 no other selector loads into ss); flags as at a start. */
	.macro CLEAN_STATE
	movl %ss, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %fs
	movl %eax, %gs
	pushl $EFLAGS_CLEAN
	popfl
	.endm

	.globl hx_run, hx_recover, hx_saved_esp
/* uint32_t hx_run(struct hx_regs *r, void (*code)(void)) */
hx_run:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax
	movl 24(%esp), %ecx
	movl %eax, regs_ptr
	movl %ecx, target
	movl %esp, hx_saved_esp
	movl 4(%eax), %ebx
	movl 8(%eax), %ecx
	movl 12(%eax), %edx
	movl 16(%eax), %esi
	movl 20(%eax), %edi
	movl 24(%eax), %ebp
	movl (%eax), %eax
	call *target
	pushl %eax
	CLEAN_STATE
	movl regs_ptr, %eax
	popl (%eax)
	movl %ebx, 4(%eax)
	movl %ecx, 8(%eax)
	movl %edx, 12(%eax)
	movl %esi, 16(%eax)
	movl %edi, 20(%eax)
	movl %ebp, 24(%eax)
	xorl %eax, %eax
	jmp 1f
hx_recover:
	CLEAN_STATE
	movl $1, %eax
	jmp 1f
/* Registers on arrival, then the stack back (ds must be the user's). */
	.globl hx_land, hx_landed
hx_land:
	movl %eax, hx_landed
	movl %ebx, hx_landed + 4
	movl %ecx, hx_landed + 8
	movl %edx, hx_landed + 12
	movl %esi, hx_landed + 16
	movl %edi, hx_landed + 20
	movl %ebp, hx_landed + 24
	movl %esp, hx_landed + 28
	movl hx_saved_esp, %esp
	pushfl
	popl hx_landed + 32
	CLEAN_STATE
	movl $2, %eax
1:	movl hx_saved_esp, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.data
	.balign 4
hx_saved_esp:
	.long 0
hx_landed:
	.fill 9, 4, 0
regs_ptr:
	.long 0
target:
	.long 0

	.section .note.GNU-stack, "", @progbits
