/*
 * A partition that restarts after every fault (hm ... restart_cold) and
 * runs the next attack each time, using its restart count. At each restart
 * it checks that the health monitor saw the previous attack as expected.
 */
#include <bhtest.h>

struct attack {
	const char *what;
	uint32_t event; /* expected enum bh_hm_event */
};

static const struct attack attacks[] = {
	{ "write to the kernel image", BH_HM_PAGE_FAULT },
	{ "read unmapped user memory", BH_HM_PAGE_FAULT },
	{ "execute kernel code", BH_HM_PAGE_FAULT },
	{ "port I/O to the PIC", BH_HM_GENERAL_PROTECTION },
	{ "hlt", BH_HM_GENERAL_PROTECTION },
	{ "software interrupt to an IRQ vector", BH_HM_GENERAL_PROTECTION },
	{ "load a kernel data segment", BH_HM_GENERAL_PROTECTION },
	{ "lgdt", BH_HM_GENERAL_PROTECTION },
	{ "write to its own read-only region", BH_HM_PAGE_FAULT },
	{ "divide by zero", BH_HM_DIVIDE_ERROR },
	{ "undefined instruction", BH_HM_INVALID_OPCODE },
	{ "breakpoint", BH_HM_GENERAL_PROTECTION },
};
#define NATTACKS (sizeof(attacks) / sizeof(attacks[0]))
#define RO_REGION 0x40100000u

static volatile uint32_t zero;

static void attack(uint32_t k)
{
	switch (k) {
	case 0: *(volatile uint32_t *)0x00100000u = 1; break;
	case 1: (void)*(volatile uint32_t *)0x50000000u; break;
	case 2: ((void (*)(void))0x00100000u)(); break;
	case 3: __asm__ volatile("outb %%al, $0x21" : : "a"(0xFF)); break;
	case 4: __asm__ volatile("hlt"); break;
	case 5: __asm__ volatile("int $0x20"); break;
	case 6: __asm__ volatile("mov %0, %%ds" : : "r"(0x10)); break;
	case 7: {
		static const uint8_t gdtr[6];
		__asm__ volatile("lgdt %0" : : "m"(gdtr));
		break;
	}
	case 8: *(volatile uint32_t *)RO_REGION = 1; break;
	case 9: { volatile uint32_t x = 10 / zero; (void)x; break; }
	case 10: __asm__ volatile("ud2"); break;
	case 11: __asm__ volatile("int3"); break;
	}
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;

	(void)id;
	bht_init("cycler");
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	uint32_t k = st.restart_count;
	if (k > 0) {
		BHT_EQ(cond, BH_START_HM_PARTITION_RESTART);
		BHT_EQ(st.start_condition, BH_START_HM_PARTITION_RESTART);
		BHT_EQ(st.hm_events, k);
		BHT_CHECK(st.last_hm_event == attacks[k - 1].event,
			  "attack %u (%s): health monitor saw event %u, expected %u", k - 1,
			  attacks[k - 1].what, st.last_hm_event, attacks[k - 1].event);
	}
	if (bht_failures() || k == NATTACKS) {
		bh_printf("%u attacks stopped\n", k);
		bht_finish(false);
		for (;;)
			bh_yield();
	}
	attack(k);
	bht_fail(__FILE__, __LINE__, "attack %u (%s) was not stopped", k, attacks[k].what);
	bht_finish(false);
	for (;;)
		bh_yield();
}
