/* hostile_ptr: the model of the kernel's pointer rule. */
#include "ptr.h"

const struct ptr_region ptr_regions[PTR_NREGIONS] = {
	{ 0x40000000u, 0x40000u, PERM_R | PERM_W | PERM_X },
	{ 0x40100000u, 0x1000u, PERM_R },
};

/* All of [va, va + len) in one region with perms (len >= 1, no wrap). */
bool ptr_inside(uint32_t va, uint32_t len, uint32_t perms)
{
	uint32_t last = va + len - 1;

	if (!len || last < va)
		return false;
	for (uint32_t i = 0; i < PTR_NREGIONS; i++) {
		const struct ptr_region *r = &ptr_regions[i];
		if (va >= r->base && last - r->base < r->size)
			return (r->perms & perms) == perms;
	}
	return false;
}

int32_t ptr_expect_in(uint32_t va, uint32_t len, uint32_t max)
{
	if (len > max)
		return BH_E2BIG;
	if (!len)
		return BH_OK;
	return ptr_inside(va, len, PERM_R) ? BH_OK : BH_EFAULT;
}

int32_t ptr_expect_out(uint32_t va, uint32_t len)
{
	return ptr_inside(va, len, PERM_W) ? BH_OK : BH_EFAULT;
}

void ptr_check(const char *call, uint32_t va, uint32_t len, int32_t got, int32_t want)
{
	ptr_calls++;
	if (!ptr_passes)
		BHT_CHECK(got == want, "%s(%#x, %u): %d, expected %d", call, va, len, got, want);
	else if (got != want)
		bht_fail(__FILE__, __LINE__, "pass %u: %s(%#x, %u): %d, expected %d", ptr_passes,
			 call, va, len, got, want);
}
