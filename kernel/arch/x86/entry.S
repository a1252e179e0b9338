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
#include <arch/tick.h>
#include <bulkhead/abi.h>

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
	.if \n == 32
	jmp x86_irq_timer	/* the timer: never the device line fast path */
	.else
	jmp x86_irq_common
	.endif
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
x86_irq_timer:			/* the tick: none of x86_irq()'s line sorting */
	SAVE_FRAME
	HOLDOFF_START
	movl %eax, %edx
	movb $0x20, %al		/* non-specific EOI to the master (line 0) */
	outb %al, $0x20
#if X86_TICK_FAST
	movl bh_sched + S_FRAME_POS, %ecx /* a window boundary: tick.S tries */
	incl %ecx
	cmpl bh_sched + S_NEXT_POS, %ecx
	je x86_tick_window
#endif
	.globl x86_tick_c
x86_tick_c:			/* edx = the interrupted frame */
	movl %edx, %eax
	call core_timer_tick	/* regparm(1), like x86_irq */
	jmp x86_resume

	.balign 16
x86_irq_common:
	pushal
#ifdef BH_TRACE
	jmp x86_irq_saved	/* a traced kernel records every delivery in C */
#endif
	/* falls into x86_irq_fast */

/*
 * A device line's fast path: the line fired while the partition that bound
 * it runs in ring 3 and can take it at once. It does what x86_irq() and
 * core_irq() (with virq_deliver_line_now(), bh/virq_upcall.h) do in that
 * case, every test first: the line is not 0, 7 or 15 (the timer and the
 * spurious checks are C's), the running partition bound it (which makes it
 * the owner: lines are exclusive and the kernel's are never bound), its
 * virtual flag is set, the line's vector is unmasked, nothing else pending
 * is unmasked (else that goes first: C), it is not on its interrupt stack
 * (nesting: C) and has registered one. Then the line is masked and acked at
 * the 8259, the upcall frame written at the top of the interrupt stack, and
 * the partition resumed in its entry: esp = ecx = frame, eax = vector,
 * edx = 1, clean flags, virtual flag 0, line in service. Anything else goes
 * back to x86_irq_saved unchanged (the registers are in the frame).
 */
#define R(off) (off - 8)(%esp)	/* the partition's struct arch_regs */

/*
 * Shared by the fast paths that write an upcall frame from a trap's saved
 * registers (the device line's below, BH_HC_VIRQ_SYNC's further on); ecx =
 * the partition's struct virq.
 *
 * TOP_FRAME scratch, fail: edx = the frame at the top of the interrupt
 * stack (kernel address), or on to fail if the partition is already on
 * that stack (nesting: C) or registered none.
 */
	.macro TOP_FRAME scratch, fail
	movl R(ARCH_FRAME_ESP), \scratch
	subl %ss:VIRQ_STACK_LO(%ecx), \scratch
	decl \scratch
	cmpl %ss:VIRQ_STACK_SIZE(%ecx), \scratch
	jb \fail			/* already on its interrupt stack */
	movl %ss:VIRQ_TOP_FRAME(%ecx), %edx
	testl %edx, %edx
	jz \fail			/* no interrupt stack */
	.endm

/*
 * FRAME_SAVE scratch: the interrupted registers but eax (the pusha area and
 * the hardware frame) into the frame at edx (arch_upcall_save).
 */
	.macro FRAME_SAVE scratch
	movl R(8), \scratch		/* pusha's edi */
	movl \scratch, %ss:UPFRAME_EDI(%edx)
	movl R(12), \scratch		/* esi */
	movl \scratch, %ss:UPFRAME_ESI(%edx)
	movl R(16), \scratch		/* ebp */
	movl \scratch, %ss:UPFRAME_EBP(%edx)
	movl R(24), \scratch		/* ebx */
	movl \scratch, %ss:UPFRAME_EBX(%edx)
	movl R(28), \scratch		/* edx */
	movl \scratch, %ss:UPFRAME_EDX(%edx)
	movl R(32), \scratch		/* ecx */
	movl \scratch, %ss:UPFRAME_ECX(%edx)
	movl R(ARCH_FRAME_EIP), \scratch
	movl \scratch, %ss:UPFRAME_EIP(%edx)
	movl R(ARCH_FRAME_EFLAGS), \scratch
	movl \scratch, %ss:UPFRAME_EFLAGS(%edx)
	movl R(ARCH_FRAME_ESP), \scratch
	movl \scratch, %ss:UPFRAME_ESP(%edx)
	.endm

