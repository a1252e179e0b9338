/*
 * The kernel's entry points. Every way into the kernel, a hypercall, a
 * device interrupt, the timer or a processor exception, ends in one of
 * these four, called by the architecture's trap stubs with the interrupted
 * frame; each returns the frame to resume (the same, another partition's or
 * the idle frame). The kernel runs with interrupts off from entry to return.
 *
 * The two hot paths are written to compile into few instructions: the
 * hypercall fast path is a range check and an indirect call, the device
 * interrupt path delivers straight to the running owner's handler
 * (bh/virq_upcall.h, inline). Everything unusual is out of line.
 */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/entry.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/virq.h>
#include <bh/virq_upcall.h>

ARCH_ENTRY struct arch_regs *core_hypercall(struct arch_regs *r)
{
	uint32_t nr = arch_regs_nr(r);

	HOLDOFF_CAUSE(HO_HC + BH_MIN(nr, (uint32_t)BH_HC_COUNT));
	trace_hc_entry(bh_sched.running, nr, arch_regs_arg(r, 0));
	if (BH_UNLIKELY(nr >= BH_HC_COUNT)) {
		trace_hc_exit(bh_sched.running, nr, BH_ENOSYS);
		return hc_failed(r, BH_ENOSYS);
	}
	int32_t ret = hc_table[nr].entry(bh_sched.running, r, NULL);
	trace_hc_exit(bh_sched.running, nr, ret);
	if (BH_UNLIKELY(ret < 0))
		return hc_failed(r, ret);
	arch_regs_set_ret(r, ret);
	return sched_resume(r);
}

/* The arrival cannot be delivered at once: it becomes pending (rule 4). */
static __attribute__((noinline)) struct arch_regs *line_pending(struct partition *p,
							       struct arch_regs *r,
							       uint32_t line)
{
	virq_raise(p, BH_VEC_IRQ(line), 1);
	return sched_resume(r);
}

/* A device line fired; the arch has masked and acknowledged it. */
ARCH_FASTCALL struct arch_regs *core_irq(struct arch_regs *r, unsigned line)
{
	struct partition *p = virq_line_owner[line & (BH_NR_IRQ_LINES - 1)];

	trace_irq(p, line);
	HOLDOFF_CAUSE(HO_IRQ);
	/* An unbound line stays masked at the controller. */
	if (!p || !(p->virq.bound_lines >> line & 1u))
		return r;
	/* r is p's saved context only if p was running in ring 3. */
	if (r == &p->ctx.regs && virq_deliver_line_now(p, r, line))
		return r;
	return line_pending(p, r, line);
}

/*
 * The kernel tick. Inside a window (never on the tick that starts or ends
 * one, so that no output can delay a window), one console slice of the
 * window owner's output: that partition's time pays for it.
 */
ARCH_ENTRY struct arch_regs *core_timer_tick(struct arch_regs *r)
{
	sched_tick();
	HOLDOFF_CAUSE(bh_sched.boundary ? HO_TICK_WINDOW : HO_TICK);
	if (!bh_sched.boundary && bh_sched.current)
		console_tick_slice(bh_sched.current);
	return sched_resume(r);
}

bool core_idle(void)
{
	HOLDOFF_CAUSE(HO_IDLE);
	return console_idle_slice();
}

void core_bad_frame(struct arch_regs *r, const char *cause)
{
	struct partition *p = bh_sched.running;
	struct hm_detail d = { 13, 0, 0, arch_regs_pc(r), NULL, 0, cause };

	if (!p)
		panic("%s frame with no partition running", cause);
	hm_raise(p, BH_HM_GENERAL_PROTECTION, &d, r);
	sched_kick();
}

struct arch_regs *core_trap(struct arch_regs *r, unsigned exc, uint32_t error, uint32_t addr)
{
	struct partition *p = bh_sched.running;
	struct hm_detail d = { exc, error, addr, arch_regs_pc(r), NULL, 0, NULL };

	HOLDOFF_CAUSE(HO_TRAP + (exc & 31u));
	if (!p)
		panic("trap %u from user mode with no partition running", exc);
	if (exc == 13 && arch_emulate(p, r, error)) /* served by the kernel */
		return sched_resume(r);
	hm_raise(p, hm_event_of_exception(exc), &d, r);
	sched_kick();
	return sched_resume(r);
}
