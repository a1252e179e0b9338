/*
 * Two executives never observe each other. The same image runs in two
 * partitions (tests/qemu/rtos_iso), linked at the same addresses, with
 * different tick rates. Each fills its memory with its own pattern, passes
 * tagged, numbered messages through a queue, has two round-robin threads
 * share a counter under a binary semaphore, and checks at the end: its
 * pattern intact, every message its own and in sequence, the counter
 * exact, and its clock equal to kernel time at its own tick rate: nothing
 * of the other partition's memory, messages, ticks or threads shows up.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u
#define WORDS 4096u
#define MSGS 2000u
#define INCS 20000u

struct msg {
	uint32_t tag, seq;
};

static uint32_t pattern[WORDS];
static struct rt_thread prod, cons, inc[2], check_t;
static uint8_t stacks[5][STACK] __attribute__((aligned(16)));
static struct rt_queue q;
static struct msg qbuf[8];
static struct rt_bsem lock;
static volatile uint32_t counter, received, bad_msgs, finished;
static uint32_t my_tag;

static uint32_t word(uint32_t i)
{
	return my_tag ^ (i * 2654435761u);
}

static void producer(void *arg)
{
	(void)arg;
	for (uint32_t s = 0; s < MSGS; s++) {
		struct msg m = { my_tag, s };
		rt_queue_send(&q, &m, RT_FOREVER);
	}
	finished++;
}

static void consumer(void *arg)
{
	(void)arg;
	for (uint32_t s = 0; s < MSGS; s++) {
		struct msg m;
		rt_queue_recv(&q, &m, RT_FOREVER);
		bad_msgs += m.tag != my_tag || m.seq != s;
		received++;
	}
	finished++;
}

static void incrementer(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < INCS; i++) {
		rt_bsem_take(&lock, RT_FOREVER);
		uint32_t c = counter;
		for (volatile uint32_t k = 0; k < 50; k++) /* widen the window */
			;
		counter = c + 1;
		rt_bsem_give(&lock);
	}
	finished++;
}

static void final_checks(void)
{
	/* The executive's clock first: a tick between the two reads then makes
	 * the kernel's time one tick ahead, which the check allows (read the
	 * other way round, it made the clock one ahead, which it does not). */
	uint64_t clock = rt_ticks();
	uint64_t per = bh_vstate->tick_period_ns, ns = bh_vstate->time_ns;

	for (uint32_t i = 0; i < WORDS; i++)
		if (pattern[i] != word(i)) {
			bht_fail(__FILE__, __LINE__, "word %u is %#x, not %#x", i, pattern[i], word(i));
			break;
		}
	BHT_EQ(received, MSGS);
	BHT_EQ(bad_msgs, 0);
	BHT_EQ(counter, 2 * INCS);
	BHT_CHECK(clock == ns / per || clock + 1 == ns / per,
		  "clock %llu ticks, kernel time says %llu at %llu ns per tick", clock, ns / per,
		  per);
	BHT_EQ(bh_vstate->partition_id, my_tag >> 24);
	uint32_t n = 0;
	for (struct rt_thread *t = rt_thread_next(NULL); t; t = rt_thread_next(t))
		n++;
	BHT_EQ(n, 5);
	bh_printf("partition %u: %u messages, counter %u, clock %llu ticks of %llu us\n",
		  my_tag >> 24, received, counter, clock, per / 1000);
}

static void checker(void *arg)
{
	(void)arg;
	while (finished < 4)
		rt_delay(1);
	final_checks();
	bht_finish(false);
	for (;;)
		rt_delay(1000);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	my_tag = (id << 24) | 0x00A5A5u;
	bht_init(id ? "rtos_iso_b" : "rtos_iso_a");
	for (uint32_t i = 0; i < WORDS; i++)
		pattern[i] = word(i);
	struct rt_config cfg = { .slice_ticks = 1 };
	rt_init(&cfg);
	rt_queue_init(&q, qbuf, sizeof(struct msg), 8);
	rt_bsem_init(&lock);
	rt_thread_create(&check_t, "check", 1, checker, NULL, stacks[0], STACK);
	rt_thread_create(&cons, "cons", 4, consumer, NULL, stacks[1], STACK);
	rt_thread_create(&prod, "prod", 5, producer, NULL, stacks[2], STACK);
	rt_thread_create(&inc[0], "inc0", 8, incrementer, NULL, stacks[3], STACK);
	rt_thread_create(&inc[1], "inc1", 8, incrementer, NULL, stacks[4], STACK);
	rt_start();
}
