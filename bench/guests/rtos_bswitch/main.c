/*
 * guest_thread_switch (bench/rtos_thread, under icount): two executive
 * threads of equal priority hand the processor to each other with
 * rt_yield(). A sample runs from a TSC stamp just before one thread's
 * rt_yield() to a stamp right after the other thread's rt_yield() returns:
 * the whole call, the critical section, the scheduler's decision and the
 * register switch. The stamp pair's own cost (measured here too) is taken
 * off; the figure is the median of the samples.
 */
#include <bhbench.h>
#include <rtos/rt.h>

/* bench/guests/rtos_bswitch_fpu builds this file with BSWITCH_FPU set:
 * each thread loads x87 and SSE registers before its first switch. */
#ifndef BSWITCH_FPU
#define BSWITCH_NAME "guest_thread_switch"
#else
#define BSWITCH_NAME "guest_thread_switch_fpu"
#endif

#define STACK 4096u
#define SAMPLES 15u

static struct rt_thread ta, tb;
static uint8_t stacks[2][STACK] __attribute__((aligned(16)));
static volatile uint32_t before, nsamples;
static uint32_t samples[SAMPLES + 1];

static uint32_t stamp_pair(void)
{
	uint32_t a = bhb_tsc();
	uint32_t b = bhb_tsc();

	return b - a;
}

static void report(void)
{
	uint32_t stamp = bhb_median_of("stamp pair", stamp_pair, 7);
	uint32_t m = bhb_median(samples, SAMPLES);

	bh_printf("thread switch samples: min %u median %u max %u (stamp pair %u)\n",
		  samples[0] - stamp, m - stamp, samples[SAMPLES - 1] - stamp, stamp);
	bhb_report(BSWITCH_NAME, m - stamp, "insn");
	bhb_end();
}

static void pingpong(void *arg)
{
	(void)arg;
#ifdef BSWITCH_FPU
	__asm__ volatile("fldpi\n\tfld1\n\tpcmpeqd %%xmm0, %%xmm0" : : : "memory");
#endif
	for (;;) {
		before = bhb_tsc();
		rt_yield();
		uint32_t after = bhb_tsc();
		if (nsamples < SAMPLES)
			samples[nsamples] = after - before;
		if (++nsamples == SAMPLES)
			report();
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	rt_init(NULL);
	nsamples = 0;
	rt_thread_create(&ta, "a", 5, pingpong, NULL, stacks[0], STACK);
	rt_thread_create(&tb, "b", 5, pingpong, NULL, stacks[1], STACK);
	rt_start();
}
