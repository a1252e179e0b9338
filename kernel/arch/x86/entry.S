/*
 * Trap entry and exit. Every vector pushes an error code (0 when the CPU
 * does not) and its number, then joins one common path that saves the
 * general registers, ds and es into a struct arch_regs (regs.h). fs and gs
 * are left alone: the kernel never uses them.
 *
 * From ring 3 the frame is already in the running partition's context
 * (TSS.esp0 points there), so the C code runs on the kernel stack proper.
 * From ring 0 (only the idle loop runs there with interrupts on) the frame is
 * on the kernel stack. Either way the C handler returns the frame to resume,
 * which may belong to another partition or be the idle frame.
 *
 * The kernel stack's top 60 bytes are the idle frame's slot (a ring-0 frame
 * has no esp/ss); C code starts below it.
 */
#include <arch/entry.h>

#define KSTACK_SIZE 16384
#define IDLE_SLOT 60

/*
 * The holdoff benchmark kernel (bh/holdoff.h) stamps the TSC after each
 * register save (eax kept: the frame; ecx and edx are saved, free) and
 * before each restore (eax kept). Every other kernel has nothing here.
 */
#if BH_HOLDOFF
#define HO_OTHER 1
#define HO_CALIB 2
	.macro HOLDOFF_START
	movl %eax, %ecx
	rdtsc
	movl %eax, x86_holdoff_t0
	movl %edx, x86_holdoff_t0 + 4
	movl $HO_OTHER, holdoff_cause
	movl %ecx, %eax
	.endm
	.macro HOLDOFF_END
	pushl %eax
	call x86_holdoff_end
	popl %eax
	.endm
#else
	.macro HOLDOFF_START
	.endm
	.macro HOLDOFF_END
	.endm
#endif

	.macro VEC_NOERR n
	.text
	.balign 16
x86_vec_\n:
	pushl $0
	pushl $\n
	jmp x86_trap_common
	.section .rodata
	.long x86_vec_\n
	.endm

	.macro VEC_IRQ n
	.text
	.balign 16
x86_vec_\n:
	pushl $0
	pushl $\n
	jmp x86_irq_common
	.section .rodata
	.long x86_vec_\n
	.endm

	.macro VEC_ERR n
	.text
	.balign 16
x86_vec_\n:
	pushl $\n
	jmp x86_trap_common
	.section .rodata
	.long x86_vec_\n
	.endm

	/* Table of the 48 stub addresses (exceptions 0-31, IRQs 0x20-0x2f). */
	.section .rodata
	.balign 4
	.globl x86_vector_table
x86_vector_table:
	VEC_NOERR 0
	VEC_NOERR 1
	VEC_NOERR 2
	VEC_NOERR 3
	VEC_NOERR 4
	VEC_NOERR 5
	VEC_NOERR 6
	VEC_NOERR 7
	VEC_ERR 8
	VEC_NOERR 9
	VEC_ERR 10
	VEC_ERR 11
	VEC_ERR 12
	VEC_ERR 13
	VEC_ERR 14
	VEC_NOERR 15
	VEC_NOERR 16
	VEC_ERR 17
	VEC_NOERR 18
	VEC_NOERR 19
	VEC_NOERR 20
	VEC_ERR 21
	VEC_NOERR 22
	VEC_NOERR 23
	VEC_NOERR 24
	VEC_NOERR 25
	VEC_NOERR 26
	VEC_NOERR 27
	VEC_NOERR 28
	VEC_NOERR 29
	VEC_ERR 30
	VEC_NOERR 31
	VEC_IRQ 32
	VEC_IRQ 33
	VEC_IRQ 34
	VEC_IRQ 35
	VEC_IRQ 36
	VEC_IRQ 37
	VEC_IRQ 38
	VEC_IRQ 39
	VEC_IRQ 40
	VEC_IRQ 41
	VEC_IRQ 42
	VEC_IRQ 43
	VEC_IRQ 44
	VEC_IRQ 45
	VEC_IRQ 46
	VEC_IRQ 47

	.text
	.balign 16
