/*
 * The executive partition of the example system: a sampler thread
 * releases every 5 ticks and queues a reading, a filter averages them in
 * fours and wakes a logger, which prints. Once initialised, the partition
 * enters ARINC 653 normal mode (until then it stays in cold_start).
 */
#include <bulkhead/bh.h>
#include <rtos/rt.h>

#define PERIOD_TICKS 5u
#define BATCH 4u
#define REPORTS 3u

RT_STACK(sampler_stack, 2048);
RT_STACK(filter_stack, 2048);
RT_STACK(logger_stack, 2048);
static struct rt_thread sampler, filter, logger;
static struct rt_queue readings;
static uint32_t reading_buf[8];
static struct rt_sem batch_ready;
static volatile uint32_t average, batches;

static void sampler_entry(void *arg)
{
	uint64_t release = rt_ticks();
	uint32_t value = 100;

	(void)arg;
	for (;;) {
		rt_delay_until(&release, PERIOD_TICKS);
		value = value * 7u % 101u + 50u; /* a made-up sensor */
		rt_queue_send(&readings, &value, RT_FOREVER);
	}
}

static void filter_entry(void *arg)
{
	uint32_t sum = 0, n = 0, v;

	(void)arg;
	for (;;) {
		rt_queue_recv(&readings, &v, RT_FOREVER);
		sum += v;
		if (++n == BATCH) {
			average = sum / BATCH;
			batches++;
			sum = n = 0;
			rt_sem_post(&batch_ready);
		}
	}
}

static void logger_entry(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < REPORTS; i++) {
		for (uint32_t b = 0; b < 5u; b++)
			rt_sem_wait(&batch_ready, RT_FOREVER);
		bh_printf("tick %llu: batch %u, average %u\n", rt_ticks(), batches, average);
	}
	rt_report(); /* ticks, switches, interrupts, each thread's runs */
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	bh_printf("partition %u: executive with 3 threads, tick %u us\n", partition_id,
		  bh_vstate->tick_period_ns / 1000u);
	rt_init(NULL);
	rt_queue_init(&readings, reading_buf, sizeof(uint32_t), 8);
	rt_sem_init(&batch_ready, 0, 16);
	rt_thread_create(&sampler, "sampler", 2, sampler_entry, NULL, sampler_stack,
			 sizeof(sampler_stack));
	rt_thread_create(&filter, "filter", 3, filter_entry, NULL, filter_stack,
			 sizeof(filter_stack));
	rt_thread_create(&logger, "logger", 10, logger_entry, NULL, logger_stack,
			 sizeof(logger_stack));
	bh_set_mode(BH_MODE_NORMAL);
	rt_start();
}
