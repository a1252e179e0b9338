/*
 * tls_set_hypercall and tls_gs_emulated (bench/tls, under icount): the
 * instructions of one BH_HC_TLS_SET (what the executive's thread switch
 * does) and of one guest load of selector 0x18 into gs with a registered
 * descriptor (what RTEMS's i386 context switch does, served on the #GP it
 * raises), each between two TSC stamps, the stamp pair's own cost taken
 * off; medians of several samples.
 */
#include <bhbench.h>

static uint32_t block[8];
static uint64_t desc;

static uint32_t stamp_pair(void)
{
	uint32_t a = bhb_tsc();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t one_set(void)
{
	uint32_t a = bhb_tsc();
	bh_tls_set(&block[4]);
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t one_load(void)
{
	uint32_t sel = BH_SEL_TLS;
	uint32_t a = bhb_tsc();
	__asm__ volatile("mov %0, %%gs" : : "r"(sel) : "memory");
	uint32_t b = bhb_tsc();

	return b - a;
}

/* RTEMS's descriptor: flat, present, writable data at base. */
static uint64_t rtems_desc(const void *base)
{
	uint32_t b = BH_PTR(base);

	return 0xFFFFull | (uint64_t)(b & 0xFFFFFFu) << 16 | 0x92ull << 40 | 0xCFull << 48 |
	       (uint64_t)(b >> 24) << 56;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	uint32_t stamp = bhb_median_of("stamp pair", stamp_pair, 9);
	uint32_t set = bhb_median_of("tls set", one_set, 9);

	desc = rtems_desc(&block[4]);
	if (bh_tls_desc(&desc) != BH_OK)
		BHB_ERROR("BH_HC_TLS_DESC refused\n");
	uint32_t load = bhb_median_of("gs load", one_load, 9);

	bhb_report("tls_set_hypercall", set - stamp, "insn");
	bhb_report("tls_gs_emulated", load - stamp, "insn");
	bhb_end();
}
