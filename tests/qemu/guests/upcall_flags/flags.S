/*
 * uint32_t flags_spin(uint32_t set): set the flags in `set` (popf), clear
 * flags_tick_seen, spin until the tick handler sets it, read the flags
 * back, clear DF, AC and NT again and return what was read. The flag is
 * cleared here, after popf, so that only an upcall that interrupted code
 * running with `set` counts (a tick delivered at bh_irq_enable(), before
 * the call, does not).
 *
 * void flags_tf_step(void): set TF, then one nop: the single-step trap
 * comes after that nop, with eip = flags_tf_after.
 *
 * void flags_fill(void *buf, uint32_t n): rep stosb of 0xAA, in whatever
 * direction DF says (as a string-instruction memset would).
 */
	.text
	.globl flags_spin, flags_tf_step, flags_tf_after, flags_fill
	.type flags_spin, @function
flags_spin:
	movl 4(%esp), %ecx
	pushfl
	orl %ecx, (%esp)
	popfl
	movl $0, flags_tick_seen
1:	cmpl $0, flags_tick_seen
	je 1b
	pushfl
	popl %eax
	pushfl
	andl $~0x44400, (%esp)
	popfl
	ret
	.size flags_spin, . - flags_spin

	.type flags_tf_step, @function
flags_tf_step:
	pushfl
	orl $0x100, (%esp)
	popfl
	nop
flags_tf_after:
	nop
	ret
	.size flags_tf_step, . - flags_tf_step

	.type flags_fill, @function
flags_fill:
	pushl %edi
	movl 8(%esp), %edi
	movl 12(%esp), %ecx
	movb $0xAA, %al
	rep stosb
	popl %edi
	ret
	.size flags_fill, . - flags_fill

	.section .note.GNU-stack, "", @progbits
