/*
 * Gate 0x82 (benchmark only, see bench_cpu.c): from ring 3 with eax =
 * seed, ebx = iterations; returns eax = ring-0 TSC ticks of the workload,
 * edx = its checksum; every other register preserved. Interrupts stay off
 * (interrupt gate). The few pushes land in the caller's register save area
 * under TSS.esp0, unused while it runs; the C code runs on the kernel
 * stack, which is idle while a partition runs.
 */
	.text
	.balign 16
	.globl x86_bench_cpu_entry
x86_bench_cpu_entry:
	pushl %ecx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl %esp, %esi		/* callee-saved across the call */
	movl $x86_kstack_c_top, %esp
	cld
	pushl %ebx
	pushl %eax
	call x86_bench_cpu_run
	movl %esi, %esp
	popl %ebp
	popl %edi
	popl %esi
	popl %ecx
	iret

	.section .note.GNU-stack, "", @progbits
