/*
 * Paging without PAE. The kernel's own directory identity-maps physical
 * memory [0, 1 GiB) with 4 MiB global supervisor pages; it is the address
 * space at boot and while a partition's image is loaded (arch_phys_open).
 * A partition's directory maps, supervisor-only, the kernel's own memory:
 * [0, BH_RES_PHYS_BASE) = 16 MiB, which holds the kernel's image and data
 * (the configuration, the partitions' images to load, vCPU pages, page
 * tables, console rings, port buffers) and no partition memory (every
 * region lies at or above it: the boot check, bh/resources.h). Then, with
 * 4 KiB user pages from its configured pool, exactly its configured
 * regions and its two vCPU pages (the state page read-only). Another
 * partition's memory is not mapped at all, not even for ring 0: the kernel
 * reaches the running partition's memory at the partition's own addresses
 * (arch_user_ptr).
 */
#include <arch/x86.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/resources.h>

#define KERNEL_PDES 256u /* 256 x 4 MiB = 1 GiB: the kernel's directory */
#define SPACE_KERNEL_PDES (BH_RES_PHYS_BASE >> 22) /* 4 x 4 MiB in a partition's */

extern char __kernel_end[];

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
	memcpy(cfg->page_dir, kernel_pd, SPACE_KERNEL_PDES * sizeof(uint32_t));
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		int err = map_range(cfg, &used, r->vaddr, r->paddr, r->size,
				    (r->perms & BH_PERM_W) != 0);
		if (err)
			return err;
	}
	int err = map_range(cfg, &used, BH_VCPU_VADDR, (uint32_t)cfg->vcpu, BH_PAGE_SIZE, true);
	return err ? err
		   : map_range(cfg, &used, BH_VSTATE_VADDR, (uint32_t)cfg->vstate, BH_PAGE_SIZE,
			       false);
}

/* Is [pa, pa + 4 KiB) inside one of p's own regions? */
static bool own_page(const struct bh_cfg_partition *cfg, uint32_t pa)
{
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		if (pa >= r->paddr && pa - r->paddr < r->size)
			return true;
	}
	return false;
}

/* The first page p's directory maps that is neither kernel memory (no
 * user access) nor its own (its regions, its vCPU pages); 0 if none. */
static uint32_t foreign_mapping(const struct bh_cfg_partition *cfg, uint32_t *va)
{
	for (uint32_t i = 0; i < 1024u; i++) {
		uint32_t pde = cfg->page_dir[i];
		if (!(pde & PTE_P))
			continue;
		*va = i << 22;
		if (pde & PTE_PS) {
			if (i >= SPACE_KERNEL_PDES || (pde & PTE_U))
				return (pde & ~0x3FFFFFu) | 1u;
			continue;
		}
		const uint32_t *pt = (const uint32_t *)(pde & ~0xFFFu);
		for (uint32_t j = 0; j < 1024u; j++) {
			uint32_t pa = pt[j] & ~0xFFFu;
			*va = (i << 22) | (j << 12);
			if (!(pt[j] & PTE_P) || own_page(cfg, pa) || pa == (uint32_t)cfg->vcpu ||
			    pa == (uint32_t)cfg->vstate)
				continue;
			return pa | 1u;
		}
	}
	return 0;
}

void arch_aspace_check(void)
{
	uint32_t va;

	if ((uintptr_t)__kernel_end > BH_RES_PHYS_BASE)
		panic("kernel image ends at %#x, above the kernel's map (%#x)",
		      (uint32_t)(uintptr_t)__kernel_end, BH_RES_PHYS_BASE);
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *cfg = bh_partitions[i].cfg;
		uint32_t bad = foreign_mapping(cfg, &va);
		if (bad)
			panic("partition %s: its address space maps %#x at %#x, neither the "
			      "kernel's memory nor its own", cfg->name, bad & ~1u, va);
	}
	kprintf("[bh] address spaces: each maps the kernel's %u MiB and its own memory "
		"only\n", BH_RES_PHYS_BASE >> 20);
}
