/*
 * Demo partition "control": the guest executive driving a small control
 * loop from a real device. It owns the CMOS RTC (IRQ 8): the RTC's 256 Hz
 * periodic interrupt runs an ISR that sends a timestamped sample to a
 * message queue; a sampler thread folds samples into shared state under a
 * binary semaphore (priority inheritance); a controller runs every 5 ticks
 * of its 1000 Hz clock, reads nav's estimate from the sampling port
 * `estimate` (counting stale ones: older than the 12 ms refresh period)
 * and every 40th cycle sends nav a new filter gain over the queuing port
 * `commands`; a logger reports every 200 ms, here and to the monitor
 * partition over `status`; two workers share the rest in round robin.
 * Near the end of the run it prints its summary.
 */
#include <bulkhead/apex.h>
#include <bulkhead/bh.h>
#include <bulkhead/cmos_rtc.h>
#include <demo_msgs.h>
#include <rtos/rt.h>

#define RTC_RATE 8u /* 256 Hz */
#define REPORT_WINDOW 48u
#define STACK 4096u

struct sample {
	uint32_t seq;
	uint64_t tick;
};

RT_STACK(stk_sampler, STACK);
RT_STACK(stk_control, STACK);
RT_STACK(stk_logger, STACK);
RT_STACK(stk_work0, STACK);
RT_STACK(stk_work1, STACK);
static struct rt_thread sampler, control, logger, work[2];
static struct rt_queue samples;
static struct sample sample_buf[16];
static struct rt_bsem state_lock;
static volatile uint32_t rtc_irqs, dropped, work_done[2];
static uint32_t seen, cycles, last_seq;
static SAMPLING_PORT_ID_TYPE estimate_port;
static QUEUING_PORT_ID_TYPE command_port, status_port;
/* Estimate reads: valid, stale (invalid), none yet; commands sent, refused. */
static uint32_t est_valid, est_stale, est_none, last_estimate, cmd_sent, cmd_full;

static void rtc_isr(void *arg, uint32_t count)
{
	(void)arg;
	cmos_rtc_ack();
	rtc_irqs += count;
	struct sample s = { rtc_irqs, rt_ticks() };
	if (rt_queue_send(&samples, &s, RT_NOWAIT) != RT_OK)
		dropped++;
}

static void sampler_entry(void *arg)
{
	struct sample s;

	(void)arg;
	for (;;) {
		rt_queue_recv(&samples, &s, RT_FOREVER);
		rt_bsem_take(&state_lock, RT_FOREVER);
		seen++;
		last_seq = s.seq;
		rt_bsem_give(&state_lock);
	}
}

/* The estimate nav published last, if it is fresh enough to act on. */
static void read_estimate(void)
{
	struct demo_estimate e;
	MESSAGE_SIZE_TYPE len;
	VALIDITY_TYPE v;
	RETURN_CODE_TYPE rc;

	READ_SAMPLING_MESSAGE(estimate_port, (MESSAGE_ADDR_TYPE)&e, &len, &v, &rc);
	if (rc != NO_ERROR) {
		est_none++;
	} else if (v == VALID) {
		est_valid++;
		last_estimate = e.value;
	} else {
		est_stale++;
	}
}

/* Every 40th cycle: a new gain for nav's filter, never waiting for room. */
static void command(void)
{
	struct demo_command c = { cmd_sent + 1, 4u + (cmd_sent % 3u) * 4u };
	RETURN_CODE_TYPE rc;

	SEND_QUEUING_MESSAGE(command_port, (MESSAGE_ADDR_TYPE)&c, sizeof(c), 0, &rc);
	if (rc == NO_ERROR)
		cmd_sent++;
	else
		cmd_full++;
}

static void control_entry(void *arg)
{
	uint64_t release = rt_ticks();

	(void)arg;
	for (;;) {
		rt_delay_until(&release, 5);
		rt_bsem_take(&state_lock, RT_FOREVER);
		cycles++;
		read_estimate();
		if (cycles % 40 == 0)
			command();
		rt_bsem_give(&state_lock);
	}
}

static void report(void)
{
	struct demo_status s = { (uint32_t)rt_ticks(),
				 { seen, cycles, est_valid, est_stale, cmd_sent, cmd_full } };
	RETURN_CODE_TYPE rc;

	SEND_QUEUING_MESSAGE(status_port, (MESSAGE_ADDR_TYPE)&s, sizeof(s), 0, &rc);
}

static void worker_entry(void *arg)
{
	volatile uint32_t *n = &work_done[(uintptr_t)arg];

	for (;;)
		(*n)++;
}

static void logger_entry(void *arg)
{
	(void)arg;
	for (uint32_t n = 1; bh_vstate->window_seq < REPORT_WINDOW; n++) {
		rt_delay(10);
		if (n % 10)
			continue;
		rt_bsem_take(&state_lock, RT_FOREVER);
		bh_printf("t=%llu ms: %u RTC samples (last #%u, %u dropped), %u control cycles, "
			  "estimate %u.%03u (%u valid, %u stale reads)\n",
			  rt_ticks(), seen, last_seq, dropped, cycles, last_estimate / 1000,
			  last_estimate % 1000, est_valid, est_stale);
		report();
		rt_bsem_give(&state_lock);
	}
	cmos_rtc_periodic(0);
	bh_printf("summary after %u windows: RTC line 8 raised %u interrupts\n",
		  bh_vstate->window_seq, rtc_irqs);
	bh_printf("estimate reads: %u valid, %u stale, %u before the first; "
		  "%u commands sent, %u refused\n",
		  est_valid, est_stale, est_none, cmd_sent, cmd_full);
	rt_report();
	for (;;)
		rt_delay(1000);
}

static void create_ports(void)
{
	RETURN_CODE_TYPE rc;

	CREATE_SAMPLING_PORT("estimate", sizeof(struct demo_estimate), DESTINATION, 12000000,
			     &estimate_port, &rc);
	if (rc == NO_ERROR)
		CREATE_QUEUING_PORT("commands", sizeof(struct demo_command), 4, SOURCE, FIFO,
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
	bh_printf("partition %u: executive up, tick %u us, owning the RTC (IRQ 8)\n", id,
		  bh_vstate->tick_period_ns / 1000);
	struct rt_config cfg = { .slice_ticks = 2 };
	rt_init(&cfg);
	create_ports();
	rt_queue_init(&samples, sample_buf, sizeof(struct sample), 16);
	rt_bsem_init(&state_lock);
	rt_thread_create(&sampler, "sampler", 2, sampler_entry, NULL, stk_sampler, STACK);
	rt_thread_create(&control, "control", 4, control_entry, NULL, stk_control, STACK);
	rt_thread_create(&logger, "logger", 10, logger_entry, NULL, stk_logger, STACK);
	rt_thread_create(&work[0], "worker0", 20, worker_entry, (void *)0, stk_work0, STACK);
	rt_thread_create(&work[1], "worker1", 20, worker_entry, (void *)1, stk_work1, STACK);
	if (rt_isr_install(BH_VEC_IRQ(CMOS_RTC_LINE), rtc_isr, NULL) != RT_OK)
		bh_printf("cannot bind the RTC line\n");
	cmos_rtc_periodic(RTC_RATE);
	SET_PARTITION_MODE(NORMAL, &rc);
	rt_start();
}
