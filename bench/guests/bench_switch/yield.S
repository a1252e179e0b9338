/*
 * The measurer's side of bench_switch: yield, and on return (which is the
 * start of this partition's next window, right after a partition switch)
 * read the TSC as the very first instruction.
 *
 * uint32_t bsw_yield_and_stamp(void): the TSC (low half) on return.
 *
 * void bsw_fault_loop(void): ud2 forever (the fault role's trap handler
 * skips each one).
 *
 * void bsw_tick_handler(vector, count, frame): the m_tick measurer's tick
 * handler: reads the TSC as its first instruction into bsw_tick_tsc.
 */
#include <bulkhead/abi.h>

	.text
	.globl bsw_yield_and_stamp, bsw_resumed
	.type bsw_yield_and_stamp, @function
bsw_yield_and_stamp:
	movl $BH_HC_YIELD, %eax
	int $0x80
bsw_resumed:			/* for bench/profile.sh */
	rdtsc
	ret
	.size bsw_yield_and_stamp, . - bsw_yield_and_stamp

	.globl bsw_fault_loop
	.type bsw_fault_loop, @function
bsw_fault_loop:
	ud2
	jmp bsw_fault_loop
	.size bsw_fault_loop, . - bsw_fault_loop

	.globl bsw_tick_handler
	.type bsw_tick_handler, @function
bsw_tick_handler:
	rdtsc
	movl %eax, bsw_tick_tsc
	ret
	.size bsw_tick_handler, . - bsw_tick_handler

	.data
	.globl bsw_tick_tsc
	.balign 4
bsw_tick_tsc:
	.long 0

	.section .note.GNU-stack, "", @progbits
