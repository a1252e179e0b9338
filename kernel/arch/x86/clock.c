/*
 * The partitions' trap-free clock (ABI struct bh_vclock): the TSC, and its
 * period measured at boot against the PIT, which already runs as the
 * kernel tick (mode 2, counting down from the divisor and reloading).
 * Under -icount the TSC counts instructions as ns and the PIT runs on the
 * same virtual clock, so the measured rate is 1 GHz to a few parts per
 * million (the polling loop's granularity over CALIBRATE_WRAPS periods).
 */
#include <arch/x86.h>
#include <bh/arch.h>

#define CALIBRATE_WRAPS 10u

static uint64_t tsc_hz; /* the measured rate (the UART emulation uses it) */

static uint32_t pit_count(void)
{
	outb(0x43, 0x00); /* latch channel 0 */
	uint32_t lo = inb(0x40);
	return lo | ((uint32_t)inb(0x40) << 8);
}

/* Spin until the counter reloads (it counts down, then jumps up). */
static void wait_reload(void)
{
	uint32_t prev = pit_count(), c;

	for (;;) {
		c = pit_count();
		if (c > prev)
			return;
		prev = c;
	}
}

uint64_t arch_clock_counter(void)
{
	return rdtsc();
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

void arch_clock_calibrate(uint32_t *mult, uint32_t *shift)
{
	uint32_t clocks, pit_hz, s = 32;
	uint64_t t0, t1, hz, m;

	arch_timer_period(&clocks, &pit_hz);
	wait_reload();
	t0 = rdtsc();
	for (uint32_t i = 0; i < CALIBRATE_WRAPS; i++)
		wait_reload();
	t1 = rdtsc();
	hz = (t1 - t0) * pit_hz / ((uint64_t)CALIBRATE_WRAPS * clocks);
	tsc_hz = hz;
	*mult = 0;
	*shift = 0;
	if (!hz)
		return;
	/* The largest shift whose multiplier still fits 32 bits. */
	do
		m = (1000000000ull << s) / hz;
	while (m >> 32 && s--);
	*mult = (uint32_t)m;
	*shift = s;
}
