/*
 * Benchmark images only: the ring-0 baseline of the
 * cpu_throughput figure. x86_bench_init() installs gate 0x82; a partition
 * calls it to run the shared workload (common/bench_work.h) in ring 0 with
 * interrupts off, that is without the kernel's tick, and compares with the
 * same loop run in its own window. Each call is bounded by
 * BH_BENCH_WORK_MAX iterations, so the tick is late by at most that much.
 * A normal image has no such gate.
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bench_work.h>

extern char x86_bench_cpu_entry[];

uint64_t x86_bench_cpu_run(uint32_t seed, uint32_t iters);

/* Called by the gate (bench_cpu.S): checksum in the high half, ticks low. */
uint64_t x86_bench_cpu_run(uint32_t seed, uint32_t iters)
{
	if (iters > BH_BENCH_WORK_MAX)
		iters = BH_BENCH_WORK_MAX;
	uint64_t t0 = rdtsc();
	uint32_t sum = bh_bench_work(seed, iters);
	uint64_t t1 = rdtsc();
	return ((uint64_t)sum << 32) | (uint32_t)(t1 - t0);
}

void x86_bench_cpu_init(void)
{
	desc_set_gate(BH_BENCH_WORK_VECTOR, (uint32_t)x86_bench_cpu_entry, 3);
}
