/*
 * Interrupt glue of the executive's i386 port, on the guest library's BSP
 * interrupt layer (rtems_paravirt.h).
 *
 * Preemption at interrupt return: ISRs run on the interrupt stack with
 * virtual interrupts disabled and never switch threads themselves; they
 * only change the heir. The BSP's exit hook then compares heir and
 * current: if they differ and the interrupt hit a thread (not the upcall
 * handler itself), it defers a dispatch to the interrupted context
 * (bh_bsp_interrupt_defer): the upcall return lands, interrupts still
 * disabled, in a trampoline on the interrupted thread's stack, which
 * switches to the heir. The preempted thread later resumes in that
 * trampoline, which restores its registers and virtual flag exactly.
 *
 * Traps the configuration propagates (vectors 64..95) go to on_fault.
 */
#include <bulkhead/rtems_paravirt.h>

#include "rt_internal.h"

struct isr_slot {
	rt_isr_t isr;
	void *arg;
};

static struct isr_slot slots[BH_NR_VECTORS];

/* Once per upcall, however many vectors it runs (a batch: abi.h). */
static void irq_enter(uint32_t vector)
{
	(void)vector;
	rt_k.isr_nest++;
}

/* The deferred call is rt_dispatch() itself: it switches to the heir and
 * returns when the preempted thread runs again. */
static void irq_exit(struct bh_upcall_frame *f)
{
	if (--rt_k.isr_nest == 0 && rt_k.heir != rt_k.current && rt_k.started &&
	    !bh_bsp_frame_nested(f))
		bh_bsp_interrupt_defer(f, rt_dispatch);
}

/*
 * An ISR of the executive takes (arg, count), which the upcall entry hands
 * over as arguments: installed straight in the library's handler table
 * (bh_bsp_vector_install_handler), with no per-vector layer of the BSP.
 */
static void isr_direct(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	rt_k.stats.interrupts++;
	slots[v].isr(slots[v].arg, count);
}

static void tick_isr(void *arg, uint32_t count)
{
	(void)arg;
	rt_tick_announce(count);
}

static void exit_deferred(void)
{
	rt_thread_exit_locked();
}

static enum rt_fault_action fault_policy(const struct bh_upcall_frame *f)
{
	struct rt_fault info = { f->vector - BH_VEC_TRAP_BASE, f->eip, f->fault_addr,
				 f->error_code };

	rt_k.stats.faults++;
	/* A trap in an ISR, in a critical section (the executive's own state may
	 * be half updated) or in the idle thread is not a thread's to recover. */
	if (!rt_k.started || rt_k.isr_nest > 1 || bh_bsp_frame_nested(f) || !f->enabled ||
	    rt_k.current == &rt_k.idle || !rt_k.on_fault)
		return RT_FAULT_FATAL;
	return rt_k.on_fault(rt_k.current, &info);
}

static void trap_isr(void *arg, struct bh_upcall_frame *f)
{
	(void)arg;
	rt_k.stats.interrupts++;
	switch (fault_policy(f)) {
	case RT_FAULT_RESTART:
		bh_bsp_interrupt_defer(f, rt_thread_restart_self);
		break;
	case RT_FAULT_EXIT:
		bh_bsp_interrupt_defer(f, exit_deferred);
		break;
	default:
		bh_bsp_fatal(f->vector, f->eip);
	}
}

/* Also the start of a warm restart: memory is kept, so the slots are
 * cleared here rather than trusted to be zero. */
void rt_port_init(void)
{
	static const struct bh_bsp_irq_hooks hooks = { irq_enter, irq_exit };

	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		slots[v] = (struct isr_slot){ NULL, NULL };

	bh_bsp_interrupt_init(&hooks);
	for (uint32_t e = 0; e < 32; e++)
		bh_bsp_vector_install(BH_VEC_TRAP(e), trap_isr, NULL);
	if (bh_bsp_clock_tick_ns())
		rt_isr_install(BH_VEC_TICK, tick_isr, NULL);
	rt_apex_init();
}

int rt_isr_install(uint32_t v, rt_isr_t isr, void *arg)
{
	if (v >= BH_NR_VECTORS || !isr)
		return RT_EINVAL;
	if (slots[v].isr)
		return RT_EBUSY;
	slots[v].isr = isr;
	slots[v].arg = arg;
	int32_t r = bh_bsp_vector_install_handler(v, isr_direct);
	if (r == BH_OK)
		return RT_OK;
	slots[v].isr = NULL;
	return r == BH_EBUSY ? RT_EBUSY : r == BH_EPERM ? RT_EPERM : RT_EINVAL;
}

int rt_isr_remove(uint32_t v)
{
	if (v >= BH_NR_VECTORS || !slots[v].isr)
		return RT_EINVAL;
	bh_bsp_vector_remove(v);
	slots[v].isr = NULL;
	return RT_OK;
}
