/*
 * Upcall entries. The kernel arrives here with esp = ecx = the upcall frame
 * (16-byte aligned), eax = vector, edx = count and virtual interrupts off.
 * Every general register is saved in the frame, so nothing needs saving
 * here. Each vector's handler is called straight from here (a flash in
 * progress has put its stand-ins in the table: virq.c, rtems_paravirt.c):
 * the frame's vector, then in batch mode (abi.h:
 * struct bh_upcall_frame_batch) every vector the kernel handed over in esi
 * and edi, lowest first (callee-saved: they survive the handlers, and so
 * does ebp, the lines the return acknowledges). Handlers get their vector
 * and count as arguments; the BSP's entry also puts them in the frame's
 * vector and count, where its ISRs (which get only the frame) read them.
 * In bh_upcall_entry, a vector without a handler goes through the C
 * dispatcher (virq.c), which runs it and the rest. Then return through the
 * kernel (int $BH_UPCALL_RETURN_VECTOR), which restores the interrupted
 * context and the virtual flag in one step (ebx = the frame, callee-saved
 * too).
 *
 * After bh_virq_init() the handler table holds no NULL (virq.c fills it
 * with the library's "unhandled" handler): the batch entries call without
 * a test.
 *
 *   bh_upcall_entry         any mode: batch or not, read from the vCPU
 *                           state page (for partitions that register it
 *                           themselves with bh_virq_register())
 *   bh_upcall_entry_batch   batch mode (bh_virq_init())
 *   bh_upcall_entry_hooked  batch mode, with bh_upcall_hooks' enter(vector)
 *                           before the first handler and exit(frame) after
 *                           the last: once per upcall (the BSP's)
 */
#include <bulkhead/abi.h>

#define VSTATE_OPTIONS 0xFFFFE164	/* BH_VSTATE_VADDR + 356: virq_options */
#define OPT_BATCH 1			/* BH_VIRQ_OPT_BATCH */
#define F_VECTOR 0			/* struct bh_upcall_frame(_batch) */
#define F_COUNT 4
#define F_BCOUNT 60			/* struct bh_upcall_frame_batch: count */

	/* h(eax = vector, edx = count, ebx = frame); a NULL h: C (5f) */
	.macro CALL_HANDLER batch
	.if \batch == 0
	cmpl $0, bh_upcall_handlers(,%eax,4)	/* bh_virq_init() may not have run */
	je 5f
	.endif
	movl %eax, (%esp)
	movl %edx, 4(%esp)
	movl %ebx, 8(%esp)
	call *bh_upcall_handlers(,%eax,4)
	.endm

	/* batch: 0 = look at the mode, 1 = batch mode; hooked: 0 or 1 */
	.macro UPCALL_ENTRY name, batch, hooked
	.text
	.globl \name
	.type \name, @function
\name:
	movl %ecx, %ebx			/* the frame */
	subl $32, %esp			/* h(vector, count, frame), 16-aligned */
	.if \hooked
	movl %eax, (%esp)
	call *bh_upcall_hooks		/* enter(vector) */
	movl F_VECTOR(%ebx), %eax
	movl F_COUNT(%ebx), %edx
	.endif
	.if \batch == 0
	testb $OPT_BATCH, VSTATE_OPTIONS
	jnz 1f
	xorl %esi, %esi			/* no batch: nothing left */
	xorl %edi, %edi
	.endif
1:	CALL_HANDLER \batch
	movl %esi, %eax
	orl %edi, %eax
	jz 6f				/* nothing left: the usual case */
2:	bsfl %esi, %eax			/* the next vector handed over */
	jz 3f
	btrl %eax, %esi
	movl F_BCOUNT(%ebx,%eax,4), %edx
	.if \hooked
	movl %eax, F_VECTOR(%ebx)	/* the frame names the vector run */
	movl %edx, F_COUNT(%ebx)
	.endif
	CALL_HANDLER \batch
	jmp 2b
3:	bsfl %edi, %eax
	jz 6f
	btrl %eax, %edi
	movl F_BCOUNT + 128(%ebx,%eax,4), %edx
	addl $32, %eax
	.if \hooked
	movl %eax, F_VECTOR(%ebx)
	movl %edx, F_COUNT(%ebx)
	.endif
	CALL_HANDLER \batch
	jmp 3b
5:	movl %eax, (%esp)		/* C: this vector (no handler) and the rest */
	movl %edx, 4(%esp)
	movl %ebx, 8(%esp)
	movl %esi, 12(%esp)
	movl %edi, 16(%esp)
	call bh_upcall_dispatch_at
6:
	.if \hooked
	movl %ebx, (%esp)
	call *bh_upcall_hooks + 4	/* exit(frame) */
	.endif
	int $BH_UPCALL_RETURN_VECTOR	/* BH_HC_UPCALL_RETURN (ebx, ebp) */
	ud2				/* upcall return never comes back here */
	.size \name, . - \name
	.endm

	UPCALL_ENTRY bh_upcall_entry, 0, 0
	UPCALL_ENTRY bh_upcall_entry_batch, 1, 0
	UPCALL_ENTRY bh_upcall_entry_hooked, 1, 1

	.section .note.GNU-stack, "", @progbits
