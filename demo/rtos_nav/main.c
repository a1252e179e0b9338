/*
 * Demo partition "nav": the guest executive at 250 Hz recovering from a
 * fault. A producer sends readings every 2 ticks through a queue; a filter
 * thread processes them and, on a corrupt reading, divides by zero. The
 * health monitor propagates the divide error to the partition (config:
 * hm divide_error propagate); the executive's fault handler restarts just
 * that thread, which picks up where the queue is. A monitor counts batches
 * with a counting semaphore. Near the end of the run it prints its summary.
 */
#include <bulkhead/bh.h>
#include <rtos/rt.h>

#define REPORT_WINDOW 48u
#define STACK 4096u
#define BAD_READING 60u /* the reading that trips the filter */

RT_STACK(stk_producer, STACK);
RT_STACK(stk_filter, STACK);
RT_STACK(stk_monitor, STACK);
static struct rt_thread producer, filter, monitor;
static struct rt_queue readings;
static uint32_t reading_buf[8];
static struct rt_sem batches;
static volatile uint32_t produced, filtered, divisor;
static volatile uint32_t fault_eip, fault_trap;

static enum rt_fault_action on_fault(struct rt_thread *t, const struct rt_fault *f)
{
	fault_trap = f->trap;
	fault_eip = f->eip;
	return t == &filter ? RT_FAULT_RESTART : RT_FAULT_FATAL;
}

static void producer_entry(void *arg)
{
	uint64_t release = rt_ticks();

	(void)arg;
	for (;;) {
		rt_delay_until(&release, 2);
		uint32_t r = ++produced;
		rt_queue_send(&readings, &r, RT_FOREVER);
	}
}

static void filter_entry(void *arg)
{
	uint32_t r;

	(void)arg;
	if (filter.restarts)
		bh_printf("filter restarted after trap %u at %#x (restart %u): recovered\n",
			  fault_trap, fault_eip, filter.restarts);
	for (;;) {
		rt_queue_recv(&readings, &r, RT_FOREVER);
		divisor = (r == BAD_READING && !filter.restarts) ? 0u : 10u;
		volatile uint32_t scaled = (r * 1000u) / divisor; /* #DE on the bad one */
		(void)scaled;
		if (++filtered % 25 == 0)
			rt_sem_post(&batches);
	}
}

static void monitor_entry(void *arg)
{
	uint32_t n = 0;

	(void)arg;
	while (bh_vcpu->window_seq < REPORT_WINDOW) {
		if (rt_sem_wait(&batches, 5) == RT_OK && ++n % 2 == 0)
			bh_printf("t=%llu ticks: %u readings, %u filtered, %u batches\n", rt_ticks(),
				  produced, filtered, n);
	}
	bh_printf("summary after %u windows: %u readings produced, %u filtered\n",
		  bh_vcpu->window_seq, produced, filtered);
	rt_report();
	for (;;)
		rt_delay(1000);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bh_printf("partition %u: executive up, tick %u us\n", id, bh_vcpu->tick_period_ns / 1000);
	struct rt_config cfg = { .slice_ticks = 0, .on_fault = on_fault };
	rt_init(&cfg);
	rt_queue_init(&readings, reading_buf, sizeof(uint32_t), 8);
	rt_sem_init(&batches, 0, 100);
	rt_thread_create(&producer, "producer", 3, producer_entry, NULL, stk_producer, STACK);
	rt_thread_create(&filter, "filter", 5, filter_entry, NULL, stk_filter, STACK);
	rt_thread_create(&monitor, "monitor", 8, monitor_entry, NULL, stk_monitor, STACK);
	bh_set_mode(BH_MODE_NORMAL);
	rt_start();
}
