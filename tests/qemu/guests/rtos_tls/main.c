/*
 * Executive threads with __thread variables, across preemption by the tick
 * and across partition switches. The same image runs in two partitions
 * (tests/qemu/rtos_tls) at the same addresses, in alternating windows.
 * Each partition's eight workers share the processor in one-tick slices;
 * each thread's block holds an initialised word and an 8 KiB array (more
 * than a page: on the old flat gs, such a block below %gs:0 reached down
 * through the vCPU page). Every thread checks that it started from the
 * template (the word's initial value, the array zero), that its variables
 * lie in its own stack area, then fills them with values of its own,
 * spins so the tick and the window ends preempt it, and checks every word.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define THREADS 8u
#define ROUNDS 6u
#define WORDS 2048u
#define STACK 16384u
#define SPIN 200000u
#define SEED 0x5EED1234u

static __thread uint32_t seed = SEED;
static __thread uint32_t big[WORDS];

static struct rt_thread th[THREADS], checker;
static uint8_t stacks[THREADS + 1][STACK] __attribute__((aligned(16)));
static volatile uint32_t done, bad[THREADS], preempted[THREADS], misplaced;
static uint32_t tag;

static uint32_t value(uint32_t id, uint32_t round, uint32_t i)
{
	return tag ^ id << 20 ^ round << 16 ^ i * 2654435761u;
}

/* The thread's variables lie inside its stack area, none in the vCPU page. */
static bool in_own_stack(uint32_t id, const void *p, uint32_t size)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)stacks[id];

	return a >= lo && a + size <= lo + STACK;
}

/* Times the thread was switched to (read again after the spin). */
static uint32_t runs_of(uint32_t id)
{
	return *(volatile uint32_t *)&th[id].runs;
}

static uint32_t from_template(void)
{
	uint32_t wrong = seed != SEED;

	for (uint32_t i = 0; i < WORDS; i++)
		wrong += big[i] != 0;
	return wrong;
}

static void worker(void *arg)
{
	uint32_t id = (uint32_t)(uintptr_t)arg;

	bad[id] += from_template();
	if (!in_own_stack(id, big, sizeof(big)) || !in_own_stack(id, &seed, sizeof(seed)))
		misplaced++;
	for (uint32_t round = 0; round < ROUNDS; round++) {
		uint32_t before = runs_of(id);

		seed = value(id, round, WORDS);
		for (uint32_t i = 0; i < WORDS; i++)
			big[i] = value(id, round, i);
		for (volatile uint32_t n = 0; n < SPIN; n++)
			;
		bad[id] += seed != value(id, round, WORDS);
		for (uint32_t i = 0; i < WORDS; i++)
			bad[id] += big[i] != value(id, round, i);
		if (runs_of(id) != before)
			preempted[id]++;
	}
	done++;
	rt_thread_exit();
}

static void check(void *arg)
{
	struct bh_window_info w0, w1;
	uint32_t total_preempted = 0;

	(void)arg;
	bh_window_info(&w0);
	BHT_EQ(from_template(), 0);
	BHT_CHECK(in_own_stack(THREADS, big, sizeof(big)), "checker's block at %p", (void *)big);
	while (done < THREADS)
		rt_delay(5);
	bh_window_info(&w1);
	for (uint32_t i = 0; i < THREADS; i++) {
		BHT_CHECK(bad[i] == 0, "thread %u saw %u wrong __thread words", i, bad[i]);
		BHT_CHECK(preempted[i] >= ROUNDS / 2, "thread %u preempted in only %u rounds", i,
			  preempted[i]);
		total_preempted += preempted[i];
	}
	BHT_EQ(misplaced, 0);
	BHT_EQ(seed, SEED); /* the checker's own, untouched by the workers */
	BHT_CHECK(w1.window_seq - w0.window_seq >= 10, "only %u windows", w1.window_seq - w0.window_seq);
	bh_printf("%u threads x %u rounds of %u __thread words, exact; %u preempted rounds\n",
		  THREADS, ROUNDS, WORDS + 1u, total_preempted);
	bht_finish(false);
	for (;;)
		rt_delay(1000);
}

int main(uint32_t cond, uint32_t id)
{
	struct rt_config cfg = { .slice_ticks = 1 };

	(void)cond;
	tag = (id + 1u) << 28;
	bht_init("rtos_tls");
	rt_init(&cfg);
	rt_thread_create(&checker, "checker", 1, check, NULL, stacks[THREADS], STACK);
	for (uint32_t i = 0; i < THREADS; i++)
		rt_thread_create(&th[i], "tls", 10, worker, (void *)(uintptr_t)i, stacks[i], STACK);
	rt_start();
}
