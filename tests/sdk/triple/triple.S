/*
 * SDK tests: a Multiboot image that triple-faults at once (an empty IDT and
 * a breakpoint), so that bhrun's "reset or triple fault" mapping is seen.
 */
	.section .multiboot, "a"
	.balign 4
	.long 0x1BADB002
	.long 0
	.long -0x1BADB002

	.text
	.globl _start
_start:
	lidt idt_empty
	int3

	.data
	.balign 8
idt_empty:
	.word 0
	.long 0
