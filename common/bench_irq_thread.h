/*
 * The irq_to_thread scenario, one source for both sides of the comparison:
 * the executive in a partition (bench/guests/rtos_birq, the figure) and the
 * same executive built into the kernel's benchmark module and run in ring 0
 * with real cli/sti and the real 8259 (kernel/arch/x86/bench/rt0_*.c, its
 * native baseline native_irq_to_thread).
 *
 * A priority-10 thread raises the RTC's line at a known instruction
 * (cmos_rtc_pulse); the ISR drops it and posts a semaphore; the priority-1
 * waiter preempts at the interrupt's return and reads the TSC as the first
 * thing after rt_sem_wait() returns. The figure is that TSC minus the
 * entry probe's stamp of the interrupt (the first instruction of the
 * interrupt's entry stub), the median of BIT_SAMPLES.
 *
 * The includer defines, before including this file:
 *   BIT_WOKEN          the name of a global label placed where the waiter
 *                      resumes (for bench/paths.sh)
 *   bit_entry_tsc()    uint32_t: the entry stamp of the RTC's last interrupt
 *   bit_report(m)      report the median m
 *   bit_end()          the measurement is over (noreturn in a partition)
 * and needs <rtos/rt.h> and <bulkhead/cmos_rtc.h> on its include path.
 */
#ifndef BH_COMMON_BENCH_IRQ_THREAD_H
#define BH_COMMON_BENCH_IRQ_THREAD_H

#include <bulkhead/cmos_rtc.h>
#include <rtos/rt.h>

#define BIT_STACK 4096u
#define BIT_SAMPLES 15u
#define BIT_WAIT 50000000u /* spins before the trigger gives up on the RTC */
#define BIT_STR_(x) #x
#define BIT_STR(x) BIT_STR_(x)

static struct rt_thread bit_waiter, bit_trigger;
static uint8_t bit_stacks[2][BIT_STACK] __attribute__((aligned(16)));
static struct rt_sem bit_sem;
static uint8_t bit_rtc_b;
static uint32_t bit_samples[BIT_SAMPLES];
static volatile uint32_t bit_nsamples, bit_isr_runs, bit_primed, bit_done;

static void bit_rtc_isr(void *arg, uint32_t count)
{
	(void)arg;
	(void)count;
	cmos_rtc_pulse_reset(bit_rtc_b);
	bit_isr_runs++;
	rt_sem_post(&bit_sem);
}

static uint32_t bit_median(uint32_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2u];
}

static void bit_waiter_entry(void *arg)
{
	(void)arg;
	rt_sem_wait(&bit_sem, RT_FOREVER); /* the RTC's first periodic interrupt */
	bit_primed = 1;
	while (bit_nsamples < BIT_SAMPLES) {
		rt_sem_wait(&bit_sem, RT_FOREVER);
		__asm__ volatile(".globl " BIT_STR(BIT_WOKEN) "\n" BIT_STR(BIT_WOKEN) ":" ::: "memory");
		uint32_t lo;
		__asm__ volatile("rdtsc" : "=a"(lo) : : "edx", "memory");
		bit_samples[bit_nsamples++] = lo - bit_entry_tsc();
	}
	bit_done = 1;
	bit_report(bit_median(bit_samples, BIT_SAMPLES));
	bit_end();
}

/*
 * The first periodic interrupt sets PF; the ISR turns PIE off without
 * reading register C, so PF stays set and each cmos_rtc_pulse() then
 * raises the line at once.
 */
static void bit_trigger_entry(void *arg)
{
	(void)arg;
	bit_rtc_b = cmos_rtc_read(CMOS_RTC_B) & (uint8_t)~CMOS_RTC_B_PIE;
	if (rt_isr_install(BH_VEC_IRQ(CMOS_RTC_LINE), bit_rtc_isr, NULL) != RT_OK) {
		bit_done = 1;
		bit_end();
		return;
	}
	cmos_rtc_periodic(6);
	for (uint32_t i = 0; !bit_primed && i < BIT_WAIT; i++)
		;
	while (bit_primed && !bit_done) {
		uint32_t n = bit_nsamples;
		cmos_rtc_pulse(bit_rtc_b);
		while (bit_nsamples == n && !bit_done) /* the waiter has run by now */
			;
	}
	if (!bit_primed) { /* no RTC interrupt came: give up */
		bit_done = 1;
		bit_end();
	}
}

/* Create the two threads (after rt_init). */
static void bit_setup(void)
{
	rt_sem_init(&bit_sem, 0, 1);
	rt_thread_create(&bit_waiter, "waiter", 1, bit_waiter_entry, NULL, bit_stacks[0],
			 BIT_STACK);
	rt_thread_create(&bit_trigger, "trigger", 10, bit_trigger_entry, NULL, bit_stacks[1],
			 BIT_STACK);
}

#endif /* BH_COMMON_BENCH_IRQ_THREAD_H */
