/*
 * Hostile class: esp anywhere (tests/qemu/hostile_esp). The kernel never
 * uses a partition's stack pointer: a trap frame goes to the kernel stack,
 * an upcall frame to the registered interrupt stack. With esp at zero, in
 * the kernel, at the edges of each region, in the read-only region, in
 * the hole, on the vCPU page, at the top of the address space and
 * misaligned, this partition makes a hypercall (which must return its
 * normal result), executes ud2 (which must arrive as its own #UD with that
 * esp in the frame) and spins across a tick (whose upcall must be
 * delivered on the interrupt stack, after which the spin resumes with esp
 * as it was). Repeated until the victim is done.
 */
#include <hx.h>

static const uint32_t esps[] = {
	0,	     4,		  0x1000u,     0x00100000u, 0x00101000u, BH_USER_BASE - 4,
	BH_USER_BASE, BH_USER_BASE + 1, 0x4003FFFEu, 0x40040000u, 0x40040004u, 0x40100800u,
	0x40101000u, 0x80000000u, BH_USER_LIMIT, BH_VCPU_VADDR, BH_VCPU_VADDR + 0x800u,
	0xFFFFFFFCu, 0xFFFFFFFFu, 0x40000003u,
};
#define NESPS (sizeof(esps) / sizeof(esps[0]))
#define SPIN 0x000AAEE0u /* iterations of a 2-instruction loop: past one tick */

/* mov %esp,%esi; mov %ebp,%esp; <body>; mov %esi,%esp */
#define SWAP_IN "\x89\xE6\x89\xEC"
#define SWAP_OUT "\x89\xF4"

static volatile uint32_t ticks;
static uint32_t passes, version, hypercalls, traps, spins;

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)f;
	ticks += count;
}

static void at_hypercall(uint32_t esp)
{
	static const char code[] = SWAP_IN "\x31\xC0\xCD\x80" SWAP_OUT; /* xor eax; int $0x80 */
	struct hx_regs r = { 0, 0, 0, 0, 0, 0, esp };
	struct hx_trap t;
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, &r, &t);

	hypercalls++;
	BHT_CHECK(how == HX_RETURNED && r.eax == version, "version call with esp %#x: outcome %u eax %#x",
		  esp, how, r.eax);
}

static void at_trap(uint32_t esp)
{
	static const char code[] = SWAP_IN "\x0F\x0B" SWAP_OUT; /* ud2 */
	struct hx_regs r = { 0, 0, 0, 0, 0, 0, esp };
	struct hx_trap t;
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, &r, &t);

	traps++;
	BHT_CHECK(how == HX_TRAPPED && t.vector == BH_VEC_TRAP(6) && t.esp == esp,
		  "ud2 with esp %#x: outcome %u vector %u esp %#x", esp, how, t.vector, t.esp);
}

static void across_tick(uint32_t esp)
{
	/* mov $SPIN, %ecx; 1: dec %ecx; jnz 1b */
	static const char code[] = SWAP_IN "\xB9\xE0\xAE\x0A\x00\x49\x75\xFD" SWAP_OUT;
	struct hx_regs r = { 0, 0, 0, 0, 0, 0, esp };
	struct hx_trap t;
	uint32_t before = ticks;
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, &r, &t);

	spins++;
	BHT_CHECK(how == HX_RETURNED && r.ecx == 0,
		  "spin with esp %#x: outcome %u ecx %u", esp, how, r.ecx);
	BHT_CHECK(ticks != before, "spin with esp %#x: no tick upcall in %u iterations", esp, SPIN);
}

int main(uint32_t cond, uint32_t id)
{
	_Static_assert(SPIN == 0x000AAEE0u, "the immediate in across_tick"); /* 700,128 */
	(void)cond;
	(void)id;
	hx_init("hostile_esp");
	hx_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	version = (uint32_t)bh_version(NULL);
	while (hx_attacking()) {
		for (uint32_t i = 0; i < NESPS; i++) {
			at_hypercall(esps[i]);
			at_trap(esps[i]);
		}
		across_tick(esps[passes % NESPS]);
		passes++;
	}
	bh_printf("%u passes: %u hypercalls, %u traps, %u spins across a tick with esp anywhere\n",
		  passes, hypercalls, traps, spins);
	bht_finish(false);
	for (;;)
		;
}
