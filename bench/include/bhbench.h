/*
 * Helpers for benchmark partitions (bench/guests/bench_*): TSC stamps,
 * BENCH result lines, the partition's run mode, ending the run.
 *
 * Under QEMU -icount shift=0 the TSC counts guest instructions, so the
 * difference of two stamps minus the stamp overhead (measured in the same
 * run with the same stamp code) is an exact instruction count. Without
 * icount it is host time: only ratios of two measurements in one run mean
 * anything. See docs/benchmarks.md.
 *
 * Result lines, which bench/run.sh collects (the kernel prefixes them with
 * the partition's name):
 *   BENCH name=<id> value=<number> unit=<unit>
 *   BENCH-ERROR <what went wrong>      (the run counts as failed)
 */
#ifndef BHBENCH_H
#define BHBENCH_H

#include <bench_gate.h>
#include <bulkhead/bh.h>
#include <stdbool.h>

#define BHB_ERROR(...) bh_printf("BENCH-ERROR " __VA_ARGS__)

/* Low half of the TSC: enough for any difference below 2^32. */
static inline uint32_t bhb_tsc(void)
{
	uint32_t lo;

	__asm__ volatile("rdtsc" : "=a"(lo) : : "edx", "memory");
	return lo;
}

static inline void bhb_report(const char *name, uint32_t value, const char *unit)
{
	bh_printf("BENCH name=%s value=%u unit=%s\n", name, value, unit);
}

/* num/den with three decimals (both measured in the same run). */
static inline void bhb_report_ratio(const char *name, uint64_t num, uint64_t den)
{
	uint64_t milli = den ? (num * 1000u + den / 2u) / den : 0u;

	if (!den)
		BHB_ERROR("%s: zero denominator\n", name);
	bh_printf("BENCH name=%s value=%u.%03u unit=ratio\n", name, (uint32_t)(milli / 1000u),
		  (uint32_t)(milli % 1000u));
}

/* Sort v[0..n) in place (n is small) and return the median. */
static inline uint32_t bhb_median(uint32_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2u];
}

/*
 * Median of n samples of fn() (an instruction count under icount). The
 * samples should all be equal; a tick landing inside one sample would
 * change it, which the median ignores, but say so if it happened.
 */
static inline uint32_t bhb_median_of(const char *what, uint32_t (*fn)(void), uint32_t n)
{
	uint32_t v[16];

	if (n > 16u)
		n = 16u;
	for (uint32_t i = 0; i < n; i++)
		v[i] = fn();
	uint32_t m = bhb_median(v, n);
	if (v[0] != v[n - 1u])
		bh_printf("note: %s samples vary: min %u median %u max %u\n", what, v[0], m,
			  v[n - 1u]);
	return m;
}

/*
 * The kernel's entry probe stamp of line `line`'s last interrupt (gate 0x83,
 * benchmark images only): what an rdtsc at the first instruction of the
 * kernel's normal stub would have read.
 */
static inline uint64_t bhb_irq_entry_tsc(uint32_t line)
{
	uint32_t lo, hi;

	__asm__ volatile("int %2"
			 : "=a"(lo), "=d"(hi)
			 : "i"(BH_BENCH_GATE_VECTOR), "a"(BH_BENCH_OP_IRQ_TSC), "b"(line)
			 : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Record one arrival of each vector in w0 (0..31) and w1 (32..63), lines
 * excepted, as a kernel source would (gate 0x83). */
static inline void bhb_raise(uint32_t w0, uint32_t w1)
{
	uint32_t ret;

	__asm__ volatile("int %1"
			 : "=a"(ret)
			 : "i"(BH_BENCH_GATE_VECTOR), "a"(BH_BENCH_OP_RAISE), "b"(w0), "c"(w1)
			 : "memory");
	(void)ret;
}

/* Benchmark systems choose the mode by partition name: "..._tcg" is timing. */
static inline bool bhb_tcg_mode(void)
{
	struct bh_partition_status st;
	uint32_t n = 0;

	if (bh_partition_status(BH_SELF, &st) != BH_OK)
		return false;
	while (n < BH_NAME_MAX && st.name[n])
		n++;
	return n >= 4 && st.name[n - 4] == '_' && st.name[n - 3] == 't' &&
	       st.name[n - 2] == 'c' && st.name[n - 1] == 'g';
}

/* The processor has sysenter (the kernel sets it up under `bench`). */
static inline bool bhb_has_sysenter(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (d & (1u << 11)) != 0;
}

/* End the run (the partition must be `privileged`). */
__attribute__((noreturn)) static inline void bhb_end(void)
{
	bh_module_halt(0);
	bh_exit();
}

#endif /* BHBENCH_H */
