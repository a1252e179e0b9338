/*
 * What the kernel keeps for itself, in one table: the interrupt lines it
 * drives, the I/O ports no partition may be given, and the physical range
 * in which partition memory may lie. The configuration compiler (bhcfg,
 * which names the offending configuration line) and the kernel's boot check
 * (cfg_check.c) both use it; it is built into both from
 * kernel/core/resources.c.
 *
 * Why each port range is the kernel's: the interrupt controllers and the
 * timer are how the kernel keeps time and isolation; the DMA controllers
 * can write any physical memory; the keyboard controller, port 0x92 and
 * 0xCF9 reset the machine; PCI configuration reprograms devices; COM1 is
 * the kernel's console, 0xE9 its debug console and 0xF4 QEMU's exit port.
 */
#ifndef BH_RESOURCES_H
#define BH_RESOURCES_H

#include <stdbool.h>
#include <stdint.h>

/* X(first, last, what): inclusive, sorted, disjoint. */
#define BH_RES_PORTS(X)                                                   \
	X(0x0000, 0x001F, "ISA DMA controller 1")                         \
	X(0x0020, 0x0021, "interrupt controller (PIC 1)")                 \
	X(0x0040, 0x0043, "timer (PIT)")                                  \
	X(0x0060, 0x0060, "keyboard controller (machine reset)")          \
	X(0x0061, 0x0061, "timer gate (port B)")                          \
	X(0x0064, 0x0064, "keyboard controller (machine reset)")          \
	X(0x0080, 0x0091, "ISA DMA page registers")                       \
	X(0x0092, 0x0092, "fast reset (port 0x92)")                       \
	X(0x0093, 0x009F, "ISA DMA page registers")                       \
	X(0x00A0, 0x00A1, "interrupt controller (PIC 2)")                 \
	X(0x00C0, 0x00DF, "ISA DMA controller 2")                         \
	X(0x00E9, 0x00E9, "debug console (port 0xE9)")                    \
	X(0x00F4, 0x00F7, "debug exit")                                   \
	X(0x03F8, 0x03FF, "console COM1")                                 \
	X(0x04D0, 0x04D1, "interrupt trigger mode (ELCR)")                \
	X(0x0CF8, 0x0CFF, "PCI configuration and reset (0xCF9)")

/* X(line, what): the interrupt lines the kernel keeps. */
#define BH_RES_LINES(X)         \
	X(0, "timer")           \
	X(2, "PIC cascade")     \
	X(4, "console COM1")

/*
 * Partition memory lies in [BH_RES_PHYS_BASE, BH_RES_PHYS_LIMIT): below is
 * the kernel's image and data; the limit is what the kernel can map.
 */
#define BH_RES_PHYS_BASE 0x01000000u
#define BH_RES_PHYS_LIMIT 0x40000000u

struct bh_res_ports {
	uint16_t first, last;
	const char *what;
};

/* The first kernel port range overlapping [first, last], or NULL. */
const struct bh_res_ports *bh_res_port_conflict(uint32_t first, uint32_t last);
/* What the kernel uses `line` for, or NULL if a partition may own it. */
const char *bh_res_line(uint32_t line);
/* Bit set of the kernel's lines. */
uint32_t bh_res_lines_mask(void);
/* [pa, pa + size) lies inside the partition memory range (no wrap). */
bool bh_res_phys_ok(uint32_t pa, uint32_t size);

#endif /* BH_RESOURCES_H */
