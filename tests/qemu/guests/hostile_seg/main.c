/*
 * Hostile class: far transfers and selector loads (tests/qemu/hostile_seg).
 * Nothing but the partition's own segments may be usable from ring 3:
 *   - lar, lsl, verr and verw over every selector of the GDT and the LDT
 *     (RPL 3): usable only the partition's code and data segments (the
 *     selectors it runs with; verw: data only), not the thread-pointer
 *     entry (0x18, null while ring 3 runs);
 *   - loads of every selector of the first 16 GDT and LDT entries with each
 *     RPL into ds, es, fs, gs and ss, and far jumps and calls to them: only
 *     the null selector (ds..gs), user code and data (ds..gs; any RPL, the
 *     CPU makes it 3), user data with RPL 3 (ss) and user code (cs) load;
 *     everything else faults with the selector as error code (#GP, #NP or
 *     #SS), as this partition's own event.
 * Repeated until the victim is done.
 */
#include <hx.h>

#define UCODE (hx_code_sel() & ~3u) /* where the kernel put them */
#define UDATA (hx_data_sel() & ~3u)
#define TI_LDT 4u
#define NSEL (0x10000u / 4u)

uint32_t hs_scan_lar(uint8_t *bits), hs_scan_lsl(uint8_t *bits);
uint32_t hs_scan_verr(uint8_t *bits), hs_scan_verw(uint8_t *bits);

static uint8_t bits[NSEL / 8];
static uint32_t passes, loads, faults;

struct scan {
	const char *name;
	uint32_t (*fn)(uint8_t *);
	bool data_only;
};

static void check_scan(const struct scan *s)
{
	for (uint32_t i = 0; i < sizeof(bits); i++)
		bits[i] = 0;
	uint32_t n = s->fn(bits), want = s->data_only ? 1u : 2u;
	uint32_t ucode = (bits[(UCODE | 3u) >> 5] >> (((UCODE | 3u) >> 2) & 7)) & 1u;
	uint32_t udata = (bits[(UDATA | 3u) >> 5] >> (((UDATA | 3u) >> 2) & 7)) & 1u;

	if (passes)
		return;
	BHT_CHECK(n == want && udata && (ucode || s->data_only),
		  "%s: %u usable selectors (user code %u, data %u), expected only the partition's",
		  s->name, n, ucode, udata);
	if (n == want)
		return;
	uint32_t named = 0;
	for (uint32_t sel = 3; sel < 0x10000u && named < 8; sel += 4) /* name a few */
		if ((bits[sel >> 5] >> ((sel >> 2) & 7)) & 1u && (sel & ~3u) != UCODE &&
		    (sel & ~3u) != UDATA)
			bh_printf("%s: selector %#x usable (%u of them)\n", s->name, sel, ++named);
}

/* Which loads may succeed, by the rules above. */
static bool may_load(uint32_t sel, uint32_t how)
{
	uint32_t idx = sel & ~3u, rpl = sel & 3u;

	if (how < 4) /* ds, es, fs, gs */
		return (sel & ~3u) == 0 || idx == UCODE || idx == UDATA;
	if (how == 4) /* ss */
		return idx == UDATA && rpl == 3;
	return idx == UCODE; /* ljmp, lcall */
}

/* mov %ax, <sreg>; then the partition's data selector back (fs, gs too). */
static void load(uint32_t sel, uint32_t how)
{
	static const uint8_t movs[5][2] = { { 0x8E, 0xD8 }, { 0x8E, 0xC0 }, { 0x8E, 0xE0 },
					 { 0x8E, 0xE8 }, { 0x8E, 0xD0 } };
	uint8_t code[16];
	uint32_t n = 0;
	struct hx_regs r = { sel, 0, 0, 0, 0, 0, 0 };
	struct hx_trap t;

	if (how < 5) {
		code[n++] = movs[how][0];
		code[n++] = movs[how][1];
	} else { /* ljmp/lcall sel:next; the target returns with lret for lcall */
		uint32_t target = hx_code_addr() + (how == 5 ? 7u : 9u);
		code[n++] = how == 5 ? 0xEA : 0x9A;
		for (uint32_t i = 0; i < 4; i++)
			code[n++] = (uint8_t)(target >> (8 * i));
		code[n++] = (uint8_t)sel;
		code[n++] = (uint8_t)(sel >> 8);
		if (how == 6) {
			code[n++] = 0xEB; /* jmp over the lret the call lands on */
			code[n++] = 0x01;
			code[n++] = 0xCB;
		}
	}
	bool trapped = hx_exec(code, n, &r, &t);
	loads++;
	faults += trapped;
	if (passes)
		return;
	bool ok = may_load(sel, how);
	uint32_t v = t.vector - BH_VEC_TRAP_BASE;
	BHT_CHECK(trapped != ok, "selector %#x, load %u: %s", sel, how, ok ? "faulted" : "loaded");
	if (trapped && !ok)
		BHT_CHECK((v == 13 || v == 11 || v == 12) && (t.error & ~3u) == (sel & ~3u),
			  "selector %#x, load %u: vector %u error %#x", sel, how, v, t.error);
}

int main(uint32_t cond, uint32_t id)
{
	static const struct scan scans[] = { { "lar", hs_scan_lar, false },
					     { "lsl", hs_scan_lsl, false },
					     { "verr", hs_scan_verr, false },
					     { "verw", hs_scan_verw, true } };
	(void)cond;
	(void)id;
	hx_init("hostile_seg");
	bh_irq_enable();
	while (hx_attacking()) {
		for (uint32_t i = 0; i < 4; i++)
			check_scan(&scans[i]);
		for (uint32_t idx = 0; idx < 16; idx++)
			for (uint32_t rpl = 0; rpl < 4; rpl++)
				for (uint32_t how = 0; how < 7; how++) {
					load(idx << 3 | rpl, how);
					load(idx << 3 | TI_LDT | rpl, how);
				}
		passes++;
	}
	bh_printf("%u passes: every selector scanned, %u loads and far transfers, %u faults\n",
		  passes, loads, faults);
	bht_finish(false);
	for (;;)
		;
}
