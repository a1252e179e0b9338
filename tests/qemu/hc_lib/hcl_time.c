/* Kernel tick arithmetic for the hc_* tests (see hcl.h). */
#include "hcl.h"

#define PIT_HZ 1193182u
#define DIVISOR_1MS 1193u /* round(1000 us * PIT_HZ / 1e6) */

uint64_t hcl_tick_ns(uint64_t ticks)
{
	uint64_t cyc = ticks * DIVISOR_1MS;

	return (cyc / PIT_HZ) * 1000000000u + ((cyc % PIT_HZ) * 1000000000u) / PIT_HZ;
}
