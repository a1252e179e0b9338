/*
 * A stand-in for the RTOS of a port's first boot: it initialises its BSP,
 * enters ARINC 653 normal mode, and counts ticks in its idle loop, saying
 * so every 50 of them.
 */
#include <bulkhead/bh.h>

#include "bsp.h"

static volatile uint32_t ticks;

static void on_ticks(uint32_t n)
{
	ticks += n;
}

static void put_string(const char *s)
{
	while (*s)
		myos_bsp_putc(*s++);
}

static void put_number(uint32_t v)
{
	char digits[10];
	uint32_t n = 0;

	do {
		digits[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v);
	while (n)
		myos_bsp_putc(digits[--n]);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	uint32_t reported = 0;

	(void)start_condition;
	myos_bsp_init(on_ticks);
	put_string("myos up in partition ");
	put_number(partition_id);
	put_string(", tick ");
	put_number(myos_bsp_tick_us());
	put_string(" us\n");
	bh_set_mode(BH_MODE_NORMAL); /* initialised */
	myos_bsp_start();
	for (;;) {
		uint32_t level = myos_bsp_disable();
		uint32_t now = ticks;

		myos_bsp_enable(level);
		if (now >= reported + 50u) {
			reported = now - now % 50u;
			put_string("tick ");
			put_number(reported);
			put_string("\n");
		}
		myos_bsp_idle();
	}
}
