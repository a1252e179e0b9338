/*
 * bench_virq's measured code, in assembler so that exactly these
 * instructions lie between the stamps.
 *
 * bvq_handler(vector, count, frame): the COM2 handler, installed with
 * bh_set_handler(). Its body is the kernel's ring-0 baseline handler
 * (kernel/arch/x86/bench/bench.S, x86_bench_native_isr) instruction for
 * instruction: a TSC stamp as its first instruction, COM2's IER cleared (the
 * line drops), a counter, a TSC stamp just before its return.
 *
 * bvq_nop(vector, count, frame): the handler of the pending vectors: counts.
 *
 * uint32_t bvq_trip(void): raise COM2's line by setting IER's "transmitter
 * empty" bit; the interrupt is taken right after the out, and the
 * interrupted instruction, bvq_resumed, reads the TSC (returned, low half).
 */
	.text
	.globl bvq_handler, bvq_handler_ret, bvq_nop, bvq_trip, bvq_resumed
	.type bvq_handler, @function
bvq_handler:
	rdtsc
	movl %eax, bvq_h0
	movl %edx, bvq_h0+4
	movw $0x2F9, %dx
	xorl %eax, %eax
	outb %al, %dx
	incl bvq_runs
	rdtsc
	movl %eax, bvq_h1
	movl %edx, bvq_h1+4
bvq_handler_ret:		/* for bench/paths.sh: where upcall_return starts */
	ret
	.size bvq_handler, . - bvq_handler

	.type bvq_nop, @function
bvq_nop:
	incl bvq_nops
	ret
	.size bvq_nop, . - bvq_nop

	.type bvq_trip, @function
bvq_trip:
	movw $0x2F9, %dx
	movb $0x02, %al
	outb %al, %dx
bvq_resumed:
	rdtsc
	ret
	.size bvq_trip, . - bvq_trip

	.bss
	.balign 8
	.globl bvq_h0, bvq_h1, bvq_runs, bvq_nops
bvq_h0:
	.skip 8
bvq_h1:
	.skip 8
bvq_runs:
	.skip 4
bvq_nops:
	.skip 4

	.section .note.GNU-stack, "", @progbits
