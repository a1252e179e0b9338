/*
 * The processor's cycle clock, for the kernel trace's timestamps: the
 * time-stamp counter. Under QEMU's -icount it counts instructions.
 */
#ifndef ARCH_X86_CLOCK_H
#define ARCH_X86_CLOCK_H

#include <stdint.h>

static inline __attribute__((always_inline)) uint64_t arch_clock(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif /* ARCH_X86_CLOCK_H */
