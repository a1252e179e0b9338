/*
 * bench_virq's registered upcall entry. Its first instruction reads the
 * TSC: "the first instruction of the guest handler". It then saves the
 * kernel's entry stamp (vCPU bench_entry_tsc) before a later interrupt can
 * overwrite it, and continues into the library's entry, which needs only
 * ecx (the frame) and the frame itself.
 */
#define VCPU_BENCH_ENTRY_TSC (0xFFFFF000 + 328)

	.text
	.globl bvq_upcall_entry
	.type bvq_upcall_entry, @function
bvq_upcall_entry:
	rdtsc
	movl %eax, bvq_handler_tsc
	movl %edx, bvq_handler_tsc+4
	movl VCPU_BENCH_ENTRY_TSC, %eax
	movl %eax, bvq_entry_tsc
	movl VCPU_BENCH_ENTRY_TSC+4, %eax
	movl %eax, bvq_entry_tsc+4
	jmp bh_upcall_entry

	.bss
	.balign 8
	.globl bvq_handler_tsc, bvq_entry_tsc
bvq_handler_tsc:
	.skip 8
bvq_entry_tsc:
	.skip 8

	.section .note.GNU-stack, "", @progbits
