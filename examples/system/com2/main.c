/*
 * The device partition of the example system. It owns COM2 (system.cfg:
 * `irq 3` and `ioport 0x2f8 8`) and sends lines out of it, refilling the
 * UART's FIFO at each transmit-empty interrupt. (QEMU has a COM2 only when
 * given a second -serial; bhrun adds one because this partition owns the
 * line, and `bhrun --com2 file:com2.txt` keeps what it sends.)
 *
 * After three lines it makes one bad access on purpose. Its configuration
 * says `hm page_fault restart_warm`: the health monitor restarts it warm,
 * main() runs again with start condition 3 (BH_START_HM_PARTITION_RESTART),
 * and since a warm restart keeps memory it carries on where it stopped.
 */
#include <bulkhead/bh.h>
#include <bulkhead/io.h>

#define COM2 0x2F8u
#define COM2_LINE 3u
#define THR (COM2 + 0u) /* with LCR bit 7 clear */
#define DLL (COM2 + 0u) /* with LCR bit 7 set */
#define IER (COM2 + 1u)
#define DLM (COM2 + 1u)
#define IIR (COM2 + 2u)
#define FCR (COM2 + 2u)
#define LCR (COM2 + 3u)
#define MCR (COM2 + 4u)
#define IER_THRE 0x02u
#define FIFO_BYTES 16u
#define LINES 6u
#define FAULT_AFTER 3u
#define UNMAPPED 0x50000000u

/* Kept across the warm restart. */
static volatile uint32_t lines_sent, tx_irqs;
static char text[32];
static volatile uint32_t text_len, text_pos;

static void uart_init(void)
{
	bh_outb(IER, 0);
	bh_outb(LCR, 0x80); /* divisor latch: 115200 baud */
	bh_outb(DLL, 1);
	bh_outb(DLM, 0);
	bh_outb(LCR, 0x03); /* 8 data bits, no parity, 1 stop bit */
	bh_outb(FCR, 0x07); /* FIFOs on and cleared */
	bh_outb(MCR, 0x08); /* OUT2: lets the UART drive its IRQ on a PC */
}

/* One FIFO load per interrupt; the last load turns the interrupt off. */
static void on_com2(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	(void)f;
	tx_irqs++;
	(void)bh_inb(IIR); /* reading IIR acknowledges transmit-empty */
	for (uint32_t n = 0; n < FIFO_BYTES && text_pos < text_len; n++)
		bh_outb(THR, (uint8_t)text[text_pos++]);
	if (text_pos == text_len)
		bh_outb(IER, 0);
}

static void send_line(uint32_t number)
{
	static const char head[] = "COM2 line ";
	uint32_t n = 0;

	for (uint32_t i = 0; head[i]; i++)
		text[n++] = head[i];
	text[n++] = (char)('0' + number % 10u);
	text[n++] = '\r';
	text[n++] = '\n';
	text_pos = 0;
	text_len = n;
	bh_outb(IER, IER_THRE); /* the transmitter is empty: interrupts at once */
	while (text_pos < text_len)
		bh_idle(); /* until the next interrupt (or window) */
	lines_sent++;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	int32_t vector;

	bh_printf("partition %u: start condition %u, %u lines sent so far\n", partition_id,
		  start_condition, lines_sent);
	uart_init();
	bh_virq_init();
	vector = bh_irq_bind(COM2_LINE);
	if (vector < 0) {
		bh_printf("cannot bind line %u: error %d\n", COM2_LINE, vector);
		bh_exit();
	}
	bh_set_handler((uint32_t)vector, on_com2);
	bh_irq_unmask((uint32_t)vector);
	bh_set_mode(BH_MODE_NORMAL);
	bh_irq_enable();
	while (lines_sent < LINES) {
		if (lines_sent == FAULT_AFTER && start_condition == BH_START_NORMAL) {
			bh_printf("%u lines sent; now a bad access, on purpose\n", lines_sent);
			*(volatile uint32_t *)UNMAPPED = 1; /* page fault */
		}
		send_line(lines_sent);
	}
	bh_printf("%u lines sent on COM2, %u transmit interrupts\n", lines_sent, tx_irqs);
	for (;;)
		bh_idle();
}
