/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Partition entry of the i386/bulkhead BSP. The kernel starts us in ring 3
 * with eax = start condition, ebx = partition id, no stack and virtual
 * interrupts disabled. Run boot_card() on the initialization stack RTEMS
 * configures (.rtemsstack); it never returns.
 *
 * _Global_descriptor_table is the BSP symbol RTEMS's i386 context switch
 * writes each thread's TLS descriptor into (entry 3, selector 0x18); the
 * BSP registers entry 3 with the kernel, which serves the %gs load from it.
 */
#include <rtems/asm.h>

	.section .bulkhead.entry, "ax"
	PUBLIC (_start)
SYM (_start):
	movl	$_ISR_Stack_area_end, esp	/* rtems/asm.h names the registers */
	andl	$-16, esp
	xorl	ebp, ebp
	movl	eax, bulkhead_start_condition
	movl	ebx, bulkhead_partition_id
	subl	$12, esp
	pushl	$0			/* no command line */
	call	boot_card
1:	jmp	1b

/*
 * Global constructors and destructors. cpukit's i386 port
 * (CPU_USE_LIBC_INIT_FINI_ARRAY FALSE) has the initialization thread call
 * _init (_Thread_Handler, in that thread, so constructors may use its
 * thread-local storage), and exit() calls _fini. With RTEMS's own gcc
 * these are crti/crtn's .init and .fini sections; gcc -m32 puts
 * constructors and destructors in .init_array and .fini_array instead, so
 * _init runs .preinit_array and .init_array in order and _fini runs
 * .fini_array in reverse order (linkcmds bounds them and sorts the
 * prioritised parts by name: .init_array.01000 before .init_array.01001).
 */
	.text
	PUBLIC (_init)
	PUBLIC (_fini)
SYM (_init):
	pushl	ebx
	subl	$8, esp			/* 16-byte aligned calls */
	movl	$__preinit_array_start, ebx
1:	cmpl	$__preinit_array_end, ebx
	jae	2f
	call	*(ebx)
	addl	$4, ebx
	jmp	1b
2:	movl	$__init_array_start, ebx
3:	cmpl	$__init_array_end, ebx
	jae	4f
	call	*(ebx)
	addl	$4, ebx
	jmp	3b
4:	addl	$8, esp
	popl	ebx
	ret

SYM (_fini):
	pushl	ebx
	subl	$8, esp
	movl	$__fini_array_end, ebx
1:	cmpl	$__fini_array_start, ebx
	jbe	2f
	subl	$4, ebx
	call	*(ebx)
	jmp	1b
2:	addl	$8, esp
	popl	ebx
	ret

	.data
	.balign 8
	PUBLIC (_Global_descriptor_table)
SYM (_Global_descriptor_table):
	.fill 8, 8, 0
	PUBLIC (bulkhead_start_condition)
	PUBLIC (bulkhead_partition_id)
SYM (bulkhead_start_condition):
	.long 0
SYM (bulkhead_partition_id):
	.long 0

	.section .note.GNU-stack, "", @progbits
