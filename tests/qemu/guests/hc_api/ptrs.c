/*
 * hc_api, pointers: every pointer-taking call against a catalogue of
 * pointers that are not entirely inside one of the caller's own regions
 * with the right permission. Each must fail with EFAULT (or E2BIG when the
 * length is too long, which is checked first) and write nothing; pointers
 * that end exactly at a region's end must work.
 */
#include "hc_api.h"

struct bad_ptr {
	const char *what;
	uint32_t va;
	uint32_t len; /* for the IN calls (console_write, hm_raise) */
};

/* Bad for reading and for writing. */
static const struct bad_ptr bad_any[] = {
	{ "null", 0, 4 },
	{ "kernel image", KERNEL_PTR, 16 },
	{ "last kernel bytes", BH_USER_BASE - 4, 4 },
	{ "from the kernel into the image", BH_USER_BASE - 4, 8 },
	{ "other partition's memory", PEER_ONLY, 16 },
	{ "unmapped hole", HOLE, 16 },
	{ "past a region's end", D1_END - 8, 16 },
	{ "across two adjacent regions", D3_BASE - 8, 16 },
	{ "vCPU page", BH_VCPU_VADDR, 16 },
	{ "user limit", BH_USER_LIMIT, 16 },
	{ "wraps past 4 GiB", 0xFFFFFFF0u, 0x20 },
	{ "last byte of the address space", 0xFFFFFFFFu, 1 },
	{ "wraps from the last byte", 0xFFFFFFFFu, 2 },
};
#define NBAD_ANY (sizeof(bad_any) / sizeof(bad_any[0]))

/* Readable but not writable, or not wholly inside one region for 48 bytes. */
static const uint32_t bad_out[] = {
	RO_BASE, RO_BASE + BH_PAGE_SIZE - 48, D1_END - 40, D3_BASE - 40, BH_VCPU_VADDR + 8,
	0xFFFFFFF0u, 0xFFFFFFD0u,
};
#define NBAD_OUT (sizeof(bad_out) / sizeof(bad_out[0]))

static void in_calls(const struct bad_ptr *b)
{
	int32_t r = bh_console_write((const char *)b->va, b->len);

	BHT_CHECK(r == BH_EFAULT, "console_write from %s (%#x): %d", b->what, b->va, r);
	r = bh_hm_raise(88, (const char *)b->va, b->len);
	BHT_CHECK(r == BH_EFAULT, "hm_raise from %s (%#x): %d", b->what, b->va, r);
	r = bh_hypercall1(BH_HC_UPCALL_RETURN, b->va);
	BHT_CHECK(r == BH_EFAULT, "upcall_return from %s (%#x): %d", b->what, b->va, r);
	r = bh_console_write((const char *)b->va, BH_CONSOLE_MAX + 1);
	BHT_CHECK(r == BH_E2BIG, "too long from %s (%#x): %d", b->what, b->va, r);
	api_bad += 4;
}

static void out_calls(uint32_t va, const char *what)
{
	int32_t r = bh_window_info((struct bh_window_info *)va);

	BHT_CHECK(r == BH_EFAULT, "window_info to %s (%#x): %d", what, va, r);
	r = bh_partition_status(BH_SELF, (struct bh_partition_status *)va);
	BHT_CHECK(r == BH_EFAULT, "partition_status to %s (%#x): %d", what, va, r);
	/* The pointer is checked before the partition id. */
	r = bh_partition_status(PEER_ID, (struct bh_partition_status *)va);
	BHT_CHECK(r == BH_EFAULT, "peer status to %s (%#x): %d", what, va, r);
	api_bad += 3;
}

/* A failed OUT call must not write even the part that was valid. */
static void no_partial_write(uint32_t va, uint32_t valid_len)
{
	volatile uint8_t *p = (volatile uint8_t *)va;

	for (uint32_t i = 0; i < valid_len; i++)
		p[i] = 0xA5;
	EXPECT(bh_window_info((struct bh_window_info *)va), BH_EFAULT);
	EXPECT(bh_partition_status(BH_SELF, (struct bh_partition_status *)va), BH_EFAULT);
	for (uint32_t i = 0; i < valid_len; i++)
		if (p[i] != 0xA5) {
			bht_fail(__FILE__, __LINE__, "byte %u at %#x written", i, va);
			return;
		}
}

static void exact_fits(void)
{
	struct bh_window_info *wi = (struct bh_window_info *)(D1_END - sizeof(*wi));
	struct bh_partition_status *st = (struct bh_partition_status *)(D3_BASE - sizeof(*st));

	wi->partition_id = 0xFFFF;
	EXPECT(bh_window_info(wi), BH_OK);
	BHT_EQ(wi->partition_id, API_ID);
	st->id = 0xFFFF;
	EXPECT(bh_partition_status(BH_SELF, st), BH_OK);
	BHT_EQ(st->id, API_ID);
	EXPECT(bh_console_write((const char *)(D1_END - 5), 0), 0);
}

void api_ptr_tests(void)
{
	for (uint32_t i = 0; i < NBAD_ANY; i++) {
		in_calls(&bad_any[i]);
		out_calls(bad_any[i].va, bad_any[i].what);
	}
	for (uint32_t i = 0; i < NBAD_OUT; i++)
		out_calls(bad_out[i], "a read-only or partly valid range");
	CHECK_BAD();
	no_partial_write(D1_END - 40, 40);
	no_partial_write(D3_BASE - 40, 48); /* 40 bytes of D2, 8 of D3 */
	exact_fits();
	/* A length that is the pointer itself (argument aliasing) is just too long. */
	EXPECT(bh_console_write((const char *)D1_BASE, D1_BASE), BH_E2BIG);
	/* The length is checked before the pointer. */
	EXPECT(bh_console_write((const char *)KERNEL_PTR, BH_CONSOLE_MAX + 1), BH_E2BIG);
	EXPECT(bh_hm_raise(89, (const char *)KERNEL_PTR, 0xFFFFFFFFu), BH_E2BIG);
	/* A zero-length buffer is never looked at, wherever it points. */
	EXPECT(bh_console_write((const char *)KERNEL_PTR, 0), 0);
	CHECK_BAD();
}
