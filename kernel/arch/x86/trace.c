/*
 * What the kernel trace needs of the PC: the time-stamp counter's rate,
 * measured against the PIT, and the debug console port 0xE9 (QEMU's
 * -debugcon) that the dump goes to.
 *
 * The measurement uses PIT channel 2 (the speaker's, gated through port
 * 0x61 with the speaker off), whose output reaches no interrupt line, so
 * the kernel's timer on channel 0 is not disturbed. It times 11932 PIT
 * clocks (10 ms) between two count changes, polling fast enough to see
 * every change. Built only into traced images (BH_TRACE).
 */
#if BH_TRACE

#include <arch/clock.h>
#include <arch/x86.h>
#include <bh/arch.h>
#include <trace_format.h>

#define PIT_HZ 1193182u
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61 /* bit 0: channel 2 gate, bit 1: speaker data */
#define CAL_CLOCKS 11932u

static uint32_t ch2_count(void)
{
	outb(PIT_CMD, 0x80); /* latch channel 2 */
	uint32_t lo = inb(PIT_CH2);
	return lo | (uint32_t)inb(PIT_CH2) << 8;
}

uint64_t arch_clock_hz(void)
{
	uint8_t port_b = inb(PORT_B);
	uint32_t c0, c, start;
	uint64_t t0, t1;

	outb(PORT_B, (uint8_t)((port_b & ~0x02u) | 0x01u));
	outb(PIT_CMD, 0xB0); /* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, 0xFF);
	outb(PIT_CH2, 0xFF);
	c0 = ch2_count();
	while ((start = ch2_count()) == c0)
		;
	t0 = arch_clock();
	while ((c = ch2_count()) > start - CAL_CLOCKS && c <= start)
		;
	t1 = arch_clock();
	outb(PORT_B, port_b);
	return (t1 - t0) * PIT_HZ / (start - c);
}

void arch_debug_write(const void *buf, size_t n)
{
	__asm__ volatile("cld; rep outsb"
			 : "+S"(buf), "+c"(n)
			 : "d"((uint16_t)BH_TRACE_PORT)
			 : "memory");
}

#endif /* BH_TRACE */
