/*
 * The window-start tick in one straight run: what core_timer_tick() does
 * (sched_tick(), sched_position(), window_begin(), publish_tick(),
 * sched_resume_slow(): kernel/core/sched.c) when the tick that the timer's
 * stub (entry.S, x86_irq_timer) found at next_pos starts a window of a
 * partition that can run, written by hand: scheduler state, window table
 * and vCPU state page by offset (arch/tick.h, checked by tick.c).
 *
 * Check everything, then act: first, with nothing written, that a window
 * starts on this tick (the one ending with it, if any, needs nothing but
 * state), that it is not the configured last frame's end, that its
 * partition is not idle and not loading. Anything else goes to
 * core_timer_tick() unchanged (x86_tick_c, entry.S: edx = the interrupted
 * frame): a window ending into a gap, a frame that starts with a gap, the
 * run's last frame end (kernel_stop_frames), an idle or loading partition,
 * and every tick of a kernel built with the trace or the holdoff stamps
 * (arch/tick.h). Then the same stores as
 * the C path, in its order where a guest could tell (the clock under its
 * sequence count); the partition's time sources through
 * virq_sources_update() (C) if it has a tick or a timer; and the switch
 * (switch.S) unless its context is on the processor already. With virtual
 * interrupts enabled and some vector deliverable, the switch and then the
 * delivery (entry.S: x86_resume_deliver, batch mode's hand-over, shared with
 * BH_HC_VIRQ_SYNC's fast path; anything it does not take goes to
 * sched_resume_slow() in C); enabled with nothing deliverable, what
 * virq_deliver() does then: the summary cleared.
 *
 * A change to what sched.c does at a window start must be made here too.
 */
#include <arch/entry.h>
#include <arch/tick.h>

#if X86_TICK_FAST
	.text
	.balign 16
	.globl x86_tick_window
	.type x86_tick_window, @function
/* ecx = frame_pos + 1 (== next_pos), edx = the interrupted frame */
x86_tick_window:
	movzbl bh_sched + S_FLAGS, %esi	/* in_window: that window ends */
	addl bh_sched + S_WIN, %esi	/* esi = the next window */
	movl bh_sched + S_FRAME_SEQ, %eax
	imull $W_SIZE, %esi, %ebx	/* ebx = its entry's offset */
	cmpl sched_windows + W_START(%ebx), %ecx
	jne x86_tick_c			/* a window ends into a gap */
	movl sched_windows + W_P(%ebx), %ebp
	testl %ebp, %ebp
	jz 8f				/* the table's end entry: the frame's end */
1:	cmpl $P_MODE_IDLE, P_MODE(%ebp)
	je x86_tick_c
	cmpb $0, P_LOAD_ACTIVE(%ebp)
	jne x86_tick_c

	/* act: ebp = p, ebx = its window, ecx/esi/eax = position, window, frame */
	pushl %edx			/* the interrupted frame, for a C resume */
	movl %ecx, bh_sched + S_FRAME_POS
	movl %esi, bh_sched + S_WIN
	movl %eax, bh_sched + S_FRAME_SEQ
	movl sched_windows + W_END(%ebx), %edx
	movl %edx, bh_sched + S_NEXT_POS
	movl $S_FLAGS_WINDOW_START, bh_sched + S_FLAGS
	movl %ebp, bh_sched + S_CURRENT
	movl P_VSTATE(%ebp), %edi	/* edi = its vCPU state page */
	movl %esi, V_WINDOW_INDEX(%edi)
	movl %eax, V_FRAME_SEQ(%edi)

	movl V_CLOCK_SEQ(%edi), %ecx	/* the clock: odd while rewritten */
	orl $1, %ecx
	movl %ecx, V_CLOCK_SEQ(%edi)
	rdtsc				/* the clock's base (time_advance()) */
	movl %eax, bh_tick + T_TSC
	movl %edx, bh_tick + T_TSC + 4
	movl %eax, V_CLOCK_BASE_TSC(%edi)
	movl %edx, V_CLOCK_BASE_TSC + 4(%edi)
	addl $1, bh_sched + S_NOW
	adcl $0, bh_sched + S_NOW + 4
	movl bh_sched + S_FRAC, %esi	/* now_ns and its remainder */
	movl bh_sched + S_NOW_NS, %eax
	movl bh_sched + S_NOW_NS + 4, %edx
	addl bh_tick + T_REM, %esi
	addl bh_tick + T_NS, %eax
	adcl bh_tick + T_NS + 4, %edx
	cmpl bh_tick + T_HZ, %esi
	jb 2f
	subl bh_tick + T_HZ, %esi	/* the remainders make 1 ns */
	addl $1, %eax
	adcl $0, %edx
