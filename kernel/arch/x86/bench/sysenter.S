/*
 * Experimental hypercall entry through sysenter/sysexit, in benchmark
 * images only, so that `make bench` can compare it with int $0x80
 * (docs/benchmarks.md, "Hypercall entry"). Not an ABI: in a normal image
 * the sysenter MSRs stay zero and sysenter faults (#GP) in ring 3.
 *
 * Convention: eax = number, ebx/esi/edi = arguments, ecx = the caller's esp,
 * edx = where to return; ecx, edx and the flags come back clobbered (sysexit
 * takes the return esp/eip from ecx/edx), so a second result in edx is lost.
 *
 * It builds the same struct arch_regs as the int $0x80 stub, in the running
 * partition's context (MSR_SYSENTER_ESP points at TSS.esp0, which holds the
 * top of that frame), and calls the same dispatcher. It returns by sysexit
 * only when the dispatcher resumes the caller's own frame at the caller's
 * return point; anything else (a partition switch, idling, an upcall, which
 * needs ecx/edx) leaves through the common iret path.
 *
 * Known hazard, acceptable only in this experiment: sysenter does not clear
 * TF, so a guest that single-steps into it takes a debug trap in ring 0.
 */
#include <arch/bench.h>

#define EFLAGS_RSVD1 0x002
#define EFLAGS_IF 0x200

	.text
	.balign 16
	.globl x86_sysenter_entry
x86_sysenter_entry:
	cmpl $BENCH_SYSENTER_NULL, %eax	/* bench only: the bare round trip */
	je 9f
	movl (%esp), %esp		/* TSS.esp0: top of the caller's frame */
	pushl $SEL_UDATA		/* ss */
	pushl %ecx			/* esp */
	pushfl				/* eflags (sysenter cleared IF) */
	pushl $EFLAGS_RSVD1		/* kernel flags: no NT, TF, DF, AC */
	popfl
	orl $EFLAGS_IF, (%esp)
	pushl $SEL_UCODE		/* cs */
	pushl %edx			/* eip */
	subl $8, %esp			/* vector, error: unused, as for int $0x80 */
	SAVE_REGS
	movl %esp, %eax
	movl %eax, %ebx			/* the caller's frame and return point */
	movl %edx, %esi			/* survive the call (callee-saved) */
	movl $x86_kstack_c_top, %esp
	call core_hypercall
	cmpl %eax, %ebx
	jne 8f
	cmpl ARCH_FRAME_EIP(%eax), %esi
	jne 8f
	movl %eax, %esp
	RESTORE_REGS
	movl ARCH_FRAME_EIP - 40(%esp), %edx
	movl ARCH_FRAME_ESP - 40(%esp), %ecx
	sti				/* takes effect after sysexit */
	sysexit
8:	jmp x86_resume			/* eax = frame to resume */

9:	sti
	sysexit

	.section .note.GNU-stack, "", @progbits