x86_irq_fast:
	testl $EFLAGS_VM_BIT, R(ARCH_FRAME_EFLAGS)
	jnz x86_irq_saved
	testl $3, R(ARCH_FRAME_CS)
	jz x86_irq_saved		/* from ring 0: the idle loop */
	movl R(ARCH_FRAME_VECTOR), %ebx
	subl $32, %ebx			/* the line (BH_VEC_IRQ_BASE: ctx.c) */
	movl R(ARCH_REGS_TO_VIRQ), %ecx
	movl %ss:VIRQ_BOUND_LINES(%ecx), %eax
	andl $~0x8080, %eax		/* 7 and 15: the spurious test is C's */
	btl %ebx, %eax
	jnc x86_irq_saved
	movl R(ARCH_REGS_TO_VCPU), %esi
	cmpl $0, %ss:VCPU_ENABLED(%esi)
	je x86_irq_saved
	movl R(ARCH_REGS_TO_VSTATE), %edi
	movl %ss:VCPU_MASK1(%esi), %edx
	btl %ebx, %edx
	jc x86_irq_saved
	movl %ss:VSTATE_PENDING0(%edi), %eax
	orl %ss:VSTATE_PENDING1(%edi), %eax
	jnz x86_irq_pending		/* something pending: is it unmasked? */
x86_irq_room:
	TOP_FRAME %eax, x86_irq_saved
	/* Mask the line and acknowledge it (pic_mask_and_eoi). */
	btsl %ebx, %ss:x86_pic_imr
	movl %ss:x86_pic_imr, %eax
	cmpl $8, %ebx
	jae x86_irq_slave
	outb %al, $0x21
	movb $0x20, %al
	outb %al, $0x20
x86_irq_frame:	/* The frame (virq_upcall_push, arch_upcall_save). */
	leal 32(%ebx), %eax
	movl %eax, %ss:UPFRAME_VECTOR(%edx)
	movl $1, %ss:UPFRAME_COUNT(%edx)
	movl $0, %ss:UPFRAME_ERROR(%edx)
	movl $0, %ss:UPFRAME_FAULT(%edx)
	movl $1, %ss:UPFRAME_ENABLED(%edx)
	movl R(ARCH_FRAME_EAX), %eax
	movl %eax, %ss:UPFRAME_EAX(%edx)
	FRAME_SAVE %eax
	/* The state: line in service, flag 0, nothing else deliverable. */
	btsl %ebx, %ss:VIRQ_IN_SERVICE1(%ecx)
	movl $0, %ss:VCPU_ENABLED(%esi)
	movl $0, %ss:VCPU_SUMMARY(%esi)
	incl %ss:VIRQ_ARRIVALS(%ecx)
	incl %ss:VIRQ_UPCALLS(%ecx)
	/* Resume in the entry (arch_upcall_enter). */
	movl %ss:VIRQ_ENTRY(%ecx), %eax
	movl %eax, R(ARCH_FRAME_EIP)
	movl %ss:VIRQ_TOP_FRAME_VA(%ecx), %ecx
	movl %ecx, R(ARCH_FRAME_ESP)
	movl %ecx, R(32)		/* ecx, eax, edx */
	movl $UPCALL_EFLAGS_FIXED, R(ARCH_FRAME_EFLAGS)
	xorl %eax, %eax			/* batch mode's esi, edi, ebp (abi.h): */
	movl %eax, R(12)		/* nothing more, this line (undefined */
	movl %eax, R(8)			/* without the option: no test) */
	btsl %ebx, %eax
	movl %eax, R(16)
	addl $32, %ebx
	movl %ebx, R(ARCH_FRAME_EAX)
	movl $1, R(28)
	popal
	addl $8, %esp
	iret

