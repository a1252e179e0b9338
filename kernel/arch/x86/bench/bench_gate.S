/*
 * Gate 0x83, the benchmark control gate (benchmark images only; the ops are
 * in common/bench_gate.h). Entered from ring 3 like a hypercall: the frame
 * lands in the running partition's context, and x86_bench_gate() returns
 * the frame to resume, as core_hypercall() does.
 */
#include <arch/entry.h>

	.text
	.balign 16
	.globl x86_bench_gate_entry
x86_bench_gate_entry:
	subl $8, %esp
	SAVE_REGS
	movl %esp, %eax
	movl $x86_kstack_c_top, %esp
	cld
	call x86_bench_gate
	movl %eax, %esp
	RESTORE_REGS
	addl $8, %esp
	iret

	.section .note.GNU-stack, "", @progbits
