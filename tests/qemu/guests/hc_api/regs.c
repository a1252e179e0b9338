/*
 * hc_api, registers: the trap convention itself. Every register but the
 * results must come back unchanged (arithmetic flags and DF too), unused
 * argument registers must be ignored, unknown numbers must fail without
 * aliasing a valid call, and the kernel must not care where the caller's
 * stack pointer points.
 */
#include "hc_api.h"

#define SENTINEL_EBP 0x5EB05EB0u
#define TRAP_FLAGS 0xCD5u /* every flag a partition may set, DF included */
#define JUNK 0xDEADBEEFu
#define NT_FLAG 0x4000u

/* Trap with a[0..4]; check the result and that nothing else changed. */
static void trap(uint32_t nr, const uint32_t a[5], int32_t want, bool edx_out, int line)
{
	struct hcl_regs r = { nr, a[0], a[1], a[2], a[3], a[4], SENTINEL_EBP, 0, TRAP_FLAGS };
	const struct hcl_regs in = r;

	hcl_call(&r);
	api_expect((int32_t)r.eax, want, "trap", __FILE__, line);
	BHT_CHECK(r.ebx == in.ebx && r.ecx == in.ecx && r.esi == in.esi && r.edi == in.edi,
		  "nr %u changed an argument register", nr);
	BHT_CHECK(edx_out || r.edx == in.edx, "nr %u changed edx", nr);
	BHT_EQ(r.ebp, SENTINEL_EBP);
	BHT_EQ(r.esp, 0);
	BHT_EQ(r.eflags & HCL_EFLAGS_USER, TRAP_FLAGS);
}

static void version_regs(void)
{
	const uint32_t a[5] = { JUNK, JUNK, JUNK, JUNK, JUNK };
	struct hcl_regs r = { BH_HC_VERSION, 1, 2, 3, 4, 5, 6, 0, 0 };

	trap(BH_HC_VERSION, a, (int32_t)BH_ABI_VERSION, true, __LINE__);
	hcl_call(&r);
	BHT_EQ(r.eax, BH_ABI_VERSION);
	BHT_EQ(r.edx, BH_FEAT_VIRQ | BH_FEAT_ONESHOT | BH_FEAT_DEVICE_IRQ | BH_FEAT_IOPORTS |
			   BH_FEAT_PORTS | BH_FEAT_RAISE | BH_FEAT_TLS | BH_FEAT_BATCH);
	BHT_EQ(r.eflags & HCL_EFLAGS_USER, 0);
	/* NT, which popf can set in ring 3, never comes back from a call: not
	 * from BH_HC_VERSION (answered in the entry, x86: entry.S) nor from
	 * one through the dispatcher. */
	static const uint32_t nt_nrs[] = { BH_HC_VERSION, BH_HC_TIME_GET };
	for (uint32_t i = 0; i < 2; i++) {
		r = (struct hcl_regs){ nt_nrs[i], 0, 0, 0, 0, 0, 0, 0, TRAP_FLAGS | NT_FLAG };
		hcl_call(&r);
		BHT_EQ(r.eflags & (HCL_EFLAGS_USER | NT_FLAG), TRAP_FLAGS);
	}
}

/* Valid calls with junk in every register they do not use. */
static void junk_in_unused(void)
{
	static const char msg[] = "junk registers ignored\n";
	uint32_t a[5] = { BH_PTR(msg), sizeof(msg) - 1, JUNK, JUNK, JUNK };
	struct bh_window_info wi;
	struct bh_partition_status st;

	trap(BH_HC_CONSOLE_WRITE, a, (int32_t)sizeof(msg) - 1, false, __LINE__);
	a[0] = BH_PTR(&wi), a[1] = JUNK;
	trap(BH_HC_WINDOW_INFO, a, BH_OK, false, __LINE__);
	BHT_EQ(wi.partition_id, API_ID);
	a[0] = BH_SELF, a[1] = BH_PTR(&st);
	trap(BH_HC_PARTITION_STATUS, a, BH_OK, false, __LINE__);
	BHT_EQ(st.id, API_ID);
	a[0] = 3, a[1] = JUNK;
	trap(BH_HC_VIRQ_UNMASK, a, BH_OK, false, __LINE__);
	a[0] = 0, a[1] = 0;
	trap(BH_HC_TIMER_SET, a, BH_OK, false, __LINE__); /* cancel */
	a[0] = JUNK, a[1] = JUNK;
	trap(BH_HC_VIRQ_SYNC, a, BH_OK, false, __LINE__);
}

static void time_regs(void)
{
	const uint32_t a[5] = { JUNK, JUNK, JUNK, JUNK, JUNK };
	struct hcl_regs r = { BH_HC_TIME_GET, a[0], a[1], a[2], a[3], a[4], SENTINEL_EBP, 0,
			      TRAP_FLAGS };
	uint64_t before = bh_time_ns(), t;

	hcl_call(&r);
	t = ((uint64_t)r.edx << 32) | r.eax;
	BHT_CHECK(t >= before && t < before + 1000000000u, "time %llu after %llu", t, before);
	BHT_CHECK(r.ebx == JUNK && r.ecx == JUNK && r.esi == JUNK && r.edi == JUNK,
		  "time_get changed an argument register");
	BHT_EQ(r.ebp, SENTINEL_EBP);
	BHT_EQ(r.esp, 0);
}

/* Unknown numbers: no masking to a byte, no sign games, no table overrun. */
static void bad_numbers(void)
{
	static const uint32_t nrs[] = { BH_HC_COUNT, BH_HC_COUNT + 1, 0x100u + BH_HC_VERSION,
					0x10000u + BH_HC_CONSOLE_WRITE, 0x7FFFFFFFu,
					0x80000000u, 0x80000000u + BH_HC_MODULE_HALT,
					0xFFFFFFFFu, 0xFFFFFFFEu, 1000000u };
	const uint32_t a[5] = { 0, 0, 0, 0, 0 };

	for (uint32_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++)
		trap(nrs[i], a, BH_ENOSYS, false, __LINE__);
	CHECK_BAD();
}

/* The trap never uses the caller's stack: any esp works. */
static void bogus_stacks(void)
{
	static const uint32_t sps[] = { 0, 4, KERNEL_PTR, RO_BASE, BH_VCPU_VADDR, 0xFFFFFFFCu,
					HOLE, PEER_ONLY };

	for (uint32_t i = 0; i < sizeof(sps) / sizeof(sps[0]); i++) {
		int32_t r = hcl_call_on_stack(BH_HC_VERSION, sps[i]);
		BHT_CHECK(r == (int32_t)BH_ABI_VERSION, "version on stack %#x: %d", sps[i], r);
		r = hcl_call_on_stack(BH_HC_COUNT, sps[i]);
		BHT_CHECK(r == BH_ENOSYS, "bad number on stack %#x: %d", sps[i], r);
		api_bad++;
	}
	CHECK_BAD();
}

void api_regs_tests(void)
{
	version_regs();
	junk_in_unused();
	time_regs();
	bad_numbers();
	bogus_stacks();
}
