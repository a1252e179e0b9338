/*
 * irq_to_thread (bench/rtos_irq, under icount): from the kernel's entry for
 * a device interrupt (the RTC, IRQ 8; the entry probe's stamp, read through
 * the benchmark gate) to the first instruction of the executive thread its
 * ISR wakes. The scenario (common/bench_irq_thread.h) is the same source the
 * kernel's benchmark module runs in ring 0 for native_irq_to_thread. The
 * path: kernel entry, arrival and upcall; the guest's upcall entry and BSP
 * dispatch, the ISR, the deferred dispatch through the trampoline, the
 * switch, and the waiter's return from rt_sem_wait().
 */
#include <bhbench.h>

#define BIT_WOKEN rtb_woken
#define bit_entry_tsc() ((uint32_t)bhb_irq_entry_tsc(CMOS_RTC_LINE))
#define bit_report(m) bhb_report("irq_to_thread", (m), "insn")
#define bit_end() bhb_end()
#include <bench_irq_thread.h>

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	rt_init(NULL);
	bit_setup();
	rt_start();
}
