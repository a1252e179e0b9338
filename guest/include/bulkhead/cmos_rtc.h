/*
 * A minimal driver for the PC's CMOS real-time clock (MC146818), for a
 * partition that owns its line and ports (config: `irq 8`, `ioport 0x70 2`).
 * Until register C is read, the RTC keeps its request line up and raises no
 * new interrupt: a handler acknowledges with cmos_rtc_ack().
 * The periodic interrupt runs at 32768 >> (rate - 1) Hz for rate 3..15.
 *
 * Register C's flags are set whether or not their interrupt is enabled,
 * and enabling an interrupt whose flag is already set raises the line at
 * once: cmos_rtc_pulse() uses that to raise IRQ 8 at a known instruction
 * (benchmarks and tests of interrupt latency).
 */
#ifndef BULKHEAD_CMOS_RTC_H
#define BULKHEAD_CMOS_RTC_H

#include <bulkhead/io.h>
#include <stdint.h>

#define CMOS_RTC_LINE 8u
#define CMOS_RTC_INDEX 0x70u
#define CMOS_RTC_DATA 0x71u
#define CMOS_RTC_A 0x0Au
#define CMOS_RTC_B 0x0Bu
#define CMOS_RTC_C 0x0Cu
#define CMOS_RTC_A_DIV 0x20u /* 32.768 kHz time base, oscillator on */
#define CMOS_RTC_B_PIE 0x40u
#define CMOS_RTC_C_IRQF 0x80u
#define CMOS_RTC_C_PF 0x40u
#define CMOS_RTC_HZ(rate) (32768u >> ((rate) - 1u))

static inline uint8_t cmos_rtc_read(uint8_t reg)
{
	bh_outb(CMOS_RTC_INDEX, reg);
	return bh_inb(CMOS_RTC_DATA);
}

static inline void cmos_rtc_write(uint8_t reg, uint8_t v)
{
	bh_outb(CMOS_RTC_INDEX, reg);
	bh_outb(CMOS_RTC_DATA, v);
}

/* Periodic interrupt at rate 3..15, or off with rate 0. */
static inline void cmos_rtc_periodic(uint8_t rate)
{
	cmos_rtc_write(CMOS_RTC_A, (uint8_t)(CMOS_RTC_A_DIV | (rate & 0x0Fu)));
	uint8_t b = cmos_rtc_read(CMOS_RTC_B);
	cmos_rtc_write(CMOS_RTC_B, (uint8_t)(rate ? b | CMOS_RTC_B_PIE : b & ~CMOS_RTC_B_PIE));
}

/* Acknowledge: reading register C clears its flags and drops the line. */
static inline uint8_t cmos_rtc_ack(void)
{
	return cmos_rtc_read(CMOS_RTC_C);
}

/* With PF set and PIE clear: raise the line now (it stays up until reset). */
static inline void cmos_rtc_pulse(uint8_t b_without_pie)
{
	cmos_rtc_write(CMOS_RTC_B, (uint8_t)(b_without_pie | CMOS_RTC_B_PIE));
}

/* Drop the line but keep PF set, ready for the next pulse. */
static inline void cmos_rtc_pulse_reset(uint8_t b_without_pie)
{
	cmos_rtc_write(CMOS_RTC_B, b_without_pie);
}

#endif /* BULKHEAD_CMOS_RTC_H */
