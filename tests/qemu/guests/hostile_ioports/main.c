/*
 * Hostile class: a partition with thousands of I/O ports
 * (tests/qemu/hostile_ioports: 8192 ports, 0x2000-0x3FFF). Its switches in
 * and out must cost the victim nothing it can see (the permission bitmap
 * may not be rewritten port by port). The attacker checks that every
 * granted port is usable from ring 3 and that the ports just outside the
 * grant are not (its own #GP), and keeps touching them while the victim
 * measures.
 */
#include <hx.h>

#define FIRST 0x2000u
#define COUNT 8192u

static uint32_t passes, accesses;

/* in al, dx with dx = port: true if it faulted. */
static bool try_in(uint32_t port)
{
	static const char code[] = "\xEC";
	struct hx_regs r = { 0, 0, 0, port, 0, 0, 0 };
	struct hx_trap t;

	accesses++;
	if (!hx_exec(code, 1, &r, &t))
		return false;
	BHT_CHECK(t.vector == BH_VEC_TRAP(13) && t.error == 0, "in %#x: vector %u error %#x", port,
		  t.vector - BH_VEC_TRAP_BASE, t.error);
	return true;
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_ioports");
	bh_irq_enable();
	while (hx_attacking()) {
		uint32_t bad = 0;
		for (uint32_t p = FIRST; p < FIRST + COUNT; p += passes ? 61u : 1u)
			bad += try_in(p);
		if (!passes) {
			BHT_CHECK(!bad, "%u of the %u granted ports fault", bad, COUNT);
			BHT_CHECK(try_in(FIRST - 1) && try_in(FIRST + COUNT), "ports outside the grant usable");
		}
		passes++;
	}
	bh_printf("%u passes, %u port reads\n", passes, accesses);
	bht_finish(false);
	for (;;)
		;
}