x86_irq_pending:			/* pending & ~mask, both words (edx = mask[1]) */
	notl %edx
	andl %ss:VSTATE_PENDING1(%edi), %edx
	jnz x86_irq_saved
	movl %ss:VCPU_MASK0(%esi), %edx
	notl %edx
	andl %ss:VSTATE_PENDING0(%edi), %edx
	jnz x86_irq_saved
	jmp x86_irq_room

x86_irq_slave:				/* line 8..14: mask at the slave, EOI both */
	movb %ah, %al
	outb %al, $0xA1
	movb $0x20, %al
	outb %al, $0xA0
	outb %al, $0x20
	jmp x86_irq_frame

x86_irq_saved:
	SAVE_SEGS
	SAVE_FRAME_REST
	HOLDOFF_START
	call x86_irq		/* the same, for interrupt lines */
#undef R				/* and on into x86_resume */

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
 * BH_HC_VERSION is answered at once; BH_HC_UPCALL_RETURN tries its fast
 * path first, with the registers already saved in the frame, so that it
 * can fall back here unchanged.
 */
	.balign 16
	.globl x86_hypercall_entry
x86_hypercall_entry:
#ifndef BH_TRACE	/* a traced kernel records every call and return in C */
	testl %eax, %eax		/* BH_HC_VERSION (ctx.c: it is 0) */
	jz x86_hc_version
#endif
	subl $8, %esp
	pushal
#ifndef BH_TRACE
	cmpl $BH_HC_UPCALL_RETURN, %eax
	je x86_upcall_return_fast
	cmpl $BH_HC_VIRQ_SYNC, %eax
	je x86_virq_sync_fast
#endif
x86_hypercall_saved:
	SAVE_SEGS
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
 * BH_HC_VERSION without a frame: it reads and writes nothing but eax and
 * edx (hc_version() in hc_info.c answers from the same words), and the
 * caller resumes with the flags rule of every resume (SANITISE_FLAGS).
 */
	.balign 16
x86_hc_version:
	movl %ss:hc_version_result, %eax
	movl %ss:hc_version_result + 4, %edx
	andl $~EFLAGS_NEVER_RESUMED, 8(%esp)
	iret

/*
 * Macros of the fast paths below; ecx, esi, edi = the partition's struct
 * virq, vcpu and vstate pages, edx = the upcall frame (kernel address).
 *
 * DELIVERABLE: eax, ebx = pending & ~mask, words 0 and 1.
 */
	.macro DELIVERABLE
	movl %ss:VCPU_MASK0(%esi), %eax
	notl %eax
	andl %ss:VSTATE_PENDING0(%edi), %eax
	movl %ss:VCPU_MASK1(%esi), %ebx
	notl %ebx
	andl %ss:VSTATE_PENDING1(%edi), %ebx
	.endm

/*
 * LINES_TO_ACK: ebx = the lines the returning frame hands back that are
 * still in service (virq_upcall_return()): in batch mode the caller's ebp,
 * else the frame's vector's line; none: on past ACK_LINES, which must follow.
 * Clobbers eax.
 */
	.macro LINES_TO_ACK
	movl 8(%esp), %ebx		/* pusha's ebp (R(16) below) */
	cmpl $0, %ss:VIRQ_BATCH(%ecx)
	jne 92f
	xorl %ebx, %ebx
	movl %ss:UPFRAME_VECTOR(%edx), %eax
	subl $32, %eax			/* BH_VEC_IRQ_BASE (ctx.c) */
	cmpl $16, %eax
	jae 92f
	btsl %eax, %ebx
