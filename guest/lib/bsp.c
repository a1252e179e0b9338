/*
 * BSP-level services for an RTOS port (rtems_paravirt.h): console output
 * and input, clock, idle and fatal stop. Interrupt vectors are in
 * bsp_irq.c.
 */
#include <bulkhead/io.h>
#include <bulkhead/rtems_paravirt.h>
#include <fmt.h>

#define UART_RBR 0u /* receive buffer */
#define UART_LSR 5u /* line status */
#define UART_LSR_DR 0x01u

static char out_line[BH_CONSOLE_MAX];
static uint32_t out_len;
static uint16_t in_uart;

static void out_flush(void)
{
	if (out_len)
		bh_console_write_all(out_line, out_len);
	out_len = 0;
}

void bh_bsp_output_char(char c)
{
	uint32_t level = i386_disable_interrupts(); /* ISRs may print too */

	out_line[out_len++] = c;
	if (c == '\n' || out_len == sizeof(out_line))
		out_flush();
	i386_enable_interrupts(level);
}

void bh_bsp_console_write(const char *buf, size_t len)
{
	uint32_t level = i386_disable_interrupts();

	out_flush();
	bh_console_write_all(buf, (uint32_t)len);
	i386_enable_interrupts(level);
}

void bh_bsp_console_input(uint16_t uart_base)
{
	in_uart = uart_base;
}

int bh_bsp_poll_char(void)
{
	if (!in_uart || !(bh_inb((uint16_t)(in_uart + UART_LSR)) & UART_LSR_DR))
		return -1;
	return bh_inb((uint16_t)(in_uart + UART_RBR));
}

int32_t bh_bsp_clock_install(bh_bsp_isr_t isr, void *arg)
{
	return bh_bsp_vector_install(BH_VEC_TICK, isr, arg);
}

uint32_t bh_bsp_clock_tick_ns(void)
{
	return bh_vstate->tick_period_ns;
}

uint64_t bh_bsp_clock_ns(void)
{
	return bh_clock_ns();
}

void bh_bsp_idle(void)
{
	bh_idle();
}

void bh_bsp_fatal(uint32_t source, uint32_t code)
{
	char msg[64];
	size_t n;

	bh_irq_disable();
	out_flush();
	n = bh_snprintf(msg, sizeof(msg), "fatal error: source %u code %#x", source, code);
	bh_printf("%s\n", msg);
	bh_hm_raise(code, msg, (uint32_t)(n < sizeof(msg) ? n : sizeof(msg) - 1));
	bh_exit();
}
