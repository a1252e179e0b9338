/*
 * A ring-0 port of the guest executive (guest/rtos/src, compiled into the
 * benchmark images only): critical sections are real cli/sti (pushf; cli,
 * and sti when the saved level had IF; inline, rt_port_irq.h), the first context of a thread is
 * the guest port's, and an ISR is reached through a real IDT gate and the
 * 8259 (rt0_entry.S). It exists so that irq_to_thread has a native
 * baseline: the same executive and ISR, without the virtualization.
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bh/arch.h>

#include "rt_internal.h"

#define RT0_LINE 8u

static struct {
	rt_isr_t isr;
	void *arg;
} rt0_slot;

void rt_port_init(void)
{
}

/* As the guest port: the first switch "returns" into rt_thread_bootstrap. */
void rt_port_thread_init(struct rt_thread *t)
{
	uintptr_t top = ((uintptr_t)t->stack + t->stack_size) & ~(uintptr_t)15;
	uint32_t *sp = (uint32_t *)top;

	*--sp = 0;
	*--sp = (uint32_t)(uintptr_t)rt_thread_bootstrap;
	*--sp = 0; /* ebp */
	*--sp = 0; /* ebx */
	*--sp = 0; /* esi */
	*--sp = 0; /* edi */
	t->ctx.sp = (uintptr_t)sp;
}

/* Only the RTC's line: the benchmark needs no other. */
int rt_isr_install(uint32_t v, rt_isr_t isr, void *arg)
{
	if (v != BH_VEC_IRQ(RT0_LINE) || !isr)
		return RT_EINVAL;
	rt0_slot.isr = isr;
	rt0_slot.arg = arg;
	desc_set_gate(VEC_IRQ_BASE + RT0_LINE, (uint32_t)x86_bench_rt0_irq8, 0);
	arch_irq_unmask(RT0_LINE);
	return RT_OK;
}

int rt_isr_remove(uint32_t v)
{
	if (v != BH_VEC_IRQ(RT0_LINE) || !rt0_slot.isr)
		return RT_EINVAL;
	arch_irq_mask(RT0_LINE);
	rt0_slot.isr = NULL;
	return RT_OK;
}

/* The interrupt's C half: the executive's ISR hooks around the ISR, the
 * 8259's EOI, and the dispatch at interrupt exit. */
void x86_bench_rt0_dispatch(void)
{
	rt_k.isr_nest++;
	rt_k.stats.interrupts++;
	rt0_slot.isr(rt0_slot.arg, 1);
	rt_k.isr_nest--;
	pic_eoi(RT0_LINE);
	if (!rt_k.isr_nest && rt_k.started && rt_k.heir != rt_k.current)
		rt_dispatch();
}