92:	andl %ss:VIRQ_IN_SERVICE1(%ecx), %ebx
	jz 99f				/* (ACK_LINES's end) */
	.endm

/*
 * ACK_LINES: acknowledge the lines in ebx (non-zero, in service): out of service,
 * and unmasked at the 8259 unless pending again, masked by the guest or
 * already unmasked (the tests of virq_line_maybe_unmask() in
 * virq_line.c; a line in service is bound, since unbinding clears it).
 * Clobbers eax, ebx.
 */
	.macro ACK_LINES
	xorl %ebx, %ss:VIRQ_IN_SERVICE1(%ecx)	/* (ebx: in service) */
	movl %ss:VSTATE_PENDING1(%edi), %eax
	orl %ss:VCPU_MASK1(%esi), %eax
	notl %eax
	andl %eax, %ebx
	andl %ss:x86_pic_imr, %ebx
	jz 99f
	xorl %ebx, %ss:x86_pic_imr
	movl %ss:x86_pic_imr, %eax
	testb %bl, %bl
	jz 98f
	outb %al, $0x21			/* the master's mask register */
98:	testb %bh, %bh
	jz 99f
	movb %ah, %al
	outb %al, $0xA1			/* the slave's mask register */
99:
	.endm

/*
 * BH_HC_UPCALL_RETURN's fast path: the common case in a few dozen
 * instructions, the same result as virq_upcall_return() (virq_upcall.c),
 * which does everything else. It reads the frame in place when it lies in
 * the registered interrupt stack (whose kernel mapping was checked at
 * registration), and takes it only if the return delivers nothing: either
 * the frame's virtual flag is clear or nothing pending is unmasked. It then
 * acknowledges the frame's line if it was delivered and not yet acked
 * (the tests of virq_line_maybe_unmask() in virq_line.c), restores the
 * virtual flag and every register, and returns to the frame's eip without
 * touching the scheduler: a running partition leaves nothing to re-decide.
 *
 * esp = the frame's pusha area (the registers are saved, so any case it
 * does not handle goes back to C unchanged (x86_upcall_return_slow)); ds and es
 * are still the partition's, so every other memory operand names %ss (the
 * kernel's flat data segment). ebx = the guest's frame address.
 */
#define R(off) (off - 8)(%esp)	/* the partition's struct arch_regs */

/*
 * int $0x84 (BH_UPCALL_RETURN_VECTOR): BH_HC_UPCALL_RETURN without its
 * number in eax. The registers are saved as the hypercall entry saves
 * them; every way out to C goes through x86_upcall_return_slow, which
 * puts the number into the saved eax.
 */
	.balign 16
	.globl x86_upcall_return_entry
x86_upcall_return_entry:
	subl $8, %esp
	pushal
#ifdef BH_TRACE
	jmp x86_upcall_return_slow	/* a traced kernel records it in C */
#endif
	/* falls into x86_upcall_return_fast */
x86_upcall_return_fast:
	movl R(ARCH_REGS_TO_VIRQ), %ecx
	movl %ebx, %edx
	subl %ss:VIRQ_STACK_LO(%ecx), %edx
	cmpl %ss:VIRQ_FRAME_ROOM(%ecx), %edx
	jae x86_upcall_return_slow	/* not in the stack, or none registered */
	addl %ss:VIRQ_STACK_KBASE(%ecx), %edx	/* edx = the frame, kernel address */
	movl R(ARCH_REGS_TO_VCPU), %esi
	movl R(ARCH_REGS_TO_VSTATE), %edi
	movl %ss:UPFRAME_ENABLED(%edx), %ebp
	testl %ebp, %ebp
	jz 1f
	movl $1, %ebp
	movl %ss:VSTATE_PENDING0(%edi), %eax
	orl %ss:VSTATE_PENDING1(%edi), %eax
	jz 1f				/* nothing pending at all: the usual case */
	DELIVERABLE
	movl %eax, %ebp
	orl %ebx, %ebp
	jnz x86_upcall_chain		/* the return delivers */
	movl $1, %ebp
