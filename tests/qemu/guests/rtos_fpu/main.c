/*
 * Executive threads use x87 and SSE under preemption. Three threads of
 * equal priority share the processor in one-tick slices; each keeps its
 * own values in all eight XMM registers and the x87 stack and in MXCSR's
 * rounding mode while it spins (so the tick preempts it with them live, at
 * interrupt return), then checks every register. A floating-point sum that
 * each computes must come out exact too. Without the switch's FXSAVE and
 * FXRSTOR the threads see each other's registers.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define THREADS 3u
#define ROUNDS 12u
#define STACK 4096u
#define SPIN 600000u /* loop iterations: a few ticks */

static struct rt_thread th[THREADS], checker;
static uint8_t stacks[THREADS + 1][STACK] __attribute__((aligned(16)));
static volatile uint32_t done, preempted[THREADS], bad[THREADS];
static uint32_t xmm_in[THREADS][8][4] __attribute__((aligned(16)));

/* Load the thread's pattern into xmm0..7 and the x87 stack, spin, store. */
static uint32_t spin_with_registers(uint32_t id, uint32_t rounds_seen)
{
	uint32_t xmm_out[8][4] __attribute__((aligned(16)));
	uint32_t x87_out[8], x87_in = 1000u * (id + 1u), mx_in, mx_out;
	uint32_t before = th[id].runs, errors = 0;

	mx_in = 0x1F80u | ((id & 3u) << 13); /* a rounding mode per thread */
	__asm__ volatile("ldmxcsr %0" : : "m"(mx_in));
	__asm__ volatile("movdqa 0(%0), %%xmm0\n\tmovdqa 16(%0), %%xmm1\n\t"
			 "movdqa 32(%0), %%xmm2\n\tmovdqa 48(%0), %%xmm3\n\t"
			 "movdqa 64(%0), %%xmm4\n\tmovdqa 80(%0), %%xmm5\n\t"
			 "movdqa 96(%0), %%xmm6\n\tmovdqa 112(%0), %%xmm7"
			 : : "r"(xmm_in[id])); /* no SSE code generation here: nothing else uses them */
	__asm__ volatile("finit");
	for (uint32_t i = 0; i < 8; i++) {
		uint32_t v = x87_in + i;
		__asm__ volatile("fildl %0" : : "m"(v));
	}
	for (volatile uint32_t n = 0; n < SPIN; n++)
		;
	__asm__ volatile("movdqa %%xmm0, 0(%0)\n\tmovdqa %%xmm1, 16(%0)\n\t"
			 "movdqa %%xmm2, 32(%0)\n\tmovdqa %%xmm3, 48(%0)\n\t"
			 "movdqa %%xmm4, 64(%0)\n\tmovdqa %%xmm5, 80(%0)\n\t"
			 "movdqa %%xmm6, 96(%0)\n\tmovdqa %%xmm7, 112(%0)"
			 : : "r"(xmm_out) : "memory");
	for (uint32_t i = 0; i < 8; i++)
		__asm__ volatile("fistpl %0" : "=m"(x87_out[i]));
	__asm__ volatile("stmxcsr %0" : "=m"(mx_out));
	for (uint32_t r = 0; r < 8; r++)
		for (uint32_t w = 0; w < 4; w++)
			errors += xmm_out[r][w] != xmm_in[id][r][w];
	for (uint32_t i = 0; i < 8; i++) /* popped in reverse order */
		errors += x87_out[i] != x87_in + 7u - i;
	errors += (mx_out & 0xFFC0u) != (mx_in & 0xFFC0u);
	if (th[id].runs != before)
		preempted[id]++;
	(void)rounds_seen;
	return errors;
}

/* A sum whose exact value is known: sum of k/8 for k < 4096. */
static uint32_t fp_sum_ok(void)
{
	double s = 0.0;

	for (uint32_t k = 0; k < 4096u; k++)
		s += (double)k / 8.0;
	return s == 4096.0 * 4095.0 / 16.0;
}

static void worker(void *arg)
{
	uint32_t id = (uint32_t)(uintptr_t)arg;

	for (uint32_t r = 0; r < 8; r++)
		for (uint32_t w = 0; w < 4; w++)
			xmm_in[id][r][w] = 0x10000000u * (id + 1u) + 0x100u * r + w;
	for (uint32_t round = 0; round < ROUNDS; round++) {
		bad[id] += spin_with_registers(id, round);
		bad[id] += !fp_sum_ok();
	}
	done++;
	rt_thread_exit();
}

static void check(void *arg)
{
	(void)arg;
	while (done < THREADS)
		rt_delay(5);
	for (uint32_t i = 0; i < THREADS; i++) {
		BHT_CHECK(bad[i] == 0, "thread %u saw %u wrong registers or sums", i, bad[i]);
		BHT_CHECK(preempted[i] >= ROUNDS / 2, "thread %u preempted in only %u rounds", i,
			  preempted[i]);
	}
	bh_printf("%u threads x %u rounds, preempted with live x87/SSE state %u, %u, %u times\n",
		  THREADS, ROUNDS, preempted[0], preempted[1], preempted[2]);
	bht_finish(true);
	for (;;)
		rt_delay(1000);
}

int main(uint32_t cond, uint32_t id)
{
	struct rt_config cfg = { .slice_ticks = 1 };

	(void)cond;
	(void)id;
	bht_init("rtos_fpu");
	rt_init(&cfg);
	rt_thread_create(&checker, "checker", 1, check, NULL, stacks[THREADS], STACK);
	for (uint32_t i = 0; i < THREADS; i++)
		rt_thread_create(&th[i], "fpu", 10, worker, (void *)(uintptr_t)i, stacks[i], STACK);
	rt_start();
}
