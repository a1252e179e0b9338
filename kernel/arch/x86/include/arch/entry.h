/*
 * Shared by the trap entry stubs (entry.S, and the benchmark's sysenter.S
 * and bench.S, which must mirror the real path): selectors, the layout of
 * struct arch_regs as offsets (regs.h checks them against the struct), and
 * the register save and restore sequences.
 */
#ifndef ARCH_X86_ENTRY_H
#define ARCH_X86_ENTRY_H

#include <arch/selectors.h>

/* Offsets in struct arch_regs. */
#define ARCH_FRAME_EAX 36
#define ARCH_FRAME_EIP 48
#define ARCH_FRAME_CS 52
#define ARCH_FRAME_EFLAGS 56
#define ARCH_FRAME_ESP 60
#define ARCH_FRAME_SIZE 68

/*
 * What the upcall return's fast path (entry.S) reads, as offsets from the
 * start of the partition's struct arch_regs (ctx.c checks them): the
 * pointers that struct arch_ctx keeps after the frame, and fields of the
 * core's struct virq and of the two vCPU pages.
 */
#define ARCH_REGS_TO_VIRQ 76	/* struct virq * */
#define ARCH_REGS_TO_VCPU 80	/* struct bh_vcpu * */
#define ARCH_REGS_TO_VSTATE 84	/* struct bh_vcpu_state * */
#define VIRQ_IN_SERVICE1 4	/* struct virq: in_service[1] */
#define VIRQ_STACK_LO 12
#define VIRQ_BOUND_LINES 24
#define VIRQ_FRAME_ROOM 28
#define VIRQ_STACK_KBASE 32
#define VIRQ_ENTRY 8
#define VIRQ_STACK_SIZE 20
#define VIRQ_TOP_FRAME_VA 36
#define VIRQ_TOP_FRAME 40
#define VIRQ_UPCALLS 44
#define VIRQ_ARRIVALS 48
#define VIRQ_BATCH 52		/* struct virq: batch */
#define VCPU_SUMMARY 4
#define ARCH_FRAME_VECTOR 40
#define UPFRAME_COUNT 4
#define UPFRAME_ERROR 8
#define UPFRAME_FAULT 12
#define VCPU_ENABLED 0		/* struct bh_vcpu */
#define VCPU_MASK0 8
#define VCPU_MASK1 12
#define VSTATE_PENDING0 0	/* struct bh_vcpu_state */
#define VSTATE_PENDING1 4
#define VSTATE_COUNT 8		/* count[0] */
#define UPFRAME_VECTOR 0	/* struct bh_upcall_frame */
#define UPFRAME_ENABLED 16
#define UPFRAME_EDI 20
#define UPFRAME_ESI 24
#define UPFRAME_EBP 28
#define UPFRAME_EBX 32
#define UPFRAME_EDX 36
#define UPFRAME_ECX 40
#define UPFRAME_EAX 44
#define UPFRAME_EIP 48
#define UPFRAME_EFLAGS 52
#define UPFRAME_ESP 56
#define UPFRAME_BCOUNT 60	/* struct bh_upcall_frame_batch: count[0] */
/* BH_EFLAGS_RESTORED and BH_EFLAGS_UPCALL_ENTRY without the C suffix. */
#define UPCALL_EFLAGS_USER 0x40DD5
#define UPCALL_EFLAGS_FIXED 0x0202

/*
 * A trap or interrupt taken in virtual-8086 mode pushes gs, fs, ds and es
 * above ss: 16 bytes more, so the frame lands this much below the
 * partition's context (struct arch_ctx keeps that much slack in front).
 */
#define ARCH_VM86_EXTRA 16

#define EFLAGS_TF_BIT 0x00000100
#define EFLAGS_NT_BIT 0x00004000
#define EFLAGS_IOPL_BITS 0x00003000
#define EFLAGS_VM_BIT 0x00020000
/* Never set in a partition: cleared in every frame the kernel resumes. */
#define EFLAGS_NEVER_RESUMED (EFLAGS_VM_BIT | EFLAGS_NT_BIT | EFLAGS_IOPL_BITS)

#ifdef __ASSEMBLER__

/* General registers, ds and es; then the kernel's data segments. */
	.macro SAVE_REGS
	pushal
	SAVE_SEGS
	.endm

/* The second half of SAVE_REGS (the hypercall entry looks at eax between). */
	.macro SAVE_SEGS
	pushl %ds
	pushl %es
	movl $SEL_KDATA, %eax
	movl %eax, %ds
	movl %eax, %es
	.endm

/*
 * SAVE_REGS, then eax = frame; from ring 3, move to the kernel stack (the
 * frame stays in the partition's context). A virtual-8086 frame is tested
 * for first (its cs is a real-mode segment, any value): it goes to
 * x86_vm86_frame (entry.S), which never comes back here.
 */
	.macro SAVE_FRAME
	SAVE_REGS
	SAVE_FRAME_REST
	.endm

/* SAVE_FRAME after SAVE_REGS (the IRQ entry tries its fast path between). */
	.macro SAVE_FRAME_REST
	movl %esp, %eax
	testl $EFLAGS_VM_BIT, ARCH_FRAME_EFLAGS(%esp)
	jnz x86_vm86_frame
	testl $3, ARCH_FRAME_CS(%esp)
	jz 1f
	movl $x86_kstack_c_top, %esp
1:	cld
	.endm

/* esp = the frame to resume: nothing the kernel resumes has VM, NT or IOPL. */
	.macro SANITISE_FLAGS
	andl $~EFLAGS_NEVER_RESUMED, ARCH_FRAME_EFLAGS(%esp)
	.endm

/* esp = frame: undo SAVE_REGS. */
	.macro RESTORE_REGS
	popl %es
	popl %ds
	popal
	.endm

#endif /* __ASSEMBLER__ */
#endif /* ARCH_X86_ENTRY_H */