1:	LINES_TO_ACK
	ACK_LINES
x86_upcall_return_commit:
	movl %ebp, %ss:VCPU_ENABLED(%esi)
	movl %ss:UPFRAME_EIP(%edx), %eax
	movl %eax, R(ARCH_FRAME_EIP)
	movl %ss:UPFRAME_ESP(%edx), %eax
	movl %eax, R(ARCH_FRAME_ESP)
	movl %ss:UPFRAME_EFLAGS(%edx), %eax
	andl $UPCALL_EFLAGS_USER, %eax
	orl $UPCALL_EFLAGS_FIXED, %eax
	movl %eax, R(ARCH_FRAME_EFLAGS)
	addl $ARCH_FRAME_EIP - 8, %esp	/* to the hardware frame */
	movl %ss:UPFRAME_EDI(%edx), %edi
	movl %ss:UPFRAME_ESI(%edx), %esi
	movl %ss:UPFRAME_EBP(%edx), %ebp
	movl %ss:UPFRAME_EBX(%edx), %ebx
	movl %ss:UPFRAME_ECX(%edx), %ecx
	movl %ss:UPFRAME_EAX(%edx), %eax
	movl %ss:UPFRAME_EDX(%edx), %edx
	iret

/*
 * The return delivers at once (eax, ebx = the deliverable bits of words 0
 * and 1). When the frame is the one at the top of the interrupt stack and
 * its esp is not on that stack, the C path would restore it and write the
 * next upcall's frame at the same place with the same registers: do that
 * in place, as virq_upcall_return() then virq_deliver() do: acknowledge
 * the returning frame's lines, make the frame the next upcall's (flag 1,
 * sanitised eflags), and hand over the lowest deliverable vector (or, in
 * batch mode, all of them). Otherwise (a nested frame) the C path.
 */
x86_upcall_chain:
	cmpl %ss:VIRQ_TOP_FRAME(%ecx), %edx
	jne x86_upcall_return_slow
	movl %ss:UPFRAME_ESP(%edx), %ebp
	subl %ss:VIRQ_STACK_LO(%ecx), %ebp
	decl %ebp
	cmpl %ss:VIRQ_STACK_SIZE(%ecx), %ebp
	jb x86_upcall_return_slow	/* it would nest: the C path */
	LINES_TO_ACK
	ACK_LINES			/* (pending and mask stay as they were) */
	movl $0, %ss:UPFRAME_ERROR(%edx)
	movl $0, %ss:UPFRAME_FAULT(%edx)
	movl $1, %ss:UPFRAME_ENABLED(%edx)
	movl %ss:UPFRAME_EFLAGS(%edx), %ebx
	andl $UPCALL_EFLAGS_USER, %ebx
	orl $UPCALL_EFLAGS_FIXED, %ebx
	movl %ebx, %ss:UPFRAME_EFLAGS(%edx)
	DELIVERABLE
	cmpl $0, %ss:VIRQ_BATCH(%ecx)
	jne x86_batch_handover
	testl %eax, %eax		/* the lowest deliverable vector */
	jz 6f
	bsfl %eax, %eax
	jmp 7f
6:	bsfl %ebx, %eax
	addl $32, %eax
7:	btrl %eax, %ss:VSTATE_PENDING0(%edi)	/* a bit string: pending[0..1] */
	movl %ss:VSTATE_COUNT(%edi,%eax,4), %ebx
	movl $0, %ss:VSTATE_COUNT(%edi,%eax,4)
	leal -32(%eax), %ebp
	cmpl $16, %ebp
	jae 8f
	btsl %ebp, %ss:VIRQ_IN_SERVICE1(%ecx)
