/*
 * Register-level hypercall helpers for the hc_* tests (see hcl.h). C cannot
 * express "trap with these exact registers and flags and tell me what came
 * back", and the attacks need a trap on a bogus stack and an upcall return
 * that lands on a label.
 */
#define R_EAX 0
#define R_EBX 4
#define R_ECX 8
#define R_EDX 12
#define R_ESI 16
#define R_EDI 20
#define R_EBP 24
#define R_ESP 28
#define R_EFL 32
#define HC_UPCALL_RETURN 15

	.text

/* void hcl_call(struct hcl_regs *r) */
	.globl hcl_call
	.type hcl_call, @function
hcl_call:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax
	pushl %eax			/* r, found again at (%esp) after the trap */
	movl %esp, R_ESP(%eax)		/* esp before */
	movl R_EBX(%eax), %ebx
	movl R_ECX(%eax), %ecx
	movl R_EDX(%eax), %edx
	movl R_ESI(%eax), %esi
	movl R_EDI(%eax), %edi
	movl R_EBP(%eax), %ebp
	pushl R_EFL(%eax)
	popfl
	movl R_EAX(%eax), %eax
	int $0x80
	pushfl
	xchgl %eax, 4(%esp)		/* eax = r; the result takes r's slot */
	movl %ebx, R_EBX(%eax)
	movl %ecx, R_ECX(%eax)
	movl %edx, R_EDX(%eax)
	movl %esi, R_ESI(%eax)
	movl %edi, R_EDI(%eax)
	movl %ebp, R_EBP(%eax)
	leal 4(%esp), %ecx		/* esp right after the trap */
	subl R_ESP(%eax), %ecx
	movl %ecx, R_ESP(%eax)
	popl R_EFL(%eax)
	popl R_EAX(%eax)
	cld				/* the C ABI wants DF clear */
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* int32_t hcl_call_on_stack(uint32_t nr, uint32_t sp): ebp keeps the real
 * stack, which the kernel must preserve like every other register. */
	.globl hcl_call_on_stack
	.type hcl_call_on_stack, @function
hcl_call_on_stack:
	pushl %ebp
	movl %esp, %ebp
	movl 8(%ebp), %eax
	movl 12(%ebp), %esp
	int $0x80
	movl %ebp, %esp
	popl %ebp
	ret

/* int32_t hcl_upcall_jump(const struct bh_upcall_frame *f, struct hcl_regs *landed) */
	.globl hcl_upcall_jump
	.type hcl_upcall_jump, @function
hcl_upcall_jump:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 24(%esp), %eax
	movl %eax, landed_regs
	movl %esp, jump_sp
	movl 20(%esp), %ebx
	movl $HC_UPCALL_RETURN, %eax
	int $0x80
	jmp 2f				/* only an error comes back here */

/* Where a test frame's eip points: record everything, resume the jumper. */
	.globl hcl_land
	.type hcl_land, @function
hcl_land:
	pushfl
	pushl %eax
	movl landed_regs, %eax
	popl R_EAX(%eax)
	popl R_EFL(%eax)
	movl %esp, R_ESP(%eax)		/* the frame's esp, as the stack is again */
	movl %ebx, R_EBX(%eax)
	movl %ecx, R_ECX(%eax)
	movl %edx, R_EDX(%eax)
	movl %esi, R_ESI(%eax)
	movl %edi, R_EDI(%eax)
	movl %ebp, R_EBP(%eax)
	cld
	movl jump_sp, %esp
	movl $1, %eax
2:	movl $0, landed_regs		/* a stale jump to hcl_land faults */
	movl $0, jump_sp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* void hcl_upcall_jump_reset(void): forget a jump that never landed (the
 * partition restarted in between), so that its frame faults if replayed. */
	.globl hcl_upcall_jump_reset
	.type hcl_upcall_jump_reset, @function
hcl_upcall_jump_reset:
	movl $0, landed_regs
	movl $0, jump_sp
	ret

	.bss
	.balign 4
landed_regs:
	.skip 4
jump_sp:
	.skip 4

	.section .note.GNU-stack, "", @progbits
