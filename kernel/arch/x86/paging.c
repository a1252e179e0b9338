/*
 * Paging without PAE. Physical memory [0, 1 GiB) is identity-mapped with
 * 4 MiB global supervisor pages in every address space: the kernel reaches
 * partition memory through it, and ring 3 cannot touch it. A partition's
 * directory adds, with 4 KiB pages from its configured pool, exactly its
 * configured regions and its vCPU page; nothing else is mapped for it.
 */
#include <arch/x86.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/printk.h>

#define KERNEL_PDES 256u /* 256 x 4 MiB = 1 GiB identity map */

static uint32_t kernel_pd[1024] __attribute__((aligned(4096)));
static uint32_t global_bit;

void paging_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & (1u << 3)))
		panic("CPU lacks 4 MiB pages (PSE)");
	uint32_t cr4 = read_cr4() | CR4_PSE;
	if (d & (1u << 13)) {
		cr4 |= CR4_PGE;
		global_bit = PTE_G;
	}
	for (uint32_t i = 0; i < KERNEL_PDES; i++)
		kernel_pd[i] = (i << 22) | PTE_P | PTE_W | PTE_PS | global_bit;
	write_cr4(cr4);
	write_cr3((uint32_t)kernel_pd);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

uint32_t paging_kernel_pd(void)
{
	return (uint32_t)kernel_pd;
}

void *arch_phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)pa.pa;
}

/* The page table covering va, taking a fresh one from the pool if needed. */
static uint32_t *pt_for(const struct bh_cfg_partition *cfg, uint32_t *used, uint32_t va)
{
	uint32_t *pde = &cfg->page_dir[va >> 22];

	if (*pde & PTE_P)
		return (uint32_t *)(*pde & ~0xFFFu);
	if (*used >= cfg->npage_tables)
		return NULL;
	uint32_t *pt = cfg->page_tables[(*used)++];
	memset(pt, 0, BH_PAGE_SIZE);
	*pde = (uint32_t)pt | PTE_P | PTE_W | PTE_U;
	return pt;
}

static int map_range(const struct bh_cfg_partition *cfg, uint32_t *used, uint32_t va,
		     uint32_t pa, uint32_t size, bool writable)
{
	for (uint32_t off = 0; off < size; off += BH_PAGE_SIZE) {
		uint32_t *pt = pt_for(cfg, used, va + off);
		if (!pt)
			return BH_EINVAL;
		pt[((va + off) >> 12) & 0x3FFu] =
			(pa + off) | PTE_P | PTE_U | (writable ? PTE_W : 0u);
	}
	return 0;
}

int paging_aspace_init(struct partition *p)
{
	const struct bh_cfg_partition *cfg = p->cfg;
	uint32_t used = 0;

	memset(cfg->page_dir, 0, BH_PAGE_SIZE);
	memcpy(cfg->page_dir, kernel_pd, KERNEL_PDES * sizeof(uint32_t));
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		int err = map_range(cfg, &used, r->vaddr, r->paddr, r->size,
				    (r->perms & BH_PERM_W) != 0);
		if (err)
			return err;
	}
	return map_range(cfg, &used, BH_VCPU_VADDR, (uint32_t)cfg->vcpu, BH_PAGE_SIZE, true);
}
