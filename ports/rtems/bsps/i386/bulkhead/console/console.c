/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console of the i386/bulkhead BSP: output through the kernel's console
 * (one hypercall per line, prefixed with the partition's name), input from
 * a 16550 UART the partition owns, if its configuration gives it one (see
 * BULKHEAD_CONSOLE_UART, bspopts).
 */
#include <bsp.h>
#include <bsp/console-polled.h>
#include <rtems/bspIo.h>
#include <bulkhead/rtems_paravirt.h>

static void bulkhead_output_char(char c)
{
	bh_bsp_output_char(c);
}

static int bulkhead_poll_char(void)
{
	return bh_bsp_poll_char();
}

BSP_output_char_function_type BSP_output_char = bulkhead_output_char;
BSP_polling_getchar_function_type BSP_poll_char = bulkhead_poll_char;

void console_initialize_hardware(void)
{
#ifdef BULKHEAD_CONSOLE_UART
	bh_bsp_console_input(BULKHEAD_CONSOLE_UART);
#endif
}

void console_outbyte_polled(int port, char ch)
{
	(void)port;
	bh_bsp_output_char(ch);
}

int console_inbyte_nonblocking(int port)
{
	(void)port;
	return bh_bsp_poll_char();
}
