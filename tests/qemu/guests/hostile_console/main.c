/*
 * Hostile class: console and health-monitor log floods
 * (tests/qemu/hostile_console, with the UART's per-byte time emulated).
 * As fast as it can, for as long as the victim measures: 256 newlines at a
 * time (each a line of its own), 256-byte lines, health-monitor events
 * with 256-byte messages, and faults (each an [hm] line). Output is
 * buffered per partition and drained within a bound: the victim's windows
 * must not move, and every call must answer at once with its whole length
 * (what does not fit in the partition's ring is dropped and counted, which
 * the test's expect file requires the kernel to report). The attacker
 * reports after its first pass, while its ring still has room (the flood
 * that follows keeps it full: a report at the end would wait for the
 * UART's pace, hundreds of milliseconds), then floods on.
 */
#include <hx.h>

static char newlines[BH_CONSOLE_MAX], text[BH_CONSOLE_MAX];
static uint32_t passes, calls;

static void write_all(const char *buf)
{
	int32_t r = bh_console_write(buf, BH_CONSOLE_MAX);

	calls++;
	if (!passes)
		BHT_EQ(r, (int32_t)BH_CONSOLE_MAX);
}

static void fault(void)
{
	static const char ud2[] = "\x0F\x0B";
	struct hx_regs r = { 0 };
	struct hx_trap t;

	bool trapped = hx_exec(ud2, 2, &r, &t);

	if (!passes)
		BHT_CHECK(trapped && t.vector == BH_VEC_TRAP(6), "ud2: vector %u", t.vector);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_console");
	for (uint32_t i = 0; i < BH_CONSOLE_MAX; i++) {
		newlines[i] = '\n';
		text[i] = (char)('a' + i % 26);
	}
	bh_irq_enable();
	while (hx_attacking()) {
		write_all(newlines);
		write_all(text);
		int32_t r = bh_hm_raise(7, text, BH_CONSOLE_MAX);
		if (!passes)
			BHT_EQ(r, BH_OK);
		fault();
		if (!passes++) {
			bh_printf("first pass: %u console writes of %u bytes, 2 health-monitor "
				  "events; flooding on\n",
				  calls, BH_CONSOLE_MAX);
			bht_finish(false);
		}
	}
	for (;;)
		;
}
