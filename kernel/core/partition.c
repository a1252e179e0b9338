/*
 * Partition life cycle: loading the image into the partition's physical
 * memory, (re)starting cold or warm, and stopping. A cold start reloads the
 * image and zeroes private memory; a warm start keeps memory and restarts
 * execution at the entry point. Shared objects are zeroed once, at boot.
 */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>

struct partition bh_partitions[BH_CFG_MAX_PARTITIONS];

void sched_partition_reset(struct partition *p);

static const struct bh_cfg_region *region_of(const struct bh_cfg_partition *cfg, uint32_t va)
{
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		if (va >= r->vaddr && va - r->vaddr < r->size)
			return r;
	}
	return NULL;
}

static void load_image(struct partition *p, bool boot)
{
	const struct bh_cfg_partition *cfg = p->cfg;

	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		if (boot || !r->shared)
			memset(arch_phys_to_virt(paddr(r->paddr)), 0, r->size);
	}
	for (uint32_t i = 0; i < cfg->nsegments; i++) {
		const struct bh_cfg_segment *s = &cfg->segments[i];
		const struct bh_cfg_region *r = region_of(cfg, s->vaddr);
		if (s->filesz && r) /* cfg_check() guarantees r */
			memcpy(arch_phys_to_virt(paddr(r->paddr + (s->vaddr - r->vaddr))), s->data,
			       s->filesz);
	}
}

static void reset_vcpu(struct partition *p)
{
	struct bh_vcpu *vc = p->vcpu;
	uint32_t period = p->cfg->tick_period;

	memset((void *)vc, 0, sizeof(*vc));
	vc->mask[0] = vc->mask[1] = 0xFFFFFFFFu;
	vc->partition_id = p->id;
	vc->abi_version = BH_ABI_VERSION;
	vc->tick_period_ns = period ? (uint32_t)time_ticks_to_ns(period) : 0;
}

/* Common to first start and every restart. */
static void start(struct partition *p, bool cold, bool boot, uint32_t condition)
{
	console_flush(p);
	if (cold)
		load_image(p, boot);
	virq_reset(p);
	reset_vcpu(p);
	virq_mirror(p);
	arch_ctx_init(&p->ctx, p->cfg->entry, condition, p->id, BH_VCPU_VADDR);
	p->mode = cold ? BH_MODE_COLD_START : BH_MODE_WARM_START;
	p->start_condition = condition;
	p->wait = PART_RUN;
	p->window_seq = 0;
	p->bad_hypercalls = 0;
	sched_partition_reset(p);
	sched_kick();
}

void part_init_all(void)
{
	virq_init();
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		struct partition *p = &bh_partitions[i];
		p->cfg = &bh_cfg.partitions[i];
		p->id = i;
		p->vcpu = p->cfg->vcpu;
		if (arch_aspace_init(p))
			panic("partition %s: page-table pool too small", p->cfg->name);
		start(p, true, true, BH_START_NORMAL);
	}
}

void part_restart(struct partition *p, bool cold, uint32_t condition)
{
	p->restart_count++;
	kprintf("[bh] partition %s: %s restart (#%u)\n", p->cfg->name, cold ? "cold" : "warm",
		p->restart_count);
	start(p, cold, false, condition);
}

void part_stop(struct partition *p)
{
	console_flush(p);
	virq_reset(p);
	p->mode = BH_MODE_IDLE;
	p->wait = PART_RUN;
	kprintf("[bh] partition %s: stopped\n", p->cfg->name);
	sched_kick();
}

const char *part_mode_name(uint32_t mode)
{
	static const char *const names[] = { "idle", "cold_start", "warm_start", "normal" };

	return mode < BH_ARRAY_SIZE(names) ? names[mode] : "?";
}
