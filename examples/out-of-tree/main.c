/*
 * An example partition built outside the Bulkhead tree with the SDK: a
 * periodic sensor thread feeds a queue, a consumer sums what it gets, and
 * after ten samples the consumer reports and ends the run (the partition
 * is privileged in system.cfg).
 */
#include <bulkhead/bh.h>
#include <rtos/rt.h>

#define SAMPLES 10u

RT_STACK(sensor_stack, 4096);
RT_STACK(consumer_stack, 4096);
static struct rt_thread sensor, consumer;
static struct rt_queue samples;
static uint32_t sample_buf[4];

static void sensor_entry(void *arg)
{
	uint64_t release = rt_ticks();

	(void)arg;
	for (uint32_t i = 1; i <= SAMPLES; i++) {
		rt_delay_until(&release, 5);
		uint32_t v = i * i;
		rt_queue_send(&samples, &v, RT_FOREVER);
	}
}

static void consumer_entry(void *arg)
{
	uint32_t sum = 0, v;

	(void)arg;
	for (uint32_t i = 0; i < SAMPLES; i++) {
		rt_queue_recv(&samples, &v, RT_FOREVER);
		sum += v;
		bh_printf("sample %u = %u at tick %llu\n", i + 1, v, rt_ticks());
	}
	bh_printf("sum of %u samples: %u\n", SAMPLES, sum);
	bh_module_halt(0);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bh_printf("out-of-tree example in partition %u, tick %u us\n", id,
		  bh_vstate->tick_period_ns / 1000);
	rt_init(NULL);
	rt_queue_init(&samples, sample_buf, sizeof(uint32_t), 4);
	rt_thread_create(&sensor, "sensor", 2, sensor_entry, NULL, sensor_stack,
			 sizeof(sensor_stack));
	rt_thread_create(&consumer, "consumer", 3, consumer_entry, NULL, consumer_stack,
			 sizeof(consumer_stack));
	rt_start();
}
