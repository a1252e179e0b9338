/*
 * Guest pointer checks (kernel/core/uaccess.c): a range is accepted only
 * when it lies wholly inside one of the caller's regions with the needed
 * permissions. Every region boundary of the test system is probed, each
 * permission combination, the wrap-around cases, and a sweep of the whole
 * 32-bit space is compared with an independent 64-bit model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/uaccess.h>

#define RWX (BH_PERM_R | BH_PERM_W | BH_PERM_X)

/* The model: 64-bit arithmetic cannot wrap, so it needs no special cases. */
static uint8_t *model(uint32_t id, uint32_t va, uint32_t len, uint32_t perms)
{
	const struct bh_cfg_partition *c = &tsys_parts[id];
	uint64_t end = (uint64_t)va + (len ? len : 1);

	for (uint32_t i = 0; i < c->nregions; i++) {
		const struct bh_cfg_region *r = &c->regions[i];
		if (va >= r->vaddr && end <= (uint64_t)r->vaddr + r->size)
			return (r->perms & perms) == perms
				       ? host_ram + (r->paddr - BH_CFG_PHYS_POOL_BASE) + (va - r->vaddr)
				       : NULL;
	}
	return NULL;
}

static void *probe(uint32_t id, uint32_t va, uint32_t len, uint32_t perms)
{
	return uaccess_ptr(tsys_part(id), gva(va), len, perms);
}

static void check_same(uint32_t id, uint32_t va, uint32_t len, uint32_t perms)
{
	void *got = probe(id, va, len, perms);

	if (got != (void *)model(id, va, len, perms))
		fail_msg("partition %u va %#x len %#x perms %u: got %p", id, va, len, perms, got);
}

/* First and last byte, one outside on each side, whole region, one more. */
static void test_region_edges(void **state)
{
	(void)state;
	for (uint32_t id = 0; id < TSYS_NPART; id++) {
		for (uint32_t i = 0; i < tsys_parts[id].nregions; i++) {
			const struct bh_cfg_region *r = &tsys_regions[id][i];
			uint8_t *k = host_ram + (r->paddr - BH_CFG_PHYS_POOL_BASE);
			uint32_t last = r->vaddr + r->size - 1;

			assert_ptr_equal(probe(id, r->vaddr, 1, r->perms), k);
			assert_ptr_equal(probe(id, last, 1, r->perms), k + r->size - 1);
			assert_ptr_equal(probe(id, r->vaddr, r->size, r->perms), k);
			assert_null(probe(id, r->vaddr, r->size + 1, r->perms));
			assert_null(probe(id, r->vaddr + 1, r->size, r->perms));
			assert_null(probe(id, last, 2, r->perms));
			assert_null(probe(id, r->vaddr - 1, 2, r->perms));
			for (uint32_t d = 0; d < 4; d++)
				for (uint32_t len = 0; len < 6; len++) {
					check_same(id, r->vaddr - d, len, r->perms);
					check_same(id, last + 1 - d, len, r->perms);
					check_same(id, last + d, len, BH_PERM_R);
				}
		}
	}
}

/* alpha's data and ro regions touch in virtual space, not physically. */
static void test_adjacent_regions_not_merged(void **state)
{
	(void)state;
	assert_non_null(probe(TSYS_ALPHA, A_RO - 1, 1, BH_PERM_R));
	assert_non_null(probe(TSYS_ALPHA, A_RO, 1, BH_PERM_R));
	assert_null(probe(TSYS_ALPHA, A_RO - 1, 2, BH_PERM_R));
	assert_null(probe(TSYS_ALPHA, A_DATA, A_DATA_SIZE + A_RO_SIZE, BH_PERM_R));
}

static void test_permission_combinations(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < A_NREGIONS; i++) {
		const struct bh_cfg_region *r = &tsys_regions[TSYS_ALPHA][i];
		for (uint32_t want = 0; want <= RWX; want++) {
			void *got = probe(TSYS_ALPHA, r->vaddr + 8, 8, want);
			if ((want & ~r->perms) == 0)
				assert_non_null(got);
			else
				assert_null(got);
		}
	}
	/* The shared object: writable in alpha, read-only in beta. */
	assert_ptr_equal(probe(TSYS_ALPHA, A_SHM, 4, BH_PERM_W), probe(TSYS_BETA, B_SHM, 4, BH_PERM_R));
	assert_null(probe(TSYS_BETA, B_SHM, 4, BH_PERM_W));
}

