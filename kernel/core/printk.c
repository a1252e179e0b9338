/*
 * The kernel's own output, written at once (the UART waited for): only at
 * boot, at the end of a run and on panic. Lines a partition can cause at
 * run time go through its console ring instead (console_kline()).
 */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/lib.h>
#include <bh/printk.h>
#include <bh/trace.h>
#include <fmt.h>

static void kvprintf(const char *fmt, va_list ap)
{
	char buf[256];
	size_t n = bh_vsnprintf(buf, sizeof(buf), fmt, ap);

	console_finish_line();
	arch_console_write(buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	static bool panicking;
	va_list ap;

	if (!panicking) {
		panicking = true;
		console_flush_all(); /* what led here, first */
	}
	kprintf("\n[bh] PANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	trace_dump(BH_EXIT_PANIC);
	arch_halt(BH_EXIT_PANIC);
}
