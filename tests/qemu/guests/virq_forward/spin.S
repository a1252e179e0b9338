/*
 * A spin loop with every general register holding a known value, so that
 * the tick handler can check the upcall frame against the interrupted
 * point (eip inside fwd_loop, esp = fwd_spin_esp, registers = FWD_*), and
 * the code after the loop can check that upcall return restored them all.
 *
 *   uint32_t fwd_spin(void): spins until fwd_flag != 0; returns a bit
 *   mask of the registers that did not survive (0: all intact).
 */
#include <bulkhead/abi.h>
#include "fwd.h"

	.text
	.globl fwd_spin, fwd_loop, fwd_loop_end
	.type fwd_spin, @function
fwd_spin:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, fwd_spin_esp
	movl $FWD_EAX, %eax
	movl $FWD_EBX, %ebx
	movl $FWD_ECX, %ecx
	movl $FWD_EDX, %edx
	movl $FWD_ESI, %esi
	movl $FWD_EDI, %edi
	movl $FWD_EBP, %ebp
fwd_loop:
	cmpl $0, fwd_flag
	je fwd_loop
fwd_loop_end:
	/* Collect one bit per clobbered register into fwd_bad. */
	movl $0, fwd_bad
	cmpl $FWD_EAX, %eax
	je 1f
	orl $1, fwd_bad
1:	cmpl $FWD_EBX, %ebx
	je 1f
	orl $2, fwd_bad
1:	cmpl $FWD_ECX, %ecx
	je 1f
	orl $4, fwd_bad
1:	cmpl $FWD_EDX, %edx
	je 1f
	orl $8, fwd_bad
1:	cmpl $FWD_ESI, %esi
	je 1f
	orl $16, fwd_bad
1:	cmpl $FWD_EDI, %edi
	je 1f
	orl $32, fwd_bad
1:	cmpl $FWD_EBP, %ebp
	je 1f
	orl $64, fwd_bad
1:	cmpl fwd_spin_esp, %esp
	je 1f
	orl $128, fwd_bad
1:	movl fwd_bad, %eax
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/*
 * Upcall entry that, unlike the library's, scrambles every register before
 * the upcall return, so that the return must restore each from the frame.
 */
	.globl fwd_entry
	.type fwd_entry, @function
fwd_entry:
	movl %ecx, %esi
	subl $12, %esp
	pushl %ecx
	call bh_upcall_dispatch
	movl %esi, %ebx
	movl $0x0BAD0BAD, %ecx
	movl %ecx, %edx
	movl %ecx, %esi
	movl %ecx, %edi
	movl %ecx, %ebp
	movl $BH_HC_UPCALL_RETURN, %eax /* (frame = ebx) */
	int $0x80
	ud2

	.bss
	.balign 4
	.globl fwd_spin_esp, fwd_flag
fwd_spin_esp:	.long 0
fwd_flag:	.long 0
fwd_bad:	.long 0

	.section .note.GNU-stack, "", @progbits
