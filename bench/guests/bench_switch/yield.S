/*
 * The yielding side of bench_switch: yield, and on return (which is the
 * start of this partition's next window, right after a partition switch)
 * read the TSC as the very first instruction, then publish it in the
 * shared page together with the window it belongs to.
 *
 * void bsw_yield_and_stamp(volatile struct bsw_shared *s)
 *   s->tsc = TSC on return from the yield; s->seq = vCPU window_seq, last.
 */
#include <bulkhead/abi.h>
#define VCPU_WINDOW_SEQ (0xFFFFF000 + 304)

	.text
	.globl bsw_yield_and_stamp
	.type bsw_yield_and_stamp, @function
bsw_yield_and_stamp:
	pushl %ebx
	movl 8(%esp), %ebx
	movl $BH_HC_YIELD, %eax
	int $0x80
	.globl bsw_resumed		/* for bench/profile.sh */
bsw_resumed:
	rdtsc
	movl %eax, 8(%ebx)
	movl %edx, 12(%ebx)
	movl VCPU_WINDOW_SEQ, %eax
	movl %eax, 0(%ebx)
	popl %ebx
	ret

	.section .note.GNU-stack, "", @progbits
