/*
 * uint32_t vm86_enter(uint32_t eflags, uint32_t cs): the issue's sequence,
 * `pushl eflags; pushl cs; pushl $1f; iret; 1:`, with eflags (VM set) and
 * cs chosen by the caller. QEMU 7.2 enters virtual-8086 mode on this ring-3
 * iret (a real processor ignores VM at CPL 3); no instruction can be fetched
 * there, so the kernel gets a virtual-8086 frame. The general-protection
 * handler (main.c) resumes at vm86_back with the esp saved here; it returns
 * 1. If the iret stays in protected mode (real hardware), it returns 0.
 *
 * uint32_t vm86_enter_at(uint32_t tsc, uint32_t eflags): the same with the
 * iret timed: spins until rdtsc reaches tsc; the iret is then exactly the
 * 12th instruction after tsc (rdtsc counts instructions under -icount).
 */
	.text
	.globl vm86_enter, vm86_back, vm86_enter_at, vm86_saved_esp
	.type vm86_enter, @function
vm86_enter:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax	/* eflags */
	movl 24(%esp), %ecx	/* cs */
	movl %esp, vm86_saved_esp
	pushl %eax
	pushl %ecx
	pushl $1f
	iret
1:	addl $0, %esp		/* still in protected mode: no VM86 */
	movl vm86_saved_esp, %esp
	xorl %eax, %eax
	jmp 2f
vm86_back:			/* the handler resumes here, esp restored */
	movl $1, %eax
2:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size vm86_enter, . - vm86_enter

	.type vm86_enter_at, @function
vm86_enter_at:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %esi	/* target tsc (low half) */
	movl 24(%esp), %ebx	/* eflags */
	movl %esp, vm86_saved_esp
3:	rdtsc
	cmpl %esi, %eax
	js 3b
	/* The loop reads the TSC every 3 instructions: it left 0, 1 or 2
	 * after the target. Skip that many of 2 nops, so that the iret is
	 * always the 12th instruction after the target, whatever the phase.
	 * (Later, if an interrupt or a window end came in between: no nop.) */
	subl %esi, %eax
	cmpl $2, %eax
	jbe 4f
	movl $2, %eax
4:	jmp *sled(,%eax,4)
5:	nop
6:	nop
7:	pushl %ebx
	pushl %cs		/* the partition's own code segment */
	pushl $1b
	iret

	.section .rodata
	.balign 4
sled:	.long 5b, 6b, 7b
	.text

/*
 * uint32_t vm86_tick_edge(void): spin reading rdtsc until two reads are
 * more than 100 apart (the kernel took an interrupt in between); return the
 * read before the gap. The interrupt came within 6 instructions after it.
 */
	.globl vm86_tick_edge
	.type vm86_tick_edge, @function
vm86_tick_edge:
	rdtsc
	movl %eax, %ecx
4:	rdtsc
	movl %eax, %edx
	subl %ecx, %edx
	movl %eax, %ecx
	cmpl $100, %edx
	jb 4b
	subl %edx, %eax
	ret
	.size vm86_tick_edge, . - vm86_tick_edge

/*
 * uint32_t vm86_tick_edge_late(uint32_t j): vm86_tick_edge after j (0..5)
 * more instructions, so that its 6-instruction loop meets the tick at
 * another phase (main.c, calibrate()).
 */
	.globl vm86_tick_edge_late
	.type vm86_tick_edge_late, @function
vm86_tick_edge_late:
	movl 4(%esp), %eax
	jmp *edge_sled(,%eax,4)
8:	nop
	nop
	nop
	nop
	nop
9:	jmp vm86_tick_edge
	.size vm86_tick_edge_late, . - vm86_tick_edge_late

	.section .rodata
	.balign 4
edge_sled:
	.long 9b, 9b - 1, 9b - 2, 9b - 3, 9b - 4, 8b
	.text

	.bss
	.balign 4
vm86_saved_esp:
	.long 0

	.section .note.GNU-stack, "", @progbits
