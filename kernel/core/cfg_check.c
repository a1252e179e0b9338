/*
 * Boot-time check of the configuration tables. bhcfg has already validated
 * the source file; this catches tables that do not fit this machine (RAM
 * size) or were corrupted, before anything trusts them. Any failure stops
 * the boot with a message naming the partition and the problem.
 */
#include <bh/arch.h>
#include <bh/config.h>
#include <bh/entry.h>
#include <bh/port.h>
#include <bh/printk.h>

static void check_regions(const struct bh_cfg_partition *p, uint32_t ram_end)
{
	if (!p->nregions || p->nregions > BH_CFG_MAX_REGIONS)
		panic("config: partition %s has %u regions", p->name, p->nregions);
	for (uint32_t i = 0; i < p->nregions; i++) {
		const struct bh_cfg_region *r = &p->regions[i];
		uint32_t mask = BH_PAGE_SIZE - 1;
		if ((r->vaddr | r->paddr | r->size) & mask || !r->size)
			panic("config: partition %s region %u is not page-aligned", p->name, i);
		/* Each bound first, so that the subtraction cannot wrap. */
		if (r->vaddr < BH_USER_BASE || r->vaddr >= BH_USER_LIMIT ||
		    r->size > BH_USER_LIMIT - r->vaddr)
			panic("config: partition %s region %u outside the user window", p->name, i);
		if (!bh_res_phys_ok(r->paddr, r->size))
			panic("config: partition %s region %u at %#x-%#x is outside partition "
			      "memory [%#x, %#x)",
			      p->name, i, r->paddr, r->paddr + r->size, BH_RES_PHYS_BASE,
			      BH_RES_PHYS_LIMIT);
		if (ram_end && r->paddr + r->size > ram_end)
			panic("config: partition %s region %u at %#x-%#x is beyond RAM (%#x); "
			      "give QEMU more memory (-m)",
			      p->name, i, r->paddr, r->paddr + r->size, ram_end);
	}
}

static bool in_region(const struct bh_cfg_partition *p, uint32_t va, uint32_t len)
{
	for (uint32_t i = 0; i < p->nregions; i++) {
		const struct bh_cfg_region *r = &p->regions[i];
		if (va >= r->vaddr && len <= r->size && va - r->vaddr <= r->size - len)
			return true;
	}
	return false;
}

/* Nothing of what the kernel keeps for itself (bh/resources.h). */
static void check_resources(const struct bh_cfg_partition *p)
{
	for (uint32_t l = 0; l < 32; l++)
		if ((p->irq_lines >> l) & 1u && (l >= BH_NR_IRQ_LINES || bh_res_line(l)))
			panic("config: partition %s owns interrupt line %u (%s)", p->name, l,
			      l < BH_NR_IRQ_LINES ? bh_res_line(l) : "no such line");
	for (uint32_t i = 0; i < p->nioports; i++) {
		uint32_t first = p->ioports[i].base, n = p->ioports[i].count;
		if (!n || first + n > 0x10000u)
			panic("config: partition %s I/O port range %u is empty or past 0xffff",
			      p->name, i);
		const struct bh_res_ports *k = bh_res_port_conflict(first, first + n - 1u);
		if (k)
			panic("config: partition %s I/O ports %#x-%#x include ports the kernel "
			      "keeps: %s at %#x-%#x",
			      p->name, first, first + n - 1u, k->what, k->first, k->last);
	}
}

static void check_partition(const struct bh_cfg_partition *p, uint32_t ram_end)
{
	check_regions(p, ram_end);
	for (uint32_t i = 0; i < p->nsegments; i++) {
		const struct bh_cfg_segment *s = &p->segments[i];
		if (s->filesz > s->memsz || !in_region(p, s->vaddr, s->memsz))
			panic("config: partition %s segment %u outside its memory", p->name, i);
	}
	if (!in_region(p, p->entry, 1))
		panic("config: partition %s entry %#x outside its memory", p->name, p->entry);
	/* At most one virtual tick per kernel tick (virq_src.c relies on it). */
	if ((uint64_t)p->tick_hz * bh_cfg.tick_us > 1000000u)
		panic("config: partition %s ticks faster than the kernel", p->name);
	for (uint32_t e = 0; e < BH_HM_EVENT_COUNT; e++)
		if (p->hm_action[e] >= BH_HM_ACT_COUNT)
			panic("config: partition %s has a bad health-monitor action", p->name);
	if (!p->page_dir || !p->vcpu || !p->vstate || !p->page_tables ||
	    p->nioports > BH_CFG_MAX_IOPORTS || (p->nioports && !p->ioports))
		panic("config: partition %s storage missing", p->name);
	check_resources(p);
}

static bool overlap(const struct bh_cfg_region *a, const struct bh_cfg_region *b)
{
	return a->paddr < b->paddr + b->size && b->paddr < a->paddr + a->size;
}

/* No two partitions' memory may share a frame unless both map the same
 * configured shared object: this is what isolation rests on. */
static void check_physical_overlap(void)
{
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *p = &bh_cfg.partitions[i];
		for (uint32_t j = i; j < bh_cfg.npartitions; j++) {
			const struct bh_cfg_partition *q = &bh_cfg.partitions[j];
			for (uint32_t a = 0; a < p->nregions; a++)
				for (uint32_t b = (i == j ? a + 1 : 0); b < q->nregions; b++) {
					const struct bh_cfg_region *ra = &p->regions[a];
					const struct bh_cfg_region *rb = &q->regions[b];
					if (overlap(ra, rb) && !(ra->shared && ra->shared == rb->shared))
						panic("config: partitions %s and %s overlap in physical "
						      "memory at %#x",
						      p->name, q->name, BH_MAX(ra->paddr, rb->paddr));
				}
		}
	}
}

static void check_schedule(void)
{
	uint32_t end = 0;

	if (!bh_cfg.nwindows || !bh_cfg.major_frame)
		panic("config: empty schedule");
	if (bh_cfg.nwindows > BH_CFG_MAX_WINDOWS)
		panic("config: %u windows (at most %u)", bh_cfg.nwindows, BH_CFG_MAX_WINDOWS);
	for (uint32_t i = 0; i < bh_cfg.nwindows; i++) {
		const struct bh_cfg_window *w = &bh_cfg.windows[i];
		if (w->partition >= bh_cfg.npartitions || !w->duration || w->start < end ||
		    w->start >= bh_cfg.major_frame || w->duration > bh_cfg.major_frame - w->start)
			panic("config: window %u is invalid or overlaps", i);
		end = w->start + w->duration;
	}
}

void cfg_check(uint32_t ram_end)
{
	uint32_t owned = 0;

	if (!bh_cfg.npartitions || bh_cfg.npartitions > BH_CFG_MAX_PARTITIONS)
		panic("config: %u partitions (1..%u supported)", bh_cfg.npartitions,
		      BH_CFG_MAX_PARTITIONS);
	if (bh_cfg.tick_us < 50 || bh_cfg.tick_us > 50000)
		panic("config: tick of %u us is out of range", bh_cfg.tick_us);
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *p = &bh_cfg.partitions[i];
		check_partition(p, ram_end);
		if (owned & p->irq_lines)
			panic("config: partition %s shares an interrupt line", p->name);
		owned |= p->irq_lines;
	}
	check_physical_overlap();
	check_schedule();
	cfg_check_ports();
}
