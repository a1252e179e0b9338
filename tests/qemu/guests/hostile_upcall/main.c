/*
 * Hostile class: forged upcall frames (tests/qemu/hostile_upcall).
 * BH_HC_UPCALL_RETURN restores whatever frame it is given, inside an
 * upcall or not: the partition may only hurt itself. Frames whose flags
 * ask for TF, IOPL 3, NT, VM, AC, RF or IF clear, every flag, an eip in the
 * kernel, the hole or the read-only region's zeros, an esp anywhere, and
 * any value of the saved virtual flag. Each must land exactly where the
 * frame says with the frame's registers and exactly the flags the ABI
 * gives back (BH_EFLAGS_RESTORED: the arithmetic flags, DF, TF and AC as
 * asked; IF 1; IOPL, NT, RF and VM 0), the virtual flag as asked; TF asked
 * single-steps the landing code once: one debug trap of its own after the
 * first instruction. A bad eip is this partition's own page fault.
 * Then a storm of upcall returns. Repeated until the victim is done.
 */
#include <hx.h>

#define EF_TF 0x100u
#define EF_IF 0x200u
#define EF_DF 0x400u
#define EF_IOPL 0x3000u
#define EF_NT 0x4000u
#define EF_RF 0x10000u
#define EF_VM 0x20000u
#define EF_AC 0x40000u
#define EF_ARITH 0x8D5u /* CF PF AF ZF SF OF */
#define EF_DEFINED 0x003F7FD7u /* every flag bit but the reserved zeros */
#define LAND_ESP 0x4003F000u
#define FRAME_AT 0x4003F800u /* free memory at the top of region 0 */
#define RO_ZEROS 0x40100000u

static uint32_t passes, returns;

static struct bh_upcall_frame *frame(void)
{
	return (struct bh_upcall_frame *)FRAME_AT;
}

static void fill(uint32_t eip, uint32_t eflags, uint32_t esp, uint32_t enabled)
{
	struct bh_upcall_frame *f = frame();

	*f = (struct bh_upcall_frame){ 0x12345678u, 1, 0, 0, enabled, 0xD1u, 0x51u, 0xB0u, 0xB1u, 0xD0u,
				       0xC0u, 0xA0u, eip, eflags, esp };
}

/* mov $15, %eax; int $0x80 (ebx = the frame) */
static enum hx_outcome go(struct hx_regs *r, struct hx_trap *t)
{
	static const char code[] = "\xB8\x0F\x00\x00\x00\xCD\x80";

	*r = (struct hx_regs){ 0, FRAME_AT, 0, 0, 0, 0, 0 };
	returns++;
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, r, t);
	bh_vcpu->enabled = 1;
	return how;
}

static void flags_case(uint32_t asked)
{
	struct hx_regs r;
	struct hx_trap t;

	fill(BH_PTR(hx_land), asked, LAND_ESP, 1);
	enum hx_outcome how = go(&r, &t);
	if (asked & EF_TF) { /* after hx_land's first instruction (5 bytes) */
		BHT_CHECK(how == HX_TRAPPED && t.vector == BH_VEC_TRAP(1) &&
				  t.eip == BH_PTR(hx_land) + 5u,
			  "flags %#x: outcome %u vector %u eip %#x", asked, how, t.vector, t.eip);
		return;
	}
	BHT_CHECK(how == HX_LANDED, "flags %#x: outcome %u vector %u", asked, how, t.vector);
	if (how != HX_LANDED)
		return;
	BHT_CHECK(r.eax == 0xA0u && r.ebx == 0xB1u && r.ecx == 0xC0u && r.edx == 0xD0u &&
			  r.esi == 0x51u && r.edi == 0xD1u && r.ebp == 0xB0u && t.esp == LAND_ESP,
		  "flags %#x: registers eax %#x esp %#x", asked, r.eax, t.esp);
	uint32_t f = t.eflags & EF_DEFINED, want = (asked & BH_EFLAGS_RESTORED) | EF_IF | 2u;
	BHT_CHECK(f == want, "flags %#x asked: landed with %#x, expected %#x", asked, f, want);
}

static void eip_case(uint32_t eip)
{
	struct hx_regs r;
	struct hx_trap t;

	fill(eip, 0x202u, LAND_ESP, 1);
	frame()->eax = 0; /* the read-only zeros run `add %al, (%eax)` */
	enum hx_outcome how = go(&r, &t);
	BHT_CHECK(how == HX_TRAPPED && t.vector == BH_VEC_TRAP(14) && t.eip == eip,
		  "eip %#x: outcome %u vector %u at %#x", eip, how, t.vector, t.eip);
}

static void enabled_case(uint32_t enabled)
{
	static const char code[] = "\xB8\x0F\x00\x00\x00\xCD\x80";
	struct hx_regs r = { 0, FRAME_AT, 0, 0, 0, 0, 0 };
	struct hx_trap t;

	fill(BH_PTR(hx_land), 0x202u, LAND_ESP, enabled);
	returns++;
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, &r, &t);
	uint32_t seen = bh_vcpu->enabled;
	bh_vcpu->enabled = 1;
	BHT_CHECK(how == HX_LANDED && seen == (enabled != 0), "enabled %#x: outcome %u, flag %u",
		  enabled, how, seen);
}

static void esp_case(uint32_t esp)
{
	struct hx_regs r;
	struct hx_trap t;

	fill(BH_PTR(hx_land), 0x202u, esp, 1);
	enum hx_outcome how = go(&r, &t);
	BHT_CHECK(how == HX_LANDED && t.esp == esp, "esp %#x: outcome %u esp %#x", esp, how, t.esp);
}

static void one_pass(void)
{
	static const uint32_t flags[] = { 0, EF_TF, EF_IOPL, EF_NT, EF_VM, EF_AC, EF_RF, EF_DF,
					  EF_ARITH, 0xFFFFFFFFu, 0xFFFFFFFFu & ~EF_TF, EF_VM | EF_IOPL };
	static const uint32_t eips[] = { 0x00100000u, 0xFFC00000u, RO_ZEROS, 0, 0x3FFFFFFFu };
	static const uint32_t enableds[] = { 0, 1, 2, 0x80000000u, 0xFFFFFFFFu };
	static const uint32_t espv[] = { 0, 0x00100000u, 0xFFFFFFFFu, 0x40100000u, BH_VCPU_VADDR };

	for (uint32_t i = 0; i < sizeof(flags) / 4; i++)
		flags_case(flags[i]);
	for (uint32_t i = 0; i < sizeof(eips) / 4; i++)
		eip_case(eips[i]);
	for (uint32_t i = 0; i < sizeof(enableds) / 4; i++)
		enabled_case(enableds[i]);
	for (uint32_t i = 0; i < sizeof(espv) / 4; i++)
		esp_case(espv[i]);
	for (uint32_t i = 0; i < 200; i++) /* a storm */
		flags_case(i * 0x01010101u);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_upcall");
	bh_irq_enable();
	while (hx_attacking()) {
		one_pass();
		passes++;
	}
	bh_printf("%u passes, %u forged upcall returns\n", passes, returns);
	bht_finish(false);
	for (;;)
		;
}
