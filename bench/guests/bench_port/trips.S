/*
 * The measured trips of bench_port, in assembler so that exactly the
 * instructions named here lie between the two TSC reads.
 *
 * bpt_once_call(nr, a0, a1, a2): TSC across one hypercall with ebx = a0,
 *   ecx = a1, edx = a2, stamp included; bpt_once_stamp the same code with
 *   no int: their difference counts from the int to its return.
 * bpt_once_memcpy(dst, src, n): TSC across a call of the guest's memcpy;
 *   bpt_once_plain the bare stamp it is measured against.
 * bpt_send_mark(id, msg, len): BH_HC_PORT_WRITE exactly as bpt_once_call
 *   makes it, the first TSC left in edi; the registered upcall entry
 *   (bpt_upcall_entry) reads the TSC as its first instruction and stores
 *   the difference to the interrupted edi (the upcall frame's) in
 *   bpt_handler_delta: the same span as bpt_once_call's, ending at the
 *   handler instead of the return.
 */
#include <bulkhead/abi.h>

	.text
	.macro PROLOGUE
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl 20(%esp), %ebp
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %esi
	.endm

	.macro EPILOGUE
	rdtsc
	subl %edi, %eax
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret
	.endm

	.globl bpt_once_call
	.type bpt_once_call, @function
bpt_once_call:
	PROLOGUE
	rdtsc
	movl %eax, %edi
	movl %esi, %edx
	movl %ebp, %eax
	int $0x80
	EPILOGUE

	.globl bpt_once_stamp
	.type bpt_once_stamp, @function
bpt_once_stamp:
	PROLOGUE
	rdtsc
	movl %eax, %edi
	movl %esi, %edx
	movl %ebp, %eax
	EPILOGUE

	.globl bpt_once_memcpy
	.type bpt_once_memcpy, @function
bpt_once_memcpy:
	PROLOGUE
	pushl %esi
	pushl %ebx
	pushl %ebp
	rdtsc
	movl %eax, %edi
	call memcpy
	addl $12, %esp
	EPILOGUE

	.globl bpt_once_plain
	.type bpt_once_plain, @function
bpt_once_plain:
	PROLOGUE
	rdtsc
	movl %eax, %edi
	EPILOGUE

	.globl bpt_send_mark
	.type bpt_send_mark, @function
bpt_send_mark:
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl $BH_HC_PORT_WRITE, %ebp
	movl 20(%esp), %ebx
	movl 24(%esp), %ecx
	movl 28(%esp), %esi
	rdtsc
	movl %eax, %edi
	movl %esi, %edx
	movl %ebp, %eax
	int $0x80
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret

	/* The registered upcall entry: the TSC is its first instruction. */
	.globl bpt_upcall_entry
	.type bpt_upcall_entry, @function
bpt_upcall_entry:
	rdtsc
	subl 20(%ecx), %eax		/* the frame's edi: the send's first TSC */
	movl %eax, bpt_handler_delta
	movl (%ecx), %eax		/* the entry's vector and count again */
	movl 4(%ecx), %edx		/* (rdtsc took eax and edx) */
	jmp bh_upcall_entry

	.bss
	.balign 4
	.globl bpt_handler_delta
bpt_handler_delta:
	.skip 4

	.section .note.GNU-stack, "", @progbits
