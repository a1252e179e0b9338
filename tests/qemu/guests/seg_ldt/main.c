/*
 * Descriptor tables from ring 3 (issue 8, break 3): the kernel never loaded
 * an LDT, so LDTR kept its reset value (base 0, limit 0xFFFF) and ring 3
 * could use descriptors read from whatever lay at linear address 0 (a scan
 * found 154, two call gates and a TSS among them).
 *
 * For every one of the 65536 selectors, lar, lsl, verr and verw must find
 * nothing usable except the partition's own segments (the selectors in its
 * segment registers at start, any RPL); sldt must read the null selector;
 * and loading each selector into fs must fault, except the null selector
 * and the partition's own (each load that faults is a general-protection
 * fault the configuration propagates; the handler steps over it).
 */
#include <bhtest.h>

uint32_t seg_try_load(uint32_t sel);
extern char seg_load_site[], seg_load_end[];
uint32_t seg_home;

static uint32_t own[6];
static volatile uint32_t faults, stray;

static uint32_t read_sel(int which)
{
	uint32_t v = 0;

	switch (which) {
	case 0: __asm__ volatile("mov %%cs, %0" : "=r"(v)); break;
	case 1: __asm__ volatile("mov %%ss, %0" : "=r"(v)); break;
	case 2: __asm__ volatile("mov %%ds, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("mov %%es, %0" : "=r"(v)); break;
	case 4: __asm__ volatile("mov %%fs, %0" : "=r"(v)); break;
	default: __asm__ volatile("mov %%gs, %0" : "=r"(v)); break;
	}
	return v & 0xFFFFu;
}

/*
 * Same descriptor (index and table) as one of the partition's own: those of
 * cs, ss, ds and es. fs and gs start with 0x1B, the thread-pointer selector,
 * whose loads fault until the partition sets a thread pointer (tls_seg).
 */
static bool is_own(uint32_t sel)
{
	for (int i = 0; i < 4; i++)
		if ((sel & ~3u) == (own[i] & ~3u) && own[i] >= 4)
			return true;
	return false;
}

static void on_gp(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	if (f->eip != BH_PTR(seg_load_site)) {
		stray++;
		f->eip = BH_PTR(seg_load_end); /* cannot resume: end the scan */
		return;
	}
	faults++;
	f->eip = BH_PTR(seg_load_end);
	f->ecx = 0;
}

/* lar/lsl/verr/verw: ZF set means the selector is usable. */
static uint32_t usable(uint32_t sel)
{
	uint8_t lar, lsl, verr, verw;
	uint32_t out;

	__asm__ volatile("lar %5, %4\n\tsetz %0\n\t"
			 "lsl %5, %4\n\tsetz %1\n\t"
			 "verr %w5\n\tsetz %2\n\t"
			 "verw %w5\n\tsetz %3"
			 : "=&q"(lar), "=&q"(lsl), "=&q"(verr), "=&q"(verw), "=&r"(out)
			 : "r"(sel)
			 : "cc");
	return (uint32_t)lar | (uint32_t)lsl << 1 | (uint32_t)verr << 2 | (uint32_t)verw << 3;
}

static void scan_instructions(void)
{
	uint32_t bad = 0, ldt_usable = 0, first_bad = 0;

	for (uint32_t sel = 0; sel < 0x10000u; sel++) {
		uint32_t u = usable(sel);
		if (u && (sel & 4u))
			ldt_usable++;
		if (u && !is_own(sel)) {
			if (!bad)
				first_bad = sel;
			bad++;
		}
	}
	BHT_CHECK(bad == 0,
		  "%u selectors usable by lar/lsl/verr/verw besides the partition's own "
		  "(%u in the LDT; first %#x)",
		  bad, ldt_usable, first_bad);
}

static void scan_loads(void)
{
	uint32_t loaded = 0, expected_faults = 0, first_bad = 0;

	for (uint32_t sel = 0; sel < 0x10000u; sel += 4) { /* every index, RPL 3 */
		uint32_t s = sel | 3u;
		bool ok = seg_try_load(s) != 0;
		bool allowed = (s & ~3u) == 0 || is_own(s);
		if (ok && !allowed) {
			if (!loaded)
				first_bad = s;
			loaded++;
		}
		expected_faults += !allowed;
	}
	BHT_CHECK(loaded == 0, "%u selectors loaded into fs besides the partition's own "
			       "(first %#x)", loaded, first_bad);
	BHT_EQ(faults, expected_faults);
	BHT_EQ(stray, 0);
}

int main(uint32_t cond, uint32_t id)
{
	uint32_t ldtr = 0xFFFFu;

	(void)cond;
	(void)id;
	bht_init("seg_ldt");
	for (int i = 0; i < 6; i++)
		own[i] = read_sel(i);
	seg_home = own[2];
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TRAP(13), on_gp);
	bh_set_handler(BH_VEC_TRAP(11), on_gp); /* not present: only with a real LDT */
	bh_set_handler(BH_VEC_TRAP(12), on_gp);
	__asm__ volatile("sldt %0" : "=r"(ldtr));
	BHT_CHECK((ldtr & 0xFFFFu) == 0, "LDTR holds %#x, not the null selector", ldtr & 0xFFFFu);
	scan_instructions();
	scan_loads();
	bht_finish(true);
	return 0;
}
