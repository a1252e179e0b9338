/*
 * Demo partition "nav": the guest executive at 250 Hz recovering from a
 * fault, and talking to the others through ARINC 653 ports. A producer
 * sends readings every 2 ticks through a queue; a filter thread smooths
 * them, publishes the estimate on the sampling port `estimate` (read by
 * control) and, on a corrupt reading, divides by zero. The health monitor
 * propagates the divide error to the partition (config: hm divide_error
 * propagate); the executive's fault handler restarts just that thread,
 * which picks up where the queue is. A command thread waits on the queuing
 * port `commands` (woken by its arrival interrupt) and applies control's
 * gain settings. A monitor thread counts batches with a counting semaphore
 * and reports to the monitor partition over `status`. Near the end of the
 * run it prints its summary.
 */
#include <bulkhead/apex.h>
#include <bulkhead/bh.h>
#include <demo_msgs.h>
#include <rtos/rt.h>

#define REPORT_WINDOW 48u
#define STACK 4096u
#define BAD_READING 60u /* the reading that trips the filter */

RT_STACK(stk_producer, STACK);
RT_STACK(stk_filter, STACK);
RT_STACK(stk_command, STACK);
RT_STACK(stk_monitor, STACK);
static struct rt_thread producer, filter, command, monitor;
static struct rt_queue readings;
static uint32_t reading_buf[8];
static struct rt_sem batches;
static volatile uint32_t produced, filtered, divisor, commands, gain = 8, estimate;
static volatile uint32_t fault_eip, fault_trap;
static SAMPLING_PORT_ID_TYPE estimate_port;
static QUEUING_PORT_ID_TYPE command_port, status_port;

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

/* Smooth the reading into the estimate and publish it. */
static void publish(uint32_t r)
{
	RETURN_CODE_TYPE rc;

	estimate = (estimate * (16u - gain) + r * 1000u * gain) / 16u;
	struct demo_estimate e = { filtered, r, estimate, gain };
	WRITE_SAMPLING_MESSAGE(estimate_port, (MESSAGE_ADDR_TYPE)&e, sizeof(e), &rc);
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
		publish(r);
		if (++filtered % 25 == 0)
			rt_sem_post(&batches);
	}
}

static void command_entry(void *arg)
{
	struct demo_command c;
	MESSAGE_SIZE_TYPE len;
	RETURN_CODE_TYPE rc;

	(void)arg;
	for (;;) {
		RECEIVE_QUEUING_MESSAGE(command_port, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)&c,
					&len, &rc);
		if (rc == NO_ERROR && len == sizeof(c) && c.gain >= 1 && c.gain <= 16) {
			gain = c.gain;
			commands++;
		}
	}
}

static void report(uint32_t n)
{
	struct demo_status s = { (uint32_t)rt_ticks() * 4u, { produced, filtered, n, commands, gain } };
	RETURN_CODE_TYPE rc;

	SEND_QUEUING_MESSAGE(status_port, (MESSAGE_ADDR_TYPE)&s, sizeof(s), 0, &rc);
}

static void monitor_entry(void *arg)
{
	uint32_t n = 0;

	(void)arg;
	while (bh_vstate->window_seq < REPORT_WINDOW) {
		if (rt_sem_wait(&batches, 5) == RT_OK && ++n % 2 == 0) {
			bh_printf("t=%llu ticks: %u readings, %u filtered, %u batches, gain %u/16\n",
				  rt_ticks(), produced, filtered, n, gain);
			report(n);
		}
	}
	bh_printf("summary after %u windows: %u readings produced, %u filtered, %u commands\n",
		  bh_vstate->window_seq, produced, filtered, commands);
	rt_report();
	for (;;)
		rt_delay(1000);
}

static void create_ports(void)
{
	RETURN_CODE_TYPE rc;

	CREATE_SAMPLING_PORT("estimate", sizeof(struct demo_estimate), SOURCE, 0, &estimate_port,
			     &rc);
	if (rc == NO_ERROR)
		CREATE_QUEUING_PORT("commands", sizeof(struct demo_command), 4, DESTINATION, FIFO,
				    &command_port, &rc);
	if (rc == NO_ERROR)
		CREATE_QUEUING_PORT("status", sizeof(struct demo_status), 2, SOURCE, FIFO,
				    &status_port, &rc);
	if (rc != NO_ERROR)
		bh_printf("cannot create the ports (%d)\n", (int)rc);
}

int main(uint32_t cond, uint32_t id)
{
	RETURN_CODE_TYPE rc;

	(void)cond;
	bh_printf("partition %u: executive up, tick %u us\n", id, bh_vstate->tick_period_ns / 1000);
	struct rt_config cfg = { .slice_ticks = 0, .on_fault = on_fault };
	rt_init(&cfg);
	create_ports();
	rt_queue_init(&readings, reading_buf, sizeof(uint32_t), 8);
	rt_sem_init(&batches, 0, 100);
	rt_thread_create(&producer, "producer", 3, producer_entry, NULL, stk_producer, STACK);
	rt_thread_create(&command, "command", 4, command_entry, NULL, stk_command, STACK);
	rt_thread_create(&filter, "filter", 5, filter_entry, NULL, stk_filter, STACK);
	rt_thread_create(&monitor, "monitor", 8, monitor_entry, NULL, stk_monitor, STACK);
	SET_PARTITION_MODE(NORMAL, &rc);
	rt_start();
}
