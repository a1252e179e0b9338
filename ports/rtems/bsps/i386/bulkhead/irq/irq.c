/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt layer of the i386/bulkhead BSP: RTEMS's generic interrupt
 * support on Bulkhead virtual vectors.
 *
 * An interrupt arrives as an upcall on the guest library's interrupt
 * stack with virtual interrupts disabled. Around each handler the enter and
 * exit hooks keep RTEMS's ISR nest level and thread dispatch disable level,
 * as the bare-metal interrupt entry does. A thread dispatch that the
 * interrupt made necessary is not done on the interrupt stack: the exit
 * hook edits the upcall frame so that the upcall return lands in the
 * interrupted thread, on its own stack, in bulkhead_thread_dispatch()
 * (bh_bsp_interrupt_defer), which then resumes exactly where the interrupt
 * hit.
 *
 * Propagated CPU exceptions (vectors 64 + n, never masked) are turned into
 * RTEMS's CPU_Exception_frame and handed to _currentExcHandler, whose
 * default is the fatal error RTEMS_FATAL_SOURCE_EXCEPTION with that frame;
 * a handler that returns resumes the (possibly edited) context.
 */
#include <bsp.h>
#include <bsp/fatal.h>
#include <bsp/irq.h>
#include <bsp/irq-generic.h>
#include <rtems/score/percpu.h>
#include <rtems/score/threaddispatch.h>
#include <bulkhead/rtems_paravirt.h>

static struct bh_upcall_frame *bulkhead_frame;

struct bh_upcall_frame *bulkhead_interrupt_frame(void)
{
	return bulkhead_frame;
}

/* Every maskable vector: RTEMS's dispatch, with the frame at hand. */
static void bulkhead_isr(void *arg, struct bh_upcall_frame *f)
{
	struct bh_upcall_frame *outer = bulkhead_frame;

	(void)arg;
	bulkhead_frame = f;
	bsp_interrupt_handler_dispatch(f->vector);
	bulkhead_frame = outer;
}

/* Runs in the interrupted thread with virtual interrupts disabled. */
static void bulkhead_thread_dispatch(void)
{
	Per_CPU_Control *cpu = _Per_CPU_Get();

	do {
		cpu->isr_dispatch_disable = 1;
		cpu->thread_dispatch_disable_level = 1;
		_Thread_Do_dispatch(cpu, BH_RTEMS_LEVEL_IF); /* ends enabled */
		(void)i386_disable_interrupts();
		cpu = _Per_CPU_Get();
	} while (cpu->dispatch_necessary);
	cpu->isr_dispatch_disable = 0;
}

static void bulkhead_irq_enter(uint32_t vector)
{
	Per_CPU_Control *cpu = _Per_CPU_Get();

	(void)vector;
	cpu->isr_nest_level++;
	cpu->thread_dispatch_disable_level++;
}

static void bulkhead_irq_exit(struct bh_upcall_frame *f)
{
	Per_CPU_Control *cpu = _Per_CPU_Get();

	cpu->isr_nest_level--;
	cpu->thread_dispatch_disable_level--;
	if (cpu->dispatch_necessary && cpu->thread_dispatch_disable_level == 0 &&
	    cpu->isr_dispatch_disable == 0 && cpu->isr_nest_level == 0 &&
	    !bh_bsp_frame_nested(f))
		bh_bsp_interrupt_defer(f, bulkhead_thread_dispatch);
}

static const struct bh_bsp_irq_hooks bulkhead_hooks = {
	.enter = bulkhead_irq_enter,
	.exit = bulkhead_irq_exit,
};

static bool bulkhead_is_line(rtems_vector_number v)
{
	return v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES;
}

static bool bulkhead_is_maskable(rtems_vector_number v)
{
	return v < BH_NR_VECTORS;
}

/* ----------------------------------------------------------- exceptions */

static void bulkhead_frame_in(CPU_Exception_frame *e, const struct bh_upcall_frame *f)
{
	e->fp_ctxt = NULL;
	e->edi = f->edi;
	e->esi = f->esi;
	e->ebp = f->ebp;
	e->esp0 = f->esp;
	e->ebx = f->ebx;
	e->edx = f->edx;
	e->ecx = f->ecx;
	e->eax = f->eax;
	e->idtIndex = f->vector - BH_VEC_TRAP_BASE;
	e->faultCode = f->error_code;
	e->eip = f->eip;
	__asm__("mov %%cs, %0" : "=r"(e->cs)); /* the partition's code segment */
	e->eflags = f->eflags;
}

