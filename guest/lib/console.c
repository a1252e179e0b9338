/* Guest console output and partition exit. */
#include <bulkhead/bh.h>
#include <bh_string.h>
#include <fmt.h>

/*
 * The kernel buffers console output per partition and drops (and counts)
 * a write that does not fit. The library does not lose its output: it
 * waits for room, giving up the rest of its window meanwhile (the kernel
 * drains the buffer in idle time and in the partition's own ticks).
 */
void bh_console_write_all(const char *s, uint32_t n)
{
	while (n) {
		uint32_t chunk = n > BH_CONSOLE_MAX ? BH_CONSOLE_MAX : n;
		while (bh_vstate->console_room < chunk + 2u)
			bh_yield();
		bh_console_write(s, chunk);
		s += chunk;
		n -= chunk;
	}
}

int bh_printf(const char *fmt, ...)
{
	char buf[BH_CONSOLE_MAX];
	va_list ap;

	va_start(ap, fmt);
	size_t n = bh_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	bh_console_write_all(buf, (uint32_t)n);
	return (int)n;
}

void bh_puts(const char *s)
{
	bh_console_write_all(s, (uint32_t)strlen(s));
}

void bh_exit(void)
{
	bh_set_mode(BH_MODE_IDLE);
	for (;;)
		bh_yield();
}
