/*
 * irq_to_thread (bench/rtos_irq, under icount): from the kernel's entry for
 * a device interrupt (the RTC, IRQ 8; the probe's bench_entry_tsc) to the
 * first instruction of the executive thread its ISR wakes. A priority-10
 * thread raises the RTC's line at a known instruction (cmos_rtc_pulse); the
 * ISR drops it and posts a semaphore; the priority-1 waiter preempts at the
 * interrupt's return and reads the TSC. The path: kernel entry, arrival and
 * upcall, the guest's upcall entry and BSP dispatch, the ISR, the deferred
 * dispatch through the trampoline, the switch, and the waiter's return
 * from rt_sem_wait(). Median of the samples.
 */
#include <bhbench.h>
#include <bulkhead/cmos_rtc.h>
#include <rtos/rt.h>

#define STACK 4096u
#define SAMPLES 15u
#define V_RTC BH_VEC_IRQ(CMOS_RTC_LINE)

static struct rt_thread waiter, trigger;
static uint8_t stacks[2][STACK] __attribute__((aligned(16)));
static struct rt_sem irq_sem;
static uint8_t rtc_b;
static uint32_t samples[SAMPLES];
static volatile uint32_t nsamples, isr_runs, primed;

static void rtc_isr(void *arg, uint32_t count)
{
	(void)arg;
	(void)count;
	cmos_rtc_pulse_reset(rtc_b);
	isr_runs++;
	rt_sem_post(&irq_sem);
}

static void waiter_entry(void *arg)
{
	(void)arg;
	rt_sem_wait(&irq_sem, RT_FOREVER); /* the RTC's first periodic interrupt */
	primed = 1;
	while (nsamples < SAMPLES) {
		rt_sem_wait(&irq_sem, RT_FOREVER);
		uint32_t t = bhb_tsc();
		samples[nsamples++] = t - (uint32_t)bh_vcpu->bench_entry_tsc;
	}
	uint32_t m = bhb_median(samples, SAMPLES);
	bh_printf("irq to thread: min %u median %u max %u over %u interrupts\n", samples[0], m,
		  samples[SAMPLES - 1], isr_runs);
	bhb_report("irq_to_thread", m, "insn");
	bhb_end();
}

/*
 * The first periodic interrupt sets PF; the ISR turns PIE off without
 * reading register C, so PF stays set and each cmos_rtc_pulse() then
 * raises the line at once.
 */
static void trigger_entry(void *arg)
{
	(void)arg;
	rtc_b = cmos_rtc_read(CMOS_RTC_B) & (uint8_t)~CMOS_RTC_B_PIE;
	if (rt_isr_install(V_RTC, rtc_isr, NULL) != RT_OK) {
		BHB_ERROR("cannot install the RTC ISR\n");
		bhb_end();
	}
	cmos_rtc_periodic(6);
	while (!primed)
		;
	for (;;) {
		uint32_t n = nsamples;
		cmos_rtc_pulse(rtc_b);
		while (nsamples == n) /* the waiter has run by the time we get here */
			;
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	rt_init(NULL);
	rt_sem_init(&irq_sem, 0, 1);
	rt_thread_create(&waiter, "waiter", 1, waiter_entry, NULL, stacks[0], STACK);
	rt_thread_create(&trigger, "trigger", 10, trigger_entry, NULL, stacks[1], STACK);
	rt_start();
}
