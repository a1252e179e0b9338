/*
 * Preemption by the virtual tick. Two threads of priority 10 spin forever
 * (no call into the executive at all) with a 2-tick round-robin slice; a
 * priority-1 thread sleeps with rt_delay(). Only the tick interrupt can
 * take the processor from a spinner, so the sampler waking on time proves
 * preemption at the tick's interrupt return. It checks that it wakes at
 * exactly its due tick (the window covers the whole frame), that the
 * spinners' counters stand still while it runs, that both spinners
 * progress (round robin), and that each switch to a spinner gave it about
 * one slice.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u
#define ROUNDS 40u

static struct rt_thread sampler, spin[2];
static uint8_t stacks[3][STACK] __attribute__((aligned(16)));
static volatile uint32_t count[2];

static void spinner(void *arg)
{
	volatile uint32_t *c = &count[(uintptr_t)arg];

	for (;;)
		(*c)++;
}

static void sample(uint32_t round, uint32_t d)
{
	uint64_t t0 = rt_ticks();

	rt_delay(d);
	uint64_t t1 = rt_ticks(), due = sampler.timer.due;
	uint32_t c0 = count[0], c1 = count[1];
	BHT_CHECK(due == t0 + d || due == t0 + d + 1, "round %u: due %llu after %llu + %u",
		  round, due, t0, d);
	BHT_CHECK(t1 == due, "round %u: woke at tick %llu, due %llu", round, t1, due);
	for (volatile uint32_t i = 0; i < 2000; i++) /* the spinners must not move now */
		;
	BHT_CHECK(count[0] == c0 && count[1] == c1, "round %u: a spinner ran meanwhile", round);
}

static void sampler_entry(void *arg)
{
	uint32_t last[2] = { 0, 0 }, moved[2] = { 0, 0 };

	(void)arg;
	rt_delay(2);
	for (uint32_t r = 0; r < ROUNDS; r++) {
		sample(r, 1 + r % 4);
		for (uint32_t k = 0; k < 2; k++) {
			moved[k] += count[k] != last[k];
			last[k] = count[k];
		}
	}
	struct rt_stats st;
	rt_stats_get(&st);
	bh_printf("spinners ran %u and %u times, moved in %u and %u of %u rounds; "
		  "%u switches, %llu ticks\n",
		  spin[0].runs, spin[1].runs, moved[0], moved[1], ROUNDS, st.switches, st.ticks);
	BHT_CHECK(moved[0] >= ROUNDS / 3 && moved[1] >= ROUNDS / 3,
		  "round robin: moved in %u and %u rounds", moved[0], moved[1]);
	/* a preempted spinner keeps the rest of its slice: both get equal turns */
	BHT_CHECK(spin[0].runs >= 10 && spin[0].runs + 3 >= spin[1].runs &&
			  spin[1].runs + 3 >= spin[0].runs,
		  "unfair round robin: runs %u and %u", spin[0].runs, spin[1].runs);
	BHT_CHECK(sampler.runs == ROUNDS + 2, "sampler ran %u times", sampler.runs);
	bht_finish(true);
	for (;;)
		rt_delay(1000);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_preempt");
	struct rt_config cfg = { .slice_ticks = 2 };
	rt_init(&cfg);
	if (!bh_vstate->tick_period_ns)
		bht_error("no virtual tick configured");
	rt_thread_create(&sampler, "sampler", 1, sampler_entry, NULL, stacks[0], STACK);
	rt_thread_create(&spin[0], "spin0", 10, spinner, (void *)0, stacks[1], STACK);
	rt_thread_create(&spin[1], "spin1", 10, spinner, (void *)1, stacks[2], STACK);
	rt_start();
}