x86_trap_common:
	SAVE_FRAME
	HOLDOFF_START
	call x86_trap		/* regparm(1): eax = frame in, frame to resume out */
	jmp x86_resume

	.balign 16
x86_irq_common:
	SAVE_FRAME
	HOLDOFF_START
	call x86_irq		/* the same, for interrupt lines */
	.globl x86_resume
x86_resume:
	HOLDOFF_END
	movl %eax, %esp
	SANITISE_FLAGS
	RESTORE_REGS
	addl $8, %esp
	iret

/*
 * A frame pushed in virtual-8086 mode (QEMU enters it on a ring-3 iret with
 * VM set; real processors ignore VM there). esp = eax = the frame, which
 * lies ARCH_VM86_EXTRA bytes below the partition's context, in its slack:
 * move it up, top word first (the ranges overlap), and let x86_vm86() make
 * it an ordinary frame and the partition's fault. It is only ever an
 * exception at the first instruction fetch or an interrupt just before it:
 * every address a virtual-8086 fetch can reach (below 1 MiB + 64 KiB) is
 * supervisor-only, so no instruction, int $0x80 included, ever runs there.
 */
	.balign 16
	.globl x86_vm86_frame
x86_vm86_frame:
	std
	leal ARCH_FRAME_SIZE - 4(%esp), %esi
	leal ARCH_FRAME_SIZE - 4 + ARCH_VM86_EXTRA(%esp), %edi
	movl $ARCH_FRAME_SIZE / 4, %ecx
	rep movsl
	cld
	addl $ARCH_VM86_EXTRA, %esp
	movl %esp, %eax
	movl $x86_kstack_c_top, %esp
	HOLDOFF_START
	call x86_vm86		/* regparm(1), like x86_trap */
	jmp x86_resume

/*
 * Hypercall: always from ring 3, straight to the core dispatcher. The
 * vector and error slots are left as they are: nothing reads them.
 */
	.balign 16
	.globl x86_hypercall_entry
x86_hypercall_entry:
	subl $8, %esp
	SAVE_REGS
	movl %esp, %eax
	movl $x86_kstack_c_top, %esp
	cld
	HOLDOFF_START
	call core_hypercall
	HOLDOFF_END
	movl %eax, %esp
	SANITISE_FLAGS
	RESTORE_REGS
	addl $8, %esp
	iret

/*
 * The idle loop, resumed through the idle frame with interrupts enabled.
 * Each round does a bounded piece of work with interrupts off (core_idle:
 * a console slice), on the kernel stack's top (no kernel path is active);
 * then sti lets a pending interrupt in after one more instruction. When
 * there is nothing more to do at once it halts until the next interrupt
 * (sti; hlt cannot lose one: hlt runs in sti's shadow). Every interrupt
 * resumes idle at the top of the loop, through a fresh idle frame.
 */
	.balign 16
	.globl x86_idle
x86_idle:
	cli
	HOLDOFF_START
	call core_idle
	HOLDOFF_END
	testb %al, %al
	jz 1f
	sti
	jmp x86_idle
1:	sti
	hlt
	jmp x86_idle

#if BH_HOLDOFF
/* The stamps alone (holdoff.c takes their cost off): one store between. */
	.globl x86_holdoff_calibrate
x86_holdoff_calibrate:
	HOLDOFF_START
	movl $HO_CALIB, holdoff_cause
	HOLDOFF_END
	ret
#endif

	.section .kstack, "aw", @nobits
	.balign 16
	.globl x86_kstack, x86_kstack_top, x86_kstack_c_top
x86_kstack:
	.skip KSTACK_SIZE
x86_kstack_top:
	.skip 16		/* the idle frame's unused esp/ss fields */
	.set x86_kstack_c_top, x86_kstack_top - IDLE_SLOT - 4

	.section .note.GNU-stack, "", @progbits