8:	incl %ss:VIRQ_UPCALLS(%ecx)
	movl %ebx, R(28)		/* the count */
	movl %eax, R(ARCH_FRAME_EAX)	/* the vector */
	movl %eax, %ss:UPFRAME_VECTOR(%edx)	/* the frame */
	movl %ebx, %ss:UPFRAME_COUNT(%edx)
	DELIVERABLE			/* the summary hint: what is left */
	orl %eax, %ebx
	setnz %bl
	movzbl %bl, %ebx
	movl %ebx, %ss:VCPU_SUMMARY(%esi)
	movl $0, %ss:VCPU_ENABLED(%esi)
	jmp x86_upcall_enter

x86_upcall_return_slow:			/* the C path, with the call's number */
	movl $BH_HC_UPCALL_RETURN, R(ARCH_FRAME_EAX)
	jmp x86_hypercall_saved

#if X86_TICK_FAST
/*
 * A window start's delivery (tick.S, after the switch into the partition):
 * it has virtual interrupts enabled and something deliverable; esp = R's
 * base in its saved context, where a trap from it pushes its registers
 * (always an ordinary ring-3 frame: x86_vm86() makes a virtual-8086 one
 * ordinary before anything saves it, so nothing here tests for either). In
 * batch mode and not on its interrupt stack, what
 * sched_resume_slow()'s virq_deliver() does then: the frame written from
 * that context, every deliverable vector handed over (x86_batch_handover).
 * es and ds are put back first: the handover's popa and iret leave them as
 * they are, and they are the kernel's here. Anything else:
 * sched_resume_slow() (C) on the C stack, which finds the partition on the
 * processor and delivers.
 */
	.globl x86_resume_deliver
x86_resume_deliver:
	movl R(ARCH_REGS_TO_VIRQ), %ecx
	cmpl $0, %ss:VIRQ_BATCH(%ecx)
	je x86_resume_deliver_c
	movl R(ARCH_REGS_TO_VCPU), %esi
	movl R(ARCH_REGS_TO_VSTATE), %edi
	DELIVERABLE
	movl %eax, %edx
	orl %ebx, %edx
	jz x86_resume_deliver_c
	TOP_FRAME %edx, x86_resume_deliver_c
	movl R(ARCH_FRAME_EAX), %ebp
	movl %ebp, %ss:UPFRAME_EAX(%edx)
	movl $0, %ss:UPFRAME_ERROR(%edx)
	movl $0, %ss:UPFRAME_FAULT(%edx)
	movl $1, %ss:UPFRAME_ENABLED(%edx)
	FRAME_SAVE %ebp
	movl R(0), %ebp			/* struct arch_regs: es, then ds */
	movl %ebp, %es
	movl R(4), %ebp
	movl %ebp, %ds
	jmp x86_batch_handover

x86_resume_deliver_c:
	movb $1, bh_sched + S_DIRTY	/* sched_resume_slow()'s loop */
	movl $x86_kstack_c_top, %esp
	call sched_resume_slow		/* regparm(1); it ignores eax */
	jmp x86_resume
#endif

/*
 * BH_HC_VIRQ_SYNC's fast path, batch mode only (the enable that found the
 * summary hint set): the partition enabled, something is deliverable and
 * it is not on its interrupt stack. The call returns BH_OK into the frame
 * every deliverable vector is handed over in, as hc_virq_sync() and then
 * sched_resume()'s virq_deliver() do. Anything else: the C path.
 */
x86_virq_sync_fast:
	movl R(ARCH_REGS_TO_VIRQ), %ecx
	cmpl $0, %ss:VIRQ_BATCH(%ecx)
	je x86_hypercall_saved
	movl R(ARCH_REGS_TO_VCPU), %esi
	cmpl $0, %ss:VCPU_ENABLED(%esi)
	je x86_hypercall_saved
	movl R(ARCH_REGS_TO_VSTATE), %edi
	DELIVERABLE
	movl %eax, %edx
	orl %ebx, %edx
	jz x86_hypercall_saved		/* a stale hint: C sets it right */
	TOP_FRAME %edx, x86_hypercall_saved
	movl $0, %ss:UPFRAME_EAX(%edx)	/* BH_OK: the call's result */
	movl $0, %ss:UPFRAME_ERROR(%edx)
	movl $0, %ss:UPFRAME_FAULT(%edx)
	movl $1, %ss:UPFRAME_ENABLED(%edx)
	FRAME_SAVE %ebp
	/* falls into x86_batch_handover */

