/*
 * The CMOS real-time clock's periodic interrupt (IRQ 8), for test
 * partitions configured with `irq 8` and `ioport 0x70 2`: program a rate,
 * and acknowledge an interrupt by reading register C (until then the RTC
 * keeps its request line high and raises no new one).
 */
#ifndef BHRTC_H
#define BHRTC_H

#include <stdint.h>

#define BHRTC_LINE 8u
#define BHRTC_INDEX 0x70
#define BHRTC_DATA 0x71
#define BHRTC_REG_A 0x0A
#define BHRTC_REG_B 0x0B
#define BHRTC_REG_C 0x0C
#define BHRTC_A_DIV 0x20u   /* 32.768 kHz time base, oscillator running */
#define BHRTC_B_PIE 0x40u   /* periodic interrupt enable */
#define BHRTC_C_IRQF 0x80u  /* an enabled interrupt is requested */
#define BHRTC_C_PF 0x40u    /* periodic flag */

/* Rate code 3..15: 32768 >> (code - 1) Hz (3: 8192 Hz, 6: 1024 Hz). */
#define BHRTC_HZ(code) (32768u >> ((code) - 1u))

static inline void bhrtc_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t bhrtc_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint8_t bhrtc_read(uint8_t reg)
{
	bhrtc_outb(BHRTC_INDEX, reg);
	return bhrtc_inb(BHRTC_DATA);
}

static inline void bhrtc_write(uint8_t reg, uint8_t v)
{
	bhrtc_outb(BHRTC_INDEX, reg);
	bhrtc_outb(BHRTC_DATA, v);
}

/* Acknowledge: returns register C (IRQF and PF set for a periodic one). */
static inline uint8_t bhrtc_ack(void)
{
	return bhrtc_read(BHRTC_REG_C);
}

/* Start the periodic interrupt at rate `code`, or stop it with code 0. */
static inline void bhrtc_periodic(uint32_t code)
{
	uint8_t b = bhrtc_read(BHRTC_REG_B);

	bhrtc_write(BHRTC_REG_A, (uint8_t)(BHRTC_A_DIV | (code & 0x0Fu)));
	bhrtc_write(BHRTC_REG_B, (uint8_t)(code ? b | BHRTC_B_PIE : b & ~BHRTC_B_PIE));
	(void)bhrtc_ack();
}

#endif /* BHRTC_H */
