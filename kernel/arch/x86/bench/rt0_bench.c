/*
 * native_irq_to_thread: the irq_to_thread scenario (common/
 * bench_irq_thread.h) run by the ring-0 executive (rt0_port.c) at boot,
 * before any partition, with the RTC on IRQ 8. The boot context becomes the
 * executive's idle thread; when both threads are done, it runs again, puts
 * the RTC and the line back as it found them, and boot continues.
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bh/arch.h>
#include <bh/printk.h>

static uint32_t rt0_result;

#define BIT_WOKEN x86_bench_rt0_woken
#define bit_entry_tsc() ((uint32_t)x86_bench_rt0_entry_tsc)
#define bit_report(m) (rt0_result = (m))
#define bit_end() rt_thread_exit()
#include <bench_irq_thread.h>

#include "rt_internal.h"

void x86_bench_rt0_run(void)
{
	rt0_result = 0;
	rt_init(NULL);
	bit_setup();
	rt_port_disable();
	rt_sched_start(); /* back here once both threads have ended */
	rt_isr_remove(BH_VEC_IRQ(CMOS_RTC_LINE));
	cmos_rtc_periodic(0);
	(void)cmos_rtc_ack();
	if (bit_isr_runs < BIT_SAMPLES || !rt0_result)
		kprintf("[bh] bench: the ring-0 executive saw %u RTC interrupts: "
			"native_irq_to_thread not measured\n", bit_isr_runs);
	else
		kprintf("[bh] BENCH name=native_irq_to_thread value=%u unit=insn\n", rt0_result);
}
