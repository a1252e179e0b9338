/*
 * The four benchmark-only entries, each tried once by a function
 *   uint32_t ba_<name>(void)
 * that returns eax after the instruction. In a normal image each faults
 * (#GP); the guest's handler resumes at the instruction's end with eax set
 * to a marker. In a benchmark image they would return normally: 0x81 is an
 * empty gate, 0x82 runs one iteration of the ring-0 workload (ebx = 1),
 * 0x83, the control gate, raises vector 0 (eax = 0: op "raise", ebx = 1),
 * and the sysenter experiment returns through sysexit to edx with esp =
 * ecx after BH_HC_VERSION (eax = 0).
 */
	.text
	.macro SITE name, insn:vararg
	.globl ba_\name, ba_\name\()_site, ba_\name\()_end
ba_\name:
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	xorl %eax, %eax
	movl $1, %ebx
	movl %esp, %ecx
	movl $ba_\name\()_end, %edx
ba_\name\()_site:
	\insn
ba_\name\()_end:
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret
	.endm

	SITE int81, int $0x81
	SITE int82, int $0x82
	SITE int83, int $0x83
	SITE sysenter, sysenter

	.section .note.GNU-stack, "", @progbits
