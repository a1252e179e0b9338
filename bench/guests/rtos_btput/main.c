/*
 * cpu_throughput (bench/rtos_tput, under icount): a CPU-bound loop
 * (common/bench_work.h) run by an executive thread in a partition that has
 * the whole major frame, with the kernel's 1 ms tick and the executive's
 * own 1000 Hz virtual tick interrupting it, against the same loop run in
 * ring 0 with interrupts off (gate 0x82, benchmark boots only), in the same
 * boot.
 *
 * Under icount the TSC counts instructions, so both sides are exact: the
 * ring-0 chunk gives the loop's own instruction count for CHUNK iterations
 * (the gate cannot run longer with interrupts off); the partition runs
 * CHUNKS times that many iterations across RUN_TICKS-odd kernel ticks, and
 * everything else that executes meanwhile (the kernel's tick, the virtual
 * tick's delivery, the executive's tick handling, the return) shows up in
 * its TSC difference. cpu_throughput = ring-0 instructions for the same
 * work / partition instructions (1 = no loss), to five decimals.
 */
#include <bench_work.h>
#include <bhbench.h>
#include <rtos/rt.h>

#define STACK 4096u
#define CHUNK 65536u  /* iterations per ring-0 call */
#define CHUNKS 256u   /* partition run: CHUNKS * CHUNK iterations, ~200 ticks */

static struct rt_thread worker;
static uint8_t stack[STACK] __attribute__((aligned(16)));

/* The ring-0 run: eax = TSC ticks, edx = checksum. */
static uint32_t native_chunk(uint32_t seed, uint32_t *sum)
{
	uint32_t ticks, s;

	__asm__ volatile("int %3"
			 : "=a"(ticks), "=d"(s)
			 : "a"(seed), "i"(BH_BENCH_WORK_VECTOR), "b"(CHUNK)
			 : "memory");
	*sum = s;
	return ticks;
}

static void worker_entry(void *arg)
{
	uint32_t s_native = 0, s_part = 0, s;
	uint64_t native = 0;
	struct rt_stats st0, st1;

	(void)arg;
	for (uint32_t c = 0; c < CHUNKS; c++) {
		native += native_chunk(c * 977u, &s);
		s_native += s;
	}
	rt_stats_get(&st0);
	uint64_t t0 = bh_time_ns();
	uint32_t lo0 = bhb_tsc();
	for (uint32_t c = 0; c < CHUNKS; c++)
		s_part += bh_bench_work(c * 977u, CHUNK);
	uint32_t lo1 = bhb_tsc();
	uint64_t t1 = bh_time_ns();
	rt_stats_get(&st1);
	uint64_t part = lo1 - lo0; /* < 2^32: about 2e8 instructions */
	if (s_native != s_part)
		BHB_ERROR("checksums differ: ring 0 %#x, partition %#x\n", s_native, s_part);
	bh_printf("cpu throughput: %u x %u iterations, ring 0 %llu insn, partition %llu insn, "
		  "%llu ns, %llu tick upcalls\n",
		  CHUNKS, CHUNK, (unsigned long long)native, (unsigned long long)part,
		  (unsigned long long)(t1 - t0),
		  (unsigned long long)(st1.tick_interrupts - st0.tick_interrupts));
	if (st1.tick_interrupts - st0.tick_interrupts < 100u)
		BHB_ERROR("only %u virtual ticks during the run\n",
			  (uint32_t)(st1.tick_interrupts - st0.tick_interrupts));
	uint64_t r = part ? (native * 100000u + part / 2u) / part : 0;
	bh_printf("BENCH name=cpu_throughput value=%u.%05u unit=ratio\n", (uint32_t)(r / 100000u),
		  (uint32_t)(r % 100000u));
	bhb_end();
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	rt_init(NULL);
	rt_thread_create(&worker, "worker", 5, worker_entry, NULL, stack, STACK);
	rt_start();
}
