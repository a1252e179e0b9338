/*
 * An ISR that wakes a higher-priority thread preempts at the interrupt's
 * return. The RTC's periodic interrupt (IRQ 8, owned by this partition)
 * posts a semaphore a priority-1 thread waits on, while a priority-10
 * thread spins incrementing a counter and never calls the executive. The
 * ISR notes the counter and the interrupted thread; the woken thread finds
 * the counter unchanged: the spinner did not run between the interrupt and
 * the switch, which happened at the upcall return, not at a later tick.
 */
#include <bhtest.h>
#include <bulkhead/cmos_rtc.h>
#include <rtos/rt.h>

#define STACK 4096u
#define WAKES 30u
#define RATE 6u /* 1024 Hz */

static struct rt_thread waiter, spinner;
static uint8_t stacks[2][STACK] __attribute__((aligned(16)));
static struct rt_sem irq_sem;
static volatile uint32_t spin, spin_at_isr, isr_runs, lost_posts, not_spinner;
static volatile uint64_t tick_at_isr;

static void rtc_isr(void *arg, uint32_t count)
{
	(void)arg;
	uint8_t c = cmos_rtc_ack();
	BHT_CHECK(count == 1 && (c & CMOS_RTC_C_PF), "count %u, register C %#x", count, c);
	BHT_CHECK(rt_in_isr(), "rt_in_isr() false in an ISR");
	isr_runs++;
	spin_at_isr = spin;
	tick_at_isr = rt_ticks();
	not_spinner += rt_self() != &spinner;
	if (rt_sem_post(&irq_sem) != RT_OK)
		lost_posts++;
}

static void spin_entry(void *arg)
{
	(void)arg;
	for (;;)
		spin++;
}

static void waiter_entry(void *arg)
{
	(void)arg;
	BHT_EQ(rt_isr_install(BH_VEC_IRQ(CMOS_RTC_LINE), rtc_isr, NULL), RT_OK);
	BHT_EQ(rt_isr_install(BH_VEC_IRQ(CMOS_RTC_LINE), rtc_isr, NULL), RT_EBUSY);
	BHT_EQ(rt_isr_install(BH_VEC_IRQ(3), rtc_isr, NULL), RT_EPERM); /* not ours */
	cmos_rtc_periodic(RATE);
	for (uint32_t i = 0; i < WAKES; i++) {
		BHT_EQ(rt_sem_wait(&irq_sem, 100), RT_OK);
		uint32_t s = spin;
		BHT_CHECK(s == spin_at_isr, "wake %u: spinner ran %u times after the ISR", i,
			  s - spin_at_isr);
		BHT_CHECK(rt_ticks() == tick_at_isr, "wake %u: a tick passed first", i);
	}
	cmos_rtc_periodic(0);
	BHT_EQ(rt_isr_remove(BH_VEC_IRQ(CMOS_RTC_LINE)), RT_OK);
	bh_printf("%u wakes by %u RTC interrupts, spinner at %u, %u lost posts, "
		  "%u ISRs not over the spinner\n",
		  WAKES, isr_runs, spin, lost_posts, not_spinner);
	BHT_EQ(lost_posts, 0);
	BHT_EQ(not_spinner, 0);
	BHT_CHECK(spin > 0, "the spinner never ran");
	bht_finish(true);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_isr");
	rt_init(NULL);
	rt_sem_init(&irq_sem, 0, 1);
	rt_thread_create(&waiter, "waiter", 1, waiter_entry, NULL, stacks[0], STACK);
	rt_thread_create(&spinner, "spinner", 10, spin_entry, NULL, stacks[1], STACK);
	rt_start();
}
