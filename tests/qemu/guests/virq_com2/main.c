/*
 * A real device line: the COM2 receive interrupt (IRQ 3, ports
 * 0x2F8-0x2FF). The harness feeds tests/qemu/virq_com2/input.txt into
 * COM2; the guest must receive exactly those bytes, in order, once each.
 * FIFO off: each byte raises the line until it is read.
 *   1. Plain: the handler reads whatever is there.
 *   2. In service: the handler reads one byte, unmasks its vector (a
 *      hypercall for a line), waits for the next byte to arrive and checks
 *      that the kernel saw no interrupt: the line must stay masked at the
 *      controller until the upcall returns. That byte is then delivered
 *      right after the return.
 *   3. Vector masked by the guest, which then polls bytes itself; each read
 *      lets the UART raise the line again.
 *      a. Masked from the main program: the next arrival is recorded
 *         pending and the line then stays masked: one arrival counted
 *         for all the bytes.
 *      b. Masked by the handler before it returns: the upcall return must
 *         leave the line masked: no arrival counted at all.
 *      At each unmask the pending arrival is delivered, and no byte is
 *      lost.
 */
#include <bulkhead/io.h>
#include <bhvirq.h>
#include <fmt.h>

#define LINE 3u
#define VEC BH_VEC_IRQ(LINE)
#define UART 0x2F8
#define RBR (UART + 0)
#define IER (UART + 1)
#define FCR (UART + 2)
#define LCR (UART + 3)
#define MCR (UART + 4)
#define LSR (UART + 5)
#define LSR_DR 0x01u

#define INPUT_LINES 24u
#define INPUT_MAX 2048u
#define PLAIN_BYTES 64u
#define IN_SERVICE_ROUNDS 8u
#define POLLED_BYTES 32u

static char expected[INPUT_MAX];
static uint32_t expected_len;
static volatile char got[INPUT_MAX];
static volatile uint32_t ngot, nirq;
static volatile uint32_t mode; /* 1 plain, 2 in-service checks, 3 mask */
static volatile uint32_t in_service_rounds;

static bool rx_ready(void)
{
	return (bh_inb(LSR) & LSR_DR) != 0;
}

static void take_byte(void)
{
	uint8_t c = bh_inb(RBR);

	if (ngot < INPUT_MAX)
		got[ngot] = (char)c;
	ngot++;
}

/* The same text as input.txt. */
static void make_expected(void)
{
	for (uint32_t i = 0; i < INPUT_LINES; i++)
		expected_len += (uint32_t)bh_snprintf(
			expected + expected_len, sizeof(expected) - expected_len,
			"line %03u: the quick brown fox jumps over the lazy dog\n", i);
}

static void uart_init(void)
{
	bh_outb(IER, 0);
	bh_outb(LCR, 0x80); /* divisor latch: 115200 baud */
	bh_outb(RBR, 1);
	bh_outb(IER, 0);
	bh_outb(LCR, 0x03); /* 8N1 */
	bh_outb(FCR, 0x00); /* no FIFO: one byte at a time */
	bh_outb(MCR, 0x0B); /* DTR, RTS, OUT2 (gates the IRQ on a PC) */
	while (rx_ready())
		take_byte(); /* anything that came before we listened */
	bh_outb(IER, 0x01); /* received-data interrupt */
}

/* Mode 2: one byte, then prove the next arrival was held at the PIC. */
static void in_service_round(void)
{
	take_byte();
	bh_irq_unmask(VEC);
	while (!rx_ready())
		;
	bhv_wait_ticks(1);
	BHT_CHECK(bh_vstate->count[VEC] == 0 && !(bh_vstate->pending[1] & (1u << (VEC & 31u))),
		  "line %u interrupt seen while in service (count %u)", LINE, bh_vstate->count[VEC]);
	in_service_rounds++;
}

static void on_rx(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	BHT_EQ(vector, VEC);
	BHT_EQ(count, 1);
	nirq++;
	if (mode == 2 && in_service_rounds < IN_SERVICE_ROUNDS && rx_ready()) {
		in_service_round();
		return;
	}
	while (rx_ready())
		take_byte();
	if (mode == 3) {
		bh_irq_mask(VEC);
		mode = 1;
	}
}

static void wait_bytes(uint32_t n)
{
	while (ngot < n)
		;
}

/* Read bytes by polling, with the vector masked. */
static void poll_bytes(void)
{
	uint32_t target = ngot + POLLED_BYTES;

	while (ngot < target)
		if (rx_ready())
			take_byte();
}

/* Unmask: the pending arrival is delivered at once (and then whatever the
 * PIC latched meanwhile, and new bytes: the stream goes on). */
static void unmask_and_check(const char *how, uint32_t irqs, uint32_t pending)
{
	bh_irq_unmask(VEC);
	BHT_CHECK(nirq - irqs >= pending, "masked %s: %u upcalls at the unmask, %u pending", how,
		  nirq - irqs, pending);
}

static void masked_by_main(void)
{
	bh_irq_mask(VEC);
	while (bh_vstate->count[VEC] == 0)
		;
	uint32_t irqs = nirq;
	poll_bytes();
	BHT_CHECK(bh_vstate->count[VEC] == 1, "masked by main: %u arrivals counted for %u bytes",
		  bh_vstate->count[VEC], POLLED_BYTES);
	BHT_EQ(nirq, irqs);
	unmask_and_check("by main", irqs, 1);
}

static void masked_by_handler(void)
{
	mode = 3;
	while (mode == 3)
		;
	uint32_t irqs = nirq;
	poll_bytes();
	BHT_CHECK(bh_vstate->count[VEC] == 0, "masked by the handler: %u arrivals counted for %u bytes",
		  bh_vstate->count[VEC], POLLED_BYTES);
	BHT_EQ(nirq, irqs);
	unmask_and_check("by the handler", irqs, 0);
}

static void check_stream(void)
{
	uint32_t n = ngot;

	bhv_wait_ticks(5); /* nothing more may come */
	BHT_EQ(ngot, n);
	BHT_EQ(ngot, expected_len);
	for (uint32_t i = 0; i < expected_len && i < ngot; i++)
		if (got[i] != expected[i]) {
			bht_fail(__FILE__, __LINE__, "byte %u is %#x, expected %#x", i,
				 (uint8_t)got[i], (uint8_t)expected[i]);
			break;
		}
	bh_printf("received %u bytes in %u interrupts\n", ngot, nirq);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_com2");
	make_expected();
	bhv_register();
	bh_set_handler(VEC, on_rx);
	BHT_EQ(bh_irq_bind(LINE), (int32_t)VEC);
	BHT_EQ(bh_irq_bind(8), BH_EPERM);
	uart_init();
	mode = 1;
	bh_irq_unmask(VEC);
	bh_irq_enable();
	wait_bytes(PLAIN_BYTES);
	mode = 2;
	while (in_service_rounds < IN_SERVICE_ROUNDS)
		;
	mode = 1;
	masked_by_main();
	masked_by_handler();
	wait_bytes(expected_len);
	check_stream();
	bht_finish(true);
	bh_exit();
}