2:	movl %esi, bh_sched + S_FRAC
	movl %eax, bh_sched + S_NOW_NS
	movl %edx, bh_sched + S_NOW_NS + 4
	movl %eax, bh_sched + S_WINDOW_START_NS
	movl %edx, bh_sched + S_WINDOW_START_NS + 4
	movl %eax, V_WINDOW_START_NS(%edi)
	movl %edx, V_WINDOW_START_NS + 4(%edi)
	movl %eax, V_CLOCK_BASE_NS(%edi)
	movl %edx, V_CLOCK_BASE_NS + 4(%edi)
	movl %eax, V_TIME_NS(%edi)
	movl %edx, V_TIME_NS + 4(%edi)
	addl sched_windows + W_LEN_REM(%ebx), %esi /* its end: exact length */
	movl sched_windows + W_LEN_NS(%ebx), %ecx
	movl sched_windows + W_LEN_NS + 4(%ebx), %ebx
	cmpl bh_tick + T_HZ, %esi
	cmc				/* carry: the remainders make 1 ns */
	adcl %eax, %ecx
	adcl %edx, %ebx
	movl %ecx, bh_sched + S_WINDOW_END_NS
	movl %ebx, bh_sched + S_WINDOW_END_NS + 4
	movl %ecx, V_WINDOW_END_NS(%edi)
	movl %ebx, V_WINDOW_END_NS + 4(%edi)
	addl bh_tick + T_NS, %eax	/* limit: the next tick's time at most */
	adcl bh_tick + T_NS + 4, %edx
	movl %eax, V_CLOCK_LIMIT_NS(%edi)
	movl %edx, V_CLOCK_LIMIT_NS + 4(%edi)
	incl V_CLOCK_SEQ(%edi)		/* even: consistent */

	movl P_WINDOW_SEQ(%ebp), %ecx	/* the partition's window */
	incl %ecx
	movl %ecx, P_WINDOW_SEQ(%ebp)
	movl %ecx, V_WINDOW_SEQ(%edi)
	incl P_WINDOWS_TOTAL(%ebp)
	movl $P_WAIT_RUN, P_WAIT(%ebp)	/* a yield or idle ends here */

	movl bh_sched + S_RUNNING, %ecx	/* the tick was the outgoing one's */
	testl %ecx, %ecx
	jz 10f
	addl $1, P_TICKS_RUN(%ecx)
	adcl $0, P_TICKS_RUN + 4(%ecx)
3:
	movl P_TICK_STEP(%ebp), %ecx	/* time sources: virq_sources_update()'s test */
	orl P_TIMER_DEADLINE(%ebp), %ecx
	orl P_TIMER_DEADLINE + 4(%ebp), %ecx
	jnz 11f
4:
	movl P_VCPU(%ebp), %ecx		/* delivery (rule 1): virq_deliver()'s test */
	cmpl $0, VCPU_ENABLED(%ecx)
	jne 12f
5:	cmpl %ebp, bh_sched + S_RUNNING
	je 6f
	movl %ebp, %eax
	call x86_switch_to		/* switch.S: eax = next, not NULL */
	movl %ebp, bh_sched + S_RUNNING
6:	leal P_REGS(%ebp), %eax
	jmp x86_resume

8:	incl %eax			/* frame_seq + 1 */
	cmpl kernel_stop_frames, %eax	/* the run's last frame: C ends it */
	jae x86_tick_c
	xorl %ecx, %ecx			/* position 0, window 0 */
	xorl %esi, %esi
	xorl %ebx, %ebx
	cmpl $0, sched_windows + W_START
	jne x86_tick_c			/* the frame starts with a gap */
	movl sched_windows + W_P, %ebp	/* a window (the end entry would start at 0 else) */
	jmp 1b

10:	addl $1, bh_sched + S_IDLE_TICKS
	adcl $0, bh_sched + S_IDLE_TICKS + 4
	jmp 3b

11:	movl %ebp, %eax			/* regparm: eax = p */
	call virq_sources_update
	jmp 4b

12:	movl VCPU_MASK0(%ecx), %eax	/* enabled: pending & ~mask, both words */
	movl VCPU_MASK1(%ecx), %edx
	notl %eax
	notl %edx
	andl VSTATE_PENDING0(%edi), %eax
	andl VSTATE_PENDING1(%edi), %edx
	orl %edx, %eax
	jnz 13f
	movl $0, VCPU_SUMMARY(%ecx)	/* nothing deliverable at all */
	jmp 5b
13:	cmpl %ebp, bh_sched + S_RUNNING	/* deliverable: the switch as at 5, */
	je 14f
	movl %ebp, %eax
	call x86_switch_to
	movl %ebp, bh_sched + S_RUNNING
14:	leal P_REGS + 8(%ebp), %esp	/* then the delivery (entry.S, which */
	jmp x86_resume_deliver		/* falls back to sched_resume_slow()) */
	.size x86_tick_window, . - x86_tick_window
#endif

	.section .note.GNU-stack, "", @progbits
