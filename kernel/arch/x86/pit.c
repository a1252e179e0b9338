/*
 * The 8254 programmable interval timer, channel 0, as the kernel's periodic
 * tick. Its input clock is 1193182 Hz, so the real period is the divisor
 * times 1e9/1193182 ns; the core keeps time with that exact fraction.
 */
#include <arch/x86.h>
#include <bh/arch.h>

#define PIT_HZ 1193182u
#define PIT_CH0 0x40
#define PIT_CMD 0x43

static uint32_t divisor;

void arch_timer_start(uint32_t tick_us)
{
	uint64_t d = ((uint64_t)tick_us * PIT_HZ + 500000u) / 1000000u;

	if (d < 2)
		d = 2;
	if (d > 65535)
		d = 65535;
	divisor = (uint32_t)d;
	outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2 (rate generator) */
	outb(PIT_CH0, (uint8_t)divisor);
	outb(PIT_CH0, (uint8_t)(divisor >> 8));
	arch_irq_unmask(0);
}

void arch_timer_period(uint32_t *clocks, uint32_t *hz)
{
	*clocks = divisor;
	*hz = PIT_HZ;
}

uint32_t arch_timer_elapsed_ns(void)
{
	outb(PIT_CMD, 0x00); /* latch channel 0 */
	uint32_t lo = inb(PIT_CH0);
	uint32_t count = lo | ((uint32_t)inb(PIT_CH0) << 8);

	if (count == 0 || count > divisor)
		return 0;
	/* One divl, not a 64-bit division call: the quotient is below
	 * 65536 * 839 and fits 32 bits. */
	uint64_t n = (uint64_t)(divisor - count) * 1000000000u;
	uint32_t q, r;
	__asm__("divl %4" : "=a"(q), "=d"(r) : "a"((uint32_t)n), "d"((uint32_t)(n >> 32)), "rm"(PIT_HZ));
	(void)r;
	return q;
}
