/*
 * Port I/O from ring 3, for the ports the system configuration grants the
 * partition (`ioport`). Any other port raises a general-protection fault,
 * which the health monitor handles.
 */
#ifndef BULKHEAD_IO_H
#define BULKHEAD_IO_H

#include <stdint.h>

static inline void bh_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t bh_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif /* BULKHEAD_IO_H */
