/*
 * Memory: resolving `map` lines, placing regions without `at` in physical
 * memory, and the overlap checks. Of two overlapping regions the later line
 * is reported and the earlier one is named in the message.
 */
#include <string.h>

#include "memory.h"

#define MEM_MAX_ITEMS (BHCFG_MAX_SHARED + BH_CFG_MAX_PARTITIONS * BH_CFG_MAX_REGIONS)

/* One physical range: a shared object or a `memory` line. */
struct mem_item {
	uint32_t size;
	uint32_t *paddr;
	bool given;
	unsigned line;
	const char *shared; /* name, or NULL for a memory region */
};

struct mem_items {
	struct mem_item item[MEM_MAX_ITEMS];
	unsigned n;
};

static const struct bhcfg_shared *mem_find_shared(const struct bhcfg_system *sys,
						  const char *name,
						  unsigned *index)
{
	unsigned i;

	for (i = 0; i < sys->nshared; i++) {
		if (strcmp(sys->shared[i].name, name) == 0) {
			*index = i;
			return &sys->shared[i];
		}
	}
	return NULL;
}

static void mem_resolve_map(const struct bhcfg_system *sys,
			    struct bhcfg_region *r, struct bhcfg_diag *d)
{
	unsigned idx = 0;
	const struct bhcfg_shared *sh = mem_find_shared(sys, r->shared_name, &idx);

	if (!sh) {
		bhcfg_diag_error(d, r->line, "unknown shared object '%s'",
				 r->shared_name);
		return;
	}
	if ((uint64_t)r->vaddr + sh->size > BH_USER_LIMIT) {
		bhcfg_diag_error(d, r->line,
				 "map of '%s' at 0x%x-0x%llx reaches past "
				 "BH_USER_LIMIT (0x%x)",
				 sh->name, r->vaddr,
				 (unsigned long long)r->vaddr + sh->size,
				 BH_USER_LIMIT);
		return;
	}
	r->shared = idx + 1u;
	r->size = sh->size;
}

void mem_resolve_maps(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	unsigned i, j;

	for (i = 0; i < sys->npartitions; i++) {
		struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nregions; j++) {
			if (p->regions[j].kind == BHCFG_REGION_MAP)
				mem_resolve_map(sys, &p->regions[j], d);
		}
	}
}

static void mem_add(struct mem_items *set, uint32_t size, uint32_t *paddr,
		    bool given, unsigned line, const char *shared)
{
	struct mem_item *it = &set->item[set->n++];

	it->size = size;
	it->paddr = paddr;
	it->given = given;
	it->line = line;
	it->shared = shared;
}

/* Placement order: shared objects, then memory lines, each in file order. */
static void mem_collect(struct bhcfg_system *sys, struct mem_items *set)
{
	unsigned i, j;

	set->n = 0;
	for (i = 0; i < sys->nshared; i++) {
		struct bhcfg_shared *sh = &sys->shared[i];

		mem_add(set, sh->size, &sh->paddr, sh->paddr_given, sh->line,
			sh->name);
	}
	for (i = 0; i < sys->npartitions; i++) {
		struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nregions; j++) {
			struct bhcfg_region *r = &p->regions[j];

			if (r->kind == BHCFG_REGION_MEMORY)
				mem_add(set, r->size, &r->paddr, r->paddr_given,
					r->line, NULL);
		}
	}
}

static bool mem_overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return a < b + bsize && b < a + asize;
}

/* The first explicitly placed item overlapping [base, base+size), if any. */
static const struct mem_item *mem_given_at(const struct mem_items *set,
					   uint64_t base, uint64_t size)
{
	unsigned i;

	for (i = 0; i < set->n; i++) {
		const struct mem_item *it = &set->item[i];

		if (it->given && mem_overlap(base, size, *it->paddr, it->size))
			return it;
	}
	return NULL;
}

/*
 * Regions without `at` go one after the other from 16 MiB, stepping over
 * any range that an `at` claims.
 */
static bool mem_place(struct mem_items *set, struct bhcfg_diag *d)
{
	uint64_t cursor = BH_CFG_PHYS_POOL_BASE;
	const struct mem_item *busy;
	unsigned i;

	for (i = 0; i < set->n; i++) {
		struct mem_item *it = &set->item[i];

		if (it->given)
			continue;
		while ((busy = mem_given_at(set, cursor, it->size)) != NULL)
			cursor = (uint64_t)*busy->paddr + busy->size;
		if (cursor + it->size > BH_RES_PHYS_LIMIT) {
			bhcfg_diag_error(d, it->line,
					 "no physical memory left for 0x%x "
					 "bytes (the pool ends at 0x%x, the end "
					 "of what the kernel can map)",
					 it->size, BH_RES_PHYS_LIMIT);
			return false;
		}
		*it->paddr = (uint32_t)cursor;
		cursor += it->size;
	}
	return true;
}

static void mem_report(struct bhcfg_diag *d, const struct mem_item *later,
		       const struct mem_item *earlier)
{
	char what[64];

	if (earlier->shared)
		snprintf(what, sizeof(what), "shared object '%s'",
			 earlier->shared);
	else
		snprintf(what, sizeof(what), "the region");
	bhcfg_diag_error(d, later->line,
			 "%s overlaps %s at line %u (physical 0x%x-0x%llx)",
			 later->shared ? "shared object" : "memory", what,
			 earlier->line, *earlier->paddr,
			 (unsigned long long)*earlier->paddr + earlier->size);
}

static void mem_check_physical(const struct mem_items *set,
			       struct bhcfg_diag *d)
{
	unsigned i, j;

	for (i = 0; i < set->n; i++) {
		const struct mem_item *a = &set->item[i];

		for (j = 0; j < set->n; j++) {
			const struct mem_item *b = &set->item[j];

			if (b->line < a->line &&
			    mem_overlap(*a->paddr, a->size, *b->paddr, b->size)) {
				mem_report(d, a, b);
				break;
			}
		}
	}
}

static void mem_check_virtual(const struct bhcfg_partition *p,
			      struct bhcfg_diag *d)
{
	unsigned i, j;

	for (i = 0; i < p->nregions; i++) {
		const struct bhcfg_region *a = &p->regions[i];

		for (j = 0; j < i; j++) {
			const struct bhcfg_region *b = &p->regions[j];

			if (!a->size || !b->size ||
			    !mem_overlap(a->vaddr, a->size, b->vaddr, b->size))
				continue;
			bhcfg_diag_error(d, a->line,
					 "%s overlaps the region at line %u "
					 "(virtual 0x%x-0x%llx)",
					 a->kind == BHCFG_REGION_MAP ? "map"
								    : "memory",
					 b->line, b->vaddr,
					 (unsigned long long)b->vaddr + b->size);
			break;
		}
	}
}

static void mem_fill_maps(struct bhcfg_system *sys)
{
	unsigned i, j;

	for (i = 0; i < sys->npartitions; i++) {
		struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nregions; j++) {
			struct bhcfg_region *r = &p->regions[j];

			if (r->kind == BHCFG_REGION_MAP && r->shared)
				r->paddr = sys->shared[r->shared - 1u].paddr;
		}
	}
}

void mem_layout(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	struct mem_items set;
	unsigned i;

	for (i = 0; i < sys->npartitions; i++)
		mem_check_virtual(&sys->partitions[i], d);
	mem_collect(sys, &set);
	/* Placed regions never overlap, so this only finds `at` conflicts. */
	if (mem_place(&set, d))
		mem_check_physical(&set, d);
	mem_fill_maps(sys);
}
