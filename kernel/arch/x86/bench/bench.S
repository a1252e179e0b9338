/*
 * Benchmark stubs (benchmark images only, built with BH_BENCH=1; see
 * bench.c and docs/benchmarks.md).
 *
 * Entry probes: one stub per IRQ vector that stores the TSC in
 * x86_bench_irq_tsc[line], from either ring, and then jumps to the normal
 * stub. The stored value is the TSC plus x86_bench_probe_adj, which bench.c
 * calibrates at boot so that it equals what an rdtsc placed at the normal
 * stub's first instruction would read: under icount, "TSC at some later
 * point - stored value" is then exactly the number of instructions of the
 * normal path up to that point, probe excluded. Partitions read the stored
 * value through the benchmark gate (0x83, bench_gate.S). The normal stubs
 * are untouched, and a normal image does not contain any of this.
 *
 * Ring-0 baselines: a stamp pair (measurement overhead), cli;sti, and a
 * native interrupt path for line 3 that mirrors the kernel's own entry
 * (vector stub, common save, C dispatch with EOI) up to a ring-0 handler
 * and back to the interrupted instruction.
 */
#include <arch/bench.h>


	.macro IRQ_PROBE n
	.text
	.balign 16
x86_bench_irq_\n:
	PROBE x86_bench_irq_tsc+8*\n, x86_vector_table+4*(32+\n)
	.section .rodata
	.long x86_bench_irq_\n
	.endm

	.section .rodata
	.balign 4
	.globl x86_bench_irq_table
x86_bench_irq_table:
	IRQ_PROBE 0
	IRQ_PROBE 1
	IRQ_PROBE 2
	IRQ_PROBE 3
	IRQ_PROBE 4
	IRQ_PROBE 5
	IRQ_PROBE 6
	IRQ_PROBE 7
	IRQ_PROBE 8
	IRQ_PROBE 9
	IRQ_PROBE 10
	IRQ_PROBE 11
	IRQ_PROBE 12
	IRQ_PROBE 13
	IRQ_PROBE 14
	IRQ_PROBE 15

	.data
	.balign 8
	.globl x86_bench_probe_adj, x86_bench_native_entry, x86_bench_native_isr_tsc
	.globl x86_bench_native_end_tsc, x86_bench_native_runs, x86_bench_irq_tsc
x86_bench_probe_adj:
	.long 0
cal_stamp:
	.quad 0
x86_bench_native_entry:
	.quad 0
x86_bench_native_isr_tsc:
	.quad 0
x86_bench_native_end_tsc:
	.quad 0
x86_bench_native_runs:
	.long 0
	.balign 8
x86_bench_irq_tsc:
	.skip 8*16
cal_target:
	.long cal_end
native_target:
	.long native_vec

	.text
/*
 * uint32_t x86_bench_probe_calibrate(void): runs the probe itself and reads
 * the TSC where the normal stub would start. With x86_bench_probe_adj at 0
 * the result is the adjustment to use.
 */
	.balign 16
	.globl x86_bench_probe_calibrate
x86_bench_probe_calibrate:
	PROBE cal_stamp, cal_target
cal_end:
	rdtsc
	subl cal_stamp, %eax
	ret

/* uint32_t x86_bench_stamp_pair(void): two stamps back to back. */
	.balign 16
	.globl x86_bench_stamp_pair
x86_bench_stamp_pair:
	rdtsc
	movl %eax, %ecx
	rdtsc
	subl %ecx, %eax
	ret

/* uint32_t x86_bench_cli_sti(void): one cli;sti between two stamps. */
	.balign 16
	.globl x86_bench_cli_sti
x86_bench_cli_sti:
	rdtsc
	movl %eax, %ecx
	cli
	sti
	rdtsc
	cli			/* the kernel runs with interrupts off */
	subl %ecx, %eax
	ret

/*
 * Native interrupt path for IRQ 3 (vector 0x23): the probe, then the same
 * instructions as x86_vec_35 + x86_trap_common, calling a C dispatcher that
 * does what x86_trap does for a line (spurious check, EOI) and calls the
 * registered ring-0 handler.
 */
	.balign 16
	.globl x86_bench_native_irq3
x86_bench_native_irq3:
	PROBE x86_bench_native_entry, native_target
	.globl native_vec
native_vec:
	pushl $0
	pushl $0x23
	jmp native_common
native_common:
	SAVE_FRAME		/* exactly the kernel's own sequence (arch/entry.h) */
	call x86_bench_native_trap
	movl %eax, %esp
	RESTORE_REGS
	addl $8, %esp
	iret

/* Gate 0x81: the cheapest possible ring 3 -> ring 0 -> ring 3 trip. */
	.balign 16
	.globl x86_bench_null_entry
x86_bench_null_entry:
	iret

/*
 * The ring-0 handler. Its body is the partitions' (bench/guests/bench_virq,
 * bvq_handler) instruction for instruction: a TSC stamp as its first
 * instruction, COM2's IER cleared (the line drops), a counter, a TSC stamp
 * just before its return.
 */
	.balign 16
	.globl x86_bench_native_isr
x86_bench_native_isr:
	rdtsc
	movl %eax, x86_bench_native_isr_tsc
	movl %edx, x86_bench_native_isr_tsc+4
	movw $0x2F9, %dx	/* COM2 IER = 0: the line drops */
	xorl %eax, %eax
	outb %al, %dx
	incl x86_bench_native_runs
	rdtsc
	movl %eax, x86_bench_native_end_tsc
	movl %edx, x86_bench_native_end_tsc+4
	.globl x86_bench_native_isr_ret
x86_bench_native_isr_ret:	/* for bench/paths.sh: where native_irq_return starts */
	ret

/*
 * uint32_t x86_bench_native_trip(void): with the native gate on IRQ 3 and
 * COM2's output enabled, raise the line by setting IER's "transmitter
 * empty" bit with interrupts on; the interrupt is taken right after the
 * out (sti's shadow covers it) and returns to x86_bench_native_resumed,
 * whose TSC is returned (low half).
 */
	.balign 16
	.globl x86_bench_native_trip, x86_bench_native_resumed
x86_bench_native_trip:
	movw $0x2F9, %dx
	movb $0x02, %al
	sti
	outb %al, %dx
x86_bench_native_resumed:
	rdtsc
	cli
	ret

	.section .note.GNU-stack, "", @progbits
