/*
 * FreeRTOS port to a Bulkhead partition (i386, ring 3).
 *
 * - Critical sections: i386_disable_interrupts()/i386_enable_interrupts()
 *   of the guest library (RTEMS_PARAVIRT semantics), nested with a count.
 * - The tick: the partition's virtual clock tick (BH_VEC_TICK), whose rate
 *   is the configuration's `tick` line and must be configTICK_RATE_HZ.
 *   Ticks that fell outside the partition's windows arrive together at its
 *   next window (the upcall's count): each is announced, so tick counts
 *   stay exact.
 * - A yield is a user-mode switch (port_switch.S) with interrupts disabled;
 *   the yielding task's critical nesting and interrupt flag stay in
 *   vPortYield()'s frame on its own stack and come back with it.
 * - An interrupt that readies a task does not switch on the interrupt
 *   stack: portYIELD_FROM_ISR() notes it, and the interrupt's exit edits
 *   the upcall frame so that the upcall return lands in the interrupted
 *   task, on its own stack, in vPortYield() (bh_bsp_interrupt_defer).
 * - Tasks must not use x87/SSE registers: they are not switched (the
 *   kernel keeps them per partition only).
 */
#include "FreeRTOS.h"
#include "task.h"

extern void *volatile pxCurrentTCB; /* its first member is pxTopOfStack */

void vPortSwitch(StackType_t **save_sp, StackType_t *load_sp);
__attribute__((noreturn)) void vPortStartFirst(StackType_t *load_sp);
void vPortTaskStart(void);
__attribute__((noreturn)) void prvTaskBegin(TaskFunction_t code, void *params);

static volatile UBaseType_t critical_nesting = 0xAAAAAAAAu; /* 0 once started */
static volatile uint32_t critical_level;
static volatile uint32_t isr_nesting;
static volatile BaseType_t yield_pending;

/* ------------------------------------------------------- critical sections */

void vPortEnterCritical(void)
{
	uint32_t level = i386_disable_interrupts();

	if (critical_nesting == 0)
		critical_level = level;
	critical_nesting++;
}

void vPortExitCritical(void)
{
	configASSERT(critical_nesting > 0);
	if (--critical_nesting == 0)
		i386_enable_interrupts(critical_level);
}

/* ------------------------------------------------------------ task stacks */

/*
 * A new task's stack, from the top down: a spare word, the return address
 * vPortTaskStart at an address = 4 mod 16 (so that prvTaskBegin is called
 * on a 16-byte aligned stack), then ebp, ebx, esi = code, edi = params as
 * vPortSwitch pops them.
 */
StackType_t *pxPortInitialiseStack(StackType_t *top, TaskFunction_t code, void *params)
{
	StackType_t *sp = (StackType_t *)((uintptr_t)top & ~(uintptr_t)15) - 3;

	*sp = (StackType_t)(uintptr_t)vPortTaskStart;
	*--sp = 0;			      /* ebp */
	*--sp = 0;			      /* ebx */
	*--sp = (StackType_t)(uintptr_t)code; /* esi */
	*--sp = (StackType_t)(uintptr_t)params; /* edi */
	return sp;
}

void prvTaskBegin(TaskFunction_t code, void *params)
{
	critical_nesting = 0;
	i386_enable_interrupts(BH_RTEMS_LEVEL_IF);
	code(params);
	vTaskDelete(NULL); /* a task function that returns ends its task */
	for (;;)
		;
}

/* ----------------------------------------------------------------- yield */

void vPortYield(void)
{
	uint32_t level = i386_disable_interrupts();
	UBaseType_t nesting = critical_nesting;
	uint32_t nesting_level = critical_level;
	StackType_t **save = (StackType_t **)pxCurrentTCB;

	vTaskSwitchContext();
	if ((void *)save != pxCurrentTCB)
		vPortSwitch(save, *(StackType_t **)pxCurrentTCB);
	critical_nesting = nesting;
	critical_level = nesting_level;
	i386_enable_interrupts(level);
}

/* --------------------------------------------------------------- interrupts */

void vPortYieldFromISR(BaseType_t switch_required)
{
	if (switch_required != pdFALSE)
		yield_pending = pdTRUE;
}

static void prvDeferredYield(void)
{
	vPortYield();
}

static void prvIrqEnter(uint32_t vector)
{
	(void)vector;
	isr_nesting++;
}

static void prvIrqExit(struct bh_upcall_frame *f)
{
	if (--isr_nesting != 0 || !yield_pending || bh_bsp_frame_nested(f))
		return;
	yield_pending = pdFALSE;
	bh_bsp_interrupt_defer(f, prvDeferredYield);
}

static const struct bh_bsp_irq_hooks hooks = { prvIrqEnter, prvIrqExit };

struct port_isr {
	PortISR_t isr;
	void *arg;
};

static struct port_isr isrs[BH_NR_VECTORS];

static void prvDispatch(void *arg, struct bh_upcall_frame *f)
{
	(void)arg;
	isrs[f->vector].isr(isrs[f->vector].arg);
}

BaseType_t xPortInstallInterruptHandler(uint32_t vector, PortISR_t isr, void *arg)
{
	if (vector >= BH_NR_VECTORS || vector == BH_VEC_TICK || !isr)
		return pdFAIL;
	isrs[vector].isr = isr;
	isrs[vector].arg = arg;
	return bh_bsp_vector_install(vector, prvDispatch, NULL) == BH_OK ? pdPASS : pdFAIL;
}

static void prvTick(void *arg, struct bh_upcall_frame *f)
{
	BaseType_t switch_required = pdFALSE;

	(void)arg;
	for (uint32_t i = 0; i < f->count; i++)
		if (xTaskIncrementTick() != pdFALSE)
			switch_required = pdTRUE;
	vPortYieldFromISR(switch_required);
}

/* ------------------------------------------------------------- scheduler */

BaseType_t xPortStartScheduler(void)
{
	uint32_t want = 1000000000u / configTICK_RATE_HZ, got = bh_bsp_clock_tick_ns();

	/* Within 0.1 %: the period the kernel reports may be rounded. */
	if (got == 0 || (got > want ? got - want : want - got) > want / 1000u) {
		bh_printf("FreeRTOS: the partition's tick is %u ns, configTICK_RATE_HZ "
			  "asks for %u ns\n", got, want);
		return pdFAIL;
	}
	(void)i386_disable_interrupts();
	if (bh_bsp_interrupt_init(&hooks) < 0 || bh_bsp_clock_install(prvTick, NULL) < 0)
		return pdFAIL;
	vPortStartFirst(*(StackType_t **)pxCurrentTCB);
}

void vPortEndScheduler(void)
{
	bh_exit();
}

void vPortAssertFailed(const char *file, int line)
{
	bh_printf("FreeRTOS assertion failed at %s:%d\n", file, line);
	bh_bsp_fatal(0, (uint32_t)line);
}