static void test_wrap_and_huge_lengths(void **state)
{
	(void)state;
	assert_null(probe(TSYS_ALPHA, 0xFFFFFFF0u, 0x20, 0));
	assert_null(probe(TSYS_ALPHA, 0xFFFFFFFFu, 1, 0));
	assert_null(probe(TSYS_ALPHA, 0xFFFFFFFFu, 2, 0));
	assert_null(probe(TSYS_ALPHA, A_TEXT, 0xFFFFFFFFu, 0));
	assert_null(probe(TSYS_ALPHA, A_TOP, 0xFFFFFFFFu, 0));
	assert_null(probe(TSYS_ALPHA, A_TOP + 0x10, 0xFFFFFFF0u, 0)); /* ends at 0 exactly */
	assert_null(probe(TSYS_ALPHA, A_TOP, A_TOP_SIZE + 1, 0));     /* reaches the user limit */
	assert_null(probe(TSYS_ALPHA, A_TEXT, 0xC0000000u, 0));
	assert_non_null(probe(TSYS_ALPHA, A_TOP + A_TOP_SIZE - 1, 1, 0));
	/* Lengths that wrap around and end inside the very same region. */
	assert_null(probe(TSYS_ALPHA, A_TEXT + 0x100, 0xFFFFFFF0u, 0));
	assert_null(probe(TSYS_ALPHA, A_DATA + 1, 0xFFFFFFFFu, 0));
	assert_null(probe(TSYS_ALPHA, A_TOP + 0x800, 0xFFFFFC00u, 0));
}

static void test_outside_own_memory(void **state)
{
	(void)state;
	static const uint32_t bad[] = { 0, 0x1000, 0x00100000, 0x3FFFFFFFu, A_TEXT + A_TEXT_SIZE,
					A_DATA - 1, G_MEM, B_SHM, BH_USER_LIMIT, BH_VCPU_VADDR,
					0xFFFFFFFFu };
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(bad); i++)
		assert_null(probe(TSYS_ALPHA, bad[i], 1, 0));
	assert_non_null(probe(TSYS_GAMMA, G_MEM, 1, RWX));
	assert_null(probe(TSYS_GAMMA, A_TEXT, 1, 0));
}

/* Every page boundary of the address space, lengths 1 and 2 and a page. */
static void test_sweep_address_space(void **state)
{
	(void)state;
	for (uint64_t va = 0; va < 0x100000000ull; va += BH_PAGE_SIZE) {
		check_same(TSYS_ALPHA, (uint32_t)va, 1, BH_PERM_R);
		check_same(TSYS_ALPHA, (uint32_t)va - 1, 2, BH_PERM_R);
		check_same(TSYS_ALPHA, (uint32_t)va, BH_PAGE_SIZE, BH_PERM_W);
	}
}

static void test_copy_in_out(void **state)
{
	struct partition *a = tsys_part(TSYS_ALPHA);
	uint8_t buf[16], sentinel[16];

	(void)state;
	memset(sentinel, 0x5A, sizeof(sentinel));
	memcpy(buf, sentinel, sizeof(buf));
	assert_int_equal(uaccess_copy_in(a, buf, gva(A_TEXT), sizeof(buf)), BH_OK);
	assert_memory_equal(buf, tsys_alpha_text, sizeof(buf));

	memcpy(buf, sentinel, sizeof(buf));
	assert_int_equal(uaccess_copy_in(a, buf, gva(A_RO + A_RO_SIZE - 8), 16), BH_EFAULT);
	assert_memory_equal(buf, sentinel, sizeof(buf)); /* nothing copied */
	assert_int_equal(uaccess_copy_in(a, buf, gva(0), 0), BH_OK);
	assert_int_equal(uaccess_copy_in(a, buf, gva(0xFFFFFFF0u), 0x20), BH_EFAULT);

	assert_int_equal(uaccess_copy_out(a, gva(A_DATA + 100), sentinel, 16), BH_OK);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_DATA + 100, 16), sentinel, 16);
	assert_int_equal(uaccess_copy_out(a, gva(A_RO), sentinel, 16), BH_EFAULT);
	assert_int_equal(uaccess_copy_out(a, gva(A_TEXT), sentinel, 16), BH_EFAULT);
	assert_memory_equal(tsys_mem(TSYS_ALPHA, A_TEXT, 16), tsys_alpha_text, 16);
	assert_int_equal(uaccess_copy_out(a, gva(A_DATA + A_DATA_SIZE - 8), sentinel, 16), BH_EFAULT);
	assert_int_equal(uaccess_copy_out(a, gva(0), sentinel, 0), BH_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_region_edges, tsys_setup_boot),
		cmocka_unit_test_setup(test_adjacent_regions_not_merged, tsys_setup_boot),
		cmocka_unit_test_setup(test_permission_combinations, tsys_setup_boot),
		cmocka_unit_test_setup(test_wrap_and_huge_lengths, tsys_setup_boot),
		cmocka_unit_test_setup(test_outside_own_memory, tsys_setup_boot),
		cmocka_unit_test_setup(test_sweep_address_space, tsys_setup_boot),
		cmocka_unit_test_setup(test_copy_in_out, tsys_setup_boot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
