/*
 * In-QEMU test partitions, in the style of the Xen Test Framework: each
 * test checks what the guest observed and prints exactly one result line,
 *
 *   RESULT <name> SUCCESS
 *   RESULT <name> FAILURE <first failed check>
 *   RESULT <name> ERROR <the test or its environment is broken>
 *   RESULT <name> SKIP <why>
 *
 * which the kernel prefixes with the partition name and tests/qemu/run.sh
 * collects. Checks record failures and carry on; bht_finish() reports.
 */
#ifndef BHTEST_H
#define BHTEST_H

#include <bulkhead/bh.h>
#include <stdbool.h>

void bht_init(const char *name);

/* Record a failure (printed in full, the first few of them). */
void bht_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define BHT_CHECK(cond, ...)                                   \
	do {                                                   \
		if (!(cond))                                   \
			bht_fail(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

#define BHT_EQ(got, want)                                                          \
	do {                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);         \
		if (g_ != w_)                                                      \
			bht_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #got, \
				 g_, w_);                                          \
	} while (0)

unsigned bht_failures(void);

/* Print the result line. halt: end the whole run (privileged partitions). */
void bht_finish(bool halt);
__attribute__((noreturn)) void bht_finish_and_stop(bool halt);
__attribute__((noreturn)) void bht_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void bht_skip(const char *why);

/* Spin until this partition's window sequence number changes. */
uint32_t bht_wait_next_window(void);

/* Read the cycle counter (guest instructions under QEMU -icount). */
static inline uint64_t bht_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif /* BHTEST_H */
