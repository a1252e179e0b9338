/*
 * The executive's i386 port on Bulkhead: critical sections, the first
 * context of a thread, start-up and the idle loop. Interrupt glue is in
 * isr.c, the switch in switch.S.
 *
 * Critical sections (rt_port_irq.h, inline) are what the RTEMS_PARAVIRT
 * functions of the guest library do (a store to the vCPU page, a hypercall
 * only if an interrupt is pending on enable), with bh.h's inline
 * operations: the executive stands on the same interface an RTEMS port
 * would.
 */
#include <bh_string.h>
#include <bulkhead/rtems_paravirt.h>

#include "rt_internal.h"

/*
 * The first switch to t pops four zeroed callee-saved registers and
 * "returns" into rt_thread_bootstrap, which then sees a 16-byte aligned
 * frame with a null return address above it.
 */
_Static_assert(__builtin_offsetof(struct rt_ctx, fpu) == 16, "switch.S RT_CTX_FPU");
_Static_assert(__builtin_offsetof(struct rt_ctx, tp) == 4, "switch.S RT_CTX_TP");

/* A new thread's x87/SSE state: what FNINIT and the default MXCSR give. */
static void fpu_clean(uint8_t *area)
{
	memset(area, 0, 512);
	area[0] = 0x7F; /* FCW 0x037F: every x87 exception masked, 64-bit precision */
	area[1] = 0x03;
	area[24] = 0x80; /* MXCSR 0x1F80: every SSE exception masked */
	area[25] = 0x1F;
}

/*
 * The thread's __thread block (if the image has any) sits at the top of its
 * stack, made afresh from the template, so a restart resets it too.
 */
void rt_port_thread_init(struct rt_thread *t)
{
	uintptr_t top = (uintptr_t)t->stack + t->stack_size;
	uint32_t tls = bh_tls_area_size();
	uint32_t *sp;

	t->ctx.tp = 0;
	if (tls) {
		top -= tls;
		t->ctx.tp = (uintptr_t)bh_tls_init((void *)top, tls);
	}
	sp = (uint32_t *)(top & ~(uintptr_t)15);

	*--sp = 0;			       /* bootstrap's return address */
	*--sp = BH_PTR(rt_thread_bootstrap); /* popped by the switch's ret */
	*--sp = 0;			       /* ebp */
	*--sp = 0;			       /* ebx */
	*--sp = 0;			       /* esi */
	*--sp = 0;			       /* edi */
	t->ctx.sp = (uintptr_t)sp;
	fpu_clean(t->ctx.fpu);
}

void rt_start(void)
{
	rt_port_disable();
	rt_sched_start(); /* returns here only when the idle thread runs */
	rt_port_enable();
	for (;;)
		bh_bsp_idle();
}