/*
 * Batch mode's delivery (virq_deliver() and deliver_rest() in virq.c):
 * edx = the frame (kernel address) with its registers, flag and eflags
 * written, eax, ebx = the deliverable bits of words 0 and 1 (not both 0);
 * ecx, esi, edi = virq, vcpu, vstate. Takes them all off pending, writes
 * the first vector and count, the others' counts, and enters the handler
 * with the others in esi and edi and the lines in ebp. The pusha area is scratch: the frame holds the
 * partition's registers.
 */
x86_batch_handover:
	movl $0, %ss:VCPU_SUMMARY(%esi)	/* nothing deliverable is left */
	movl $0, %ss:VCPU_ENABLED(%esi)
	incl %ss:VIRQ_UPCALLS(%ecx)
	movl %ebx, %ebp
	andl $0xFFFF, %ebp		/* the lines handed over: ebp */
	movl %ebp, R(16)
	orl %ebp, %ss:VIRQ_IN_SERVICE1(%ecx)
	movl %eax, %ebp
	notl %ebp
	andl %ebp, %ss:VSTATE_PENDING0(%edi)
	movl %ebx, %ebp
	notl %ebp
	andl %ebp, %ss:VSTATE_PENDING1(%edi)
	bsfl %eax, %ebp			/* the first: the frame's vector */
	jz 1f
	btrl %ebp, %eax
	jmp 2f
1:	bsfl %ebx, %ebp
	btrl %ebp, %ebx
	addl $32, %ebp
2:	movl %ss:VSTATE_COUNT(%edi,%ebp,4), %esi
	movl $0, %ss:VSTATE_COUNT(%edi,%ebp,4)
	movl %ebp, %ss:UPFRAME_VECTOR(%edx)
	movl %esi, %ss:UPFRAME_COUNT(%edx)
	movl %ebp, R(ARCH_FRAME_EAX)	/* the entry's eax and edx */
	movl %esi, R(28)
	movl %eax, R(12)		/* the others: esi, edi */
	movl %ebx, R(8)
3:	bsfl %eax, %ebp			/* and their counts */
	jz 4f
	btrl %ebp, %eax
	movl %ss:VSTATE_COUNT(%edi,%ebp,4), %esi
	movl $0, %ss:VSTATE_COUNT(%edi,%ebp,4)
	movl %esi, %ss:UPFRAME_BCOUNT(%edx,%ebp,4)
	jmp 3b
4:	bsfl %ebx, %ebp
	jz 5f
	btrl %ebp, %ebx
	movl %ss:VSTATE_COUNT + 128(%edi,%ebp,4), %esi
	movl $0, %ss:VSTATE_COUNT + 128(%edi,%ebp,4)
	movl %esi, %ss:UPFRAME_BCOUNT + 128(%edx,%ebp,4)
	jmp 4b
5:	movl R(ARCH_REGS_TO_VIRQ), %ecx
	/* falls into x86_upcall_enter */

/*
 * Resume in the upcall entry (arch_upcall_enter): the frame at the top of
 * the interrupt stack, esp = ecx = its address; eax and edx (vector and
 * count) are already in the pusha area, the other registers are whatever
 * it holds.
 */
x86_upcall_enter:
	movl %ss:VIRQ_ENTRY(%ecx), %ebx
	movl %ebx, R(ARCH_FRAME_EIP)
	movl $UPCALL_EFLAGS_FIXED, R(ARCH_FRAME_EFLAGS)
	movl %ss:VIRQ_TOP_FRAME_VA(%ecx), %ecx
	movl %ecx, R(ARCH_FRAME_ESP)
	movl %ecx, R(32)
	popal
	addl $8, %esp
	iret
#undef R


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
