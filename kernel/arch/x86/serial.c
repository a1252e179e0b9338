/*
 * COM1 (0x3f8) as the kernel console: a 16550 at 115200 8N1 with its
 * 16-byte transmit FIFO, never waited for at run time: the console drain
 * asks for room (arch_console_room) and writes at most that much. Only the
 * synchronous path (boot, end of run, panic) polls.
 *
 * `uart_baud=N` on the command line makes the run-time path behave like a
 * real UART at N baud under QEMU, whose UART takes any byte at once: after
 * a write the transmitter counts as busy for 10 bits per byte at N baud,
 * measured with the TSC (calibrated against the PIT at boot), and the
 * drain finds no room until the FIFO would be empty. The synchronous path
 * (boot, end of run, panic: nothing else runs) does not wait for it.
 */
#include <arch/x86.h>
#include <bh/arch.h>
#include <bh/cmdline.h>

#define COM1 0x3F8
#define LSR_THRE 0x20
#define FIFO_BYTES 16u

static uint32_t emul_baud;  /* uart_baud=N; 0: no emulation */
static uint64_t byte_tsc;   /* TSC ticks a byte takes, once the TSC is calibrated */
static uint64_t busy_until; /* TSC at which the emulated FIFO is empty */

void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no UART interrupts */
	outb(COM1 + 3, 0x80); /* DLAB */
	outb(COM1 + 0, 0x01); /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	outb(COM1 + 2, 0xC7); /* FIFO on, cleared */
	outb(COM1 + 4, 0x03); /* DTR, RTS */
}

/* Honour uart_baud=N (after the command line is read). */
void serial_emulation_init(void)
{
	emul_baud = cmdline_uint("uart_baud", 0);
}

/* A byte's time in TSC ticks: 10 bits (start, 8 data, stop) at the
 * emulated rate, from the boot calibration of the TSC (clock.c); 0 before
 * it (boot lines are not timed) or without emulation. */
static uint64_t byte_cost(void)
{
	if (emul_baud && !byte_tsc) {
		uint64_t hz = clock_tsc_hz();
		if (hz)
			byte_tsc = BH_MAX(hz * 10u / emul_baud, 1u);
	}
	return byte_tsc;
}

uint32_t arch_console_room(void)
{
	if (byte_cost() && arch_clock_counter() < busy_until)
		return 0;
	if (!(inb(COM1 + 5) & LSR_THRE))
		return 0;
	return FIFO_BYTES;
}

void arch_console_put(const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		outb(COM1, (uint8_t)s[i]);
	if (byte_cost()) {
		uint64_t now = arch_clock_counter();
		busy_until = (busy_until > now ? busy_until : now) + n * byte_tsc;
	}
}

/* Polled, a FIFO at a time; the emulated byte time is not waited for. */
void arch_console_put_sync(const char *s, uint32_t n)
{
	while (n) {
		uint32_t k = BH_MIN(n, FIFO_BYTES);
		while (!(inb(COM1 + 5) & LSR_THRE))
			;
		for (uint32_t i = 0; i < k; i++)
			outb(COM1, (uint8_t)s[i]);
		s += k;
		n -= k;
	}
}

void arch_console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			arch_console_put_sync("\r", 1);
		arch_console_put_sync(&s[i], 1);
	}
}
