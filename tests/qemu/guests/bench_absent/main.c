/*
 * Benchmark entries are not in normal images (issue 8, break 9): booted
 * with `bench` on the command line, which once switched them on in every
 * kernel, `int $0x81`, `int $0x82`, `int $0x83` and `sysenter` must each raise a general
 * protection fault of this partition (propagated to it by its health
 * monitor setting): error code (vector << 3) | 2 for an `int` to an empty
 * IDT slot, 0 for sysenter with zero MSRs, at the instruction itself.
 * The kernel counts and logs the four events (`expect`).
 */
#include <bhtest.h>

#define MAGIC 0xB0E5B0E5u
#define GP 13u

uint32_t ba_int81(void), ba_int82(void), ba_int83(void), ba_sysenter(void);
extern char ba_int81_site[], ba_int81_end[], ba_int82_site[], ba_int82_end[];
extern char ba_int83_site[], ba_int83_end[];
extern char ba_sysenter_site[], ba_sysenter_end[];

struct site {
	const char *name;
	uint32_t (*fn)(void);
	const char *at, *end;
	uint32_t error;
};

static const struct site sites[] = {
	{ "int $0x81", ba_int81, ba_int81_site, ba_int81_end, (0x81u << 3) | 2u },
	{ "int $0x82", ba_int82, ba_int82_site, ba_int82_end, (0x82u << 3) | 2u },
	{ "int $0x83", ba_int83, ba_int83_site, ba_int83_end, (0x83u << 3) | 2u },
	{ "sysenter", ba_sysenter, ba_sysenter_site, ba_sysenter_end, 0 },
};
#define NSITES (sizeof(sites) / sizeof(sites[0]))

static const struct site *cur;
static volatile uint32_t ntraps, seen_vector, seen_error, seen_eip;

static void on_trap(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)count;
	ntraps++;
	seen_vector = vector;
	seen_error = f->error_code;
	seen_eip = f->eip;
	if (!cur) /* not one of ours: stop here rather than loop */
		bht_error("unexpected trap %u at %#x", vector - BH_VEC_TRAP_BASE, f->eip);
	f->eip = BH_PTR(cur->end);
	f->eax = MAGIC;
}

static void try_site(const struct site *s)
{
	cur = s;
	ntraps = 0;
	uint32_t ret = s->fn();
	cur = NULL;
	BHT_CHECK(ntraps == 1 && ret == MAGIC, "%s: returned %#x after %u traps: the entry exists",
		  s->name, ret, ntraps);
	if (ntraps != 1)
		return;
	BHT_CHECK(seen_vector == BH_VEC_TRAP(GP), "%s: vector %u, expected %u", s->name,
		  seen_vector, BH_VEC_TRAP(GP));
	BHT_CHECK(seen_error == s->error, "%s: error code %#x, expected %#x", s->name, seen_error,
		  s->error);
	BHT_CHECK(seen_eip == BH_PTR(s->at), "%s: fault at %#x, expected %#x", s->name, seen_eip,
		  BH_PTR(s->at));
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;

	(void)cond;
	(void)id;
	bht_init("bench_absent");
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TRAP(GP), on_trap);
	for (uint32_t i = 0; i < NSITES; i++)
		try_site(&sites[i]);
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.hm_events, NSITES);
	BHT_EQ(st.last_hm_event, BH_HM_GENERAL_PROTECTION);
	bht_finish(true);
	for (;;)
		;
}
