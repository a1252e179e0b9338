/*
 * The CPU-bound workload of the cpu_throughput benchmark, shared by the
 * kernel (which runs it in ring 0 through a bench-only gate, interrupts
 * off: kernel/arch/x86/bench_cpu.c) and the benchmark partition (which runs
 * it in ring 3 under its executive: bench/guests/rtos_btput). The loop is
 * fixed assembly in fixed registers, so both sides execute the same
 * instructions: 12 per iteration, registers only.
 *
 * The gate (with `bench` on the kernel command line only): `int $0x82` with
 * eax = seed, ebx = iterations (at most BH_BENCH_WORK_MAX) returns eax =
 * TSC ticks the ring-0 loop took and edx = its checksum.
 */
#ifndef BH_COMMON_BENCH_WORK_H
#define BH_COMMON_BENCH_WORK_H

#include <stdint.h>

#define BH_BENCH_WORK_VECTOR 0x82u
#define BH_BENCH_WORK_MAX (1u << 16) /* bounds the time the gate keeps interrupts off */

/* xorshift32 steps, summed: a checksum both sides must agree on. */
static inline uint32_t bh_bench_work(uint32_t seed, uint32_t iters)
{
	uint32_t x = seed | 1u, acc = 0, tmp;

	if (!iters)
		return 0;
	__asm__ volatile("1:\n\t"
			 "movl %%eax, %%edx\n\t"
			 "shll $13, %%edx\n\t"
			 "xorl %%edx, %%eax\n\t"
			 "movl %%eax, %%edx\n\t"
			 "shrl $17, %%edx\n\t"
			 "xorl %%edx, %%eax\n\t"
			 "movl %%eax, %%edx\n\t"
			 "shll $5, %%edx\n\t"
			 "xorl %%edx, %%eax\n\t"
			 "addl %%eax, %%esi\n\t"
			 "decl %%ecx\n\t"
			 "jnz 1b"
			 : "+a"(x), "+c"(iters), "=&d"(tmp), "+S"(acc)
			 :
			 : "cc");
	return acc;
}

#endif /* BH_COMMON_BENCH_WORK_H */
