/*
 * The fake architecture's cycle clock: a counter the tests set, advanced
 * by one at each read so that consecutive records are ordered.
 */
#ifndef ARCH_HOST_CLOCK_H
#define ARCH_HOST_CLOCK_H

#include <stdint.h>

extern uint64_t host_clock;

static inline uint64_t arch_clock(void)
{
	return host_clock++;
}

#endif /* ARCH_HOST_CLOCK_H */