static void bulkhead_frame_out(struct bh_upcall_frame *f, const CPU_Exception_frame *e)
{
	f->edi = e->edi;
	f->esi = e->esi;
	f->ebp = e->ebp;
	f->esp = e->esp0;
	f->ebx = e->ebx;
	f->edx = e->edx;
	f->ecx = e->ecx;
	f->eax = e->eax;
	f->eip = e->eip;
	f->eflags = e->eflags;
}

static void bulkhead_exception(void *arg, struct bh_upcall_frame *f)
{
	CPU_Exception_frame e;

	(void)arg;
	bulkhead_frame_in(&e, f);
	(*_currentExcHandler)(&e);
	bulkhead_frame_out(f, &e);
}

void bulkhead_exception_initialize(void)
{
	for (uint32_t n = 0; n < 32; n++)
		(void)bh_bsp_vector_install(BH_VEC_TRAP(n), bulkhead_exception, NULL);
}

/* ---------------------------------------------- generic interrupt support */

void bsp_interrupt_facility_initialize(void)
{
	if (bh_bsp_interrupt_init(&bulkhead_hooks) < 0)
		bsp_fatal(BSP_FATAL_INTERRUPT_INITIALIZATION);
	/*
	 * Every vector without a device goes to RTEMS's dispatch, masked until
	 * RTEMS enables it (installing its first handler does). A physical
	 * line's vector is bound when RTEMS first enables it: a line the
	 * configuration does not give the partition then fails to bind and
	 * RTEMS's handlers on it never run.
	 */
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		if (!bulkhead_is_line(v) && bh_bsp_vector_install(v, bulkhead_isr, NULL) == BH_OK)
			bh_irq_mask(v);
	bulkhead_exception_initialize();
}


rtems_status_code bsp_interrupt_get_attributes(rtems_vector_number v,
					       rtems_interrupt_attributes *a)
{
	a->is_maskable = bulkhead_is_maskable(v);
	a->maybe_enable = bulkhead_is_maskable(v);
	a->maybe_disable = bulkhead_is_maskable(v);
	a->can_raise = bulkhead_is_maskable(v);
	a->can_clear = false;
	a->can_get_affinity = false;
	a->can_set_affinity = false;
	a->cleared_by_acknowledge = true;
	return RTEMS_SUCCESSFUL;
}

rtems_status_code bsp_interrupt_is_pending(rtems_vector_number v, bool *pending)
{
	*pending = (bh_vstate->pending[v >> 5] & (1u << (v & 31u))) != 0;
	return RTEMS_SUCCESSFUL;
}

rtems_status_code bsp_interrupt_raise(rtems_vector_number v)
{
	if (!bulkhead_is_maskable(v))
		return RTEMS_UNSATISFIED;
#ifdef BH_FEAT_RAISE
	return bh_bsp_vector_raise(v) < 0 ? RTEMS_UNSATISFIED : RTEMS_SUCCESSFUL;
#else
	return RTEMS_UNSATISFIED;
#endif
}

rtems_status_code bsp_interrupt_clear(rtems_vector_number v)
{
	(void)v;
	return RTEMS_UNSATISFIED;
}

rtems_status_code bsp_interrupt_vector_is_enabled(rtems_vector_number v, bool *enabled)
{
	*enabled = bulkhead_is_maskable(v) ?
			   (bh_vcpu->mask[v >> 5] & (1u << (v & 31u))) == 0 :
			   true;
	return RTEMS_SUCCESSFUL;
}

rtems_status_code bsp_interrupt_vector_enable(rtems_vector_number v)
{
	int32_t r;

	if (bulkhead_is_line(v)) { /* bound on first use: EBUSY once bound */
		r = bh_bsp_vector_install(v, bulkhead_isr, NULL);
		if (r != BH_OK && r != BH_EBUSY)
			return RTEMS_UNSATISFIED;
	}
	if (bulkhead_is_maskable(v))
		bh_irq_unmask(v);
	return RTEMS_SUCCESSFUL;
}

rtems_status_code bsp_interrupt_vector_disable(rtems_vector_number v)
{
	if (bulkhead_is_maskable(v))
		bh_irq_mask(v);
	return RTEMS_SUCCESSFUL;
}

rtems_status_code bsp_interrupt_set_priority(rtems_vector_number v, uint32_t priority)
{
	(void)v;
	(void)priority;
	return RTEMS_UNSATISFIED;
}

rtems_status_code bsp_interrupt_get_priority(rtems_vector_number v, uint32_t *priority)
{
	(void)v;
	(void)priority;
	return RTEMS_UNSATISFIED;
}
