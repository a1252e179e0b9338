/*
 * The ring-0 executive's interrupt entry for IRQ 8 (benchmark images only;
 * rt0_port.c): what a native port of the executive would do, as RTEMS's
 * i386 interrupt entry does. Interrupts arrive from ring 0 on the running
 * thread's stack; the stub saves the registers a C call may change and
 * calls the dispatcher, which runs the ISR, acknowledges the 8259 and, if
 * the ISR readied a more urgent thread, switches to it right there (the
 * interrupted thread resumes here, and irets, when it runs again).
 */
#include <arch/bench.h>

	.text
	.balign 16
	.globl x86_bench_rt0_irq8, x86_bench_rt0_vec
x86_bench_rt0_irq8:
	PROBE x86_bench_rt0_entry_tsc, rt0_target
x86_bench_rt0_vec:		/* the stub proper: where the figure starts */
	pushl %eax
	pushl %ecx
	pushl %edx
	cld
	call x86_bench_rt0_dispatch
	popl %edx
	popl %ecx
	popl %eax
	iret

	.data
	.balign 8
	.globl x86_bench_rt0_entry_tsc
x86_bench_rt0_entry_tsc:
	.quad 0
rt0_target:
	.long x86_bench_rt0_vec

	.section .note.GNU-stack, "", @progbits
