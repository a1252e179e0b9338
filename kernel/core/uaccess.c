/* Checked access to partition memory (see bh/uaccess.h). */
#include <bh/arch.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/uaccess.h>

void *uaccess_ptr(const struct partition *p, gva_t va, uint32_t len, uint32_t perms)
{
	const struct bh_cfg_partition *cfg = p->cfg;
	uint32_t last = va.va + (len ? len - 1 : 0);

	if (last < va.va) /* wraps past 4 GiB */
		return NULL;
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		/* Both ends inside, computed without overflow. */
		if (va.va >= r->vaddr && last - r->vaddr < r->size) {
			if ((r->perms & perms) != perms)
				return NULL;
			return arch_user_ptr(p, va.va, paddr(r->paddr + (va.va - r->vaddr)));
		}
	}
	return NULL;
}

int32_t uaccess_copy_in(const struct partition *p, void *dst, gva_t src, uint32_t len)
{
	const void *s;

	if (!len)
		return BH_OK;
	s = uaccess_ptr(p, src, len, BH_PERM_R);
	if (!s)
		return BH_EFAULT;
	memcpy(dst, s, len);
	return BH_OK;
}

int32_t uaccess_copy_out(const struct partition *p, gva_t dst, const void *src, uint32_t len)
{
	void *d;

	if (!len)
		return BH_OK;
	d = uaccess_ptr(p, dst, len, BH_PERM_W);
	if (!d)
		return BH_EFAULT;
	memcpy(d, src, len);
	return BH_OK;
}
