/*
 * The two cascaded 8259A interrupt controllers. Lines are remapped to
 * vectors 0x20-0x2f and start masked; the kernel unmasks the timer and the
 * cascade, and a device line only when its owning partition unmasks it.
 */
#include <arch/x86.h>
#include <bh/arch.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B

/* Cached mask register, bit n = line n; pic_mask_and_eoi() (x86.h) updates it too. */
uint32_t x86_pic_imr = 0xFFFF;

static void pic_write_mask(unsigned line)
{
	if (line < 8)
		outb(PIC1_DATA, (uint8_t)x86_pic_imr);
	else
		outb(PIC2_DATA, (uint8_t)(x86_pic_imr >> 8));
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: edge, cascade, ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, VEC_IRQ_BASE); /* ICW2: vector offsets */
	outb(PIC2_DATA, VEC_IRQ_BASE + 8);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on line 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	x86_pic_imr = 0xFFFFu & ~(1u << 2); /* everything masked but the cascade */
	outb(PIC1_DATA, (uint8_t)x86_pic_imr);
	outb(PIC2_DATA, (uint8_t)(x86_pic_imr >> 8));
}

void arch_irq_mask(unsigned line)
{
	if (line >= 16 || (x86_pic_imr & (1u << line)))
		return;
	x86_pic_imr |= 1u << line;
	pic_write_mask(line);
}

void arch_irq_unmask(unsigned line)
{
	if (line >= 16 || !(x86_pic_imr & (1u << line)))
		return;
	x86_pic_imr &= ~(1u << line);
	pic_write_mask(line);
}

void pic_eoi(unsigned line)
{
	if (line >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* Lines 7 and 15 fire spuriously when a request vanishes: check the ISR. */
int pic_spurious(unsigned line)
{
	if (line == 7) {
		outb(PIC1_CMD, PIC_READ_ISR);
		return !(inb(PIC1_CMD) & 0x80);
	}
	if (line == 15) {
		outb(PIC2_CMD, PIC_READ_ISR);
		if (!(inb(PIC2_CMD) & 0x80)) {
			outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade */
			return 1;
		}
	}
	return 0;
}
