/* Guest console output and partition exit. */
#include <bulkhead/bh.h>
#include <bh_string.h>
#include <fmt.h>

int bh_printf(const char *fmt, ...)
{
	char buf[BH_CONSOLE_MAX];
	va_list ap;

	va_start(ap, fmt);
	size_t n = bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	bh_console_write(buf, (uint32_t)n);
	return (int)n;
}

void bh_puts(const char *s)
{
	size_t n = strlen(s);

	while (n) {
		uint32_t chunk = n > BH_CONSOLE_MAX ? BH_CONSOLE_MAX : (uint32_t)n;
		bh_console_write(s, chunk);
		s += chunk;
		n -= chunk;
	}
}

void bh_exit(void)
{
	bh_set_mode(BH_MODE_IDLE);
	for (;;)
		bh_yield();
}
