/*
 * Partition life cycle: loading the image into the partition's physical
 * memory, (re)starting cold or warm, and stopping. A cold start zeroes
 * private memory and reloads the image; a warm start keeps memory and
 * restarts execution at the entry point. Shared objects are zeroed once, at
 * boot. After boot, a cold load is done in steps during the partition's own
 * windows (PART_LOAD_STEP), and the partition runs once it is complete.
 */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/port.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>

struct partition bh_partitions[BH_CFG_MAX_PARTITIONS];

static const struct bh_cfg_region *region_of(const struct bh_cfg_partition *cfg, uint32_t va)
{
	for (uint32_t i = 0; i < cfg->nregions; i++) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		if (va >= r->vaddr && va - r->vaddr < r->size)
			return r;
	}
	return NULL;
}

/* Bytes of load work in item i (a region to zero or a segment to copy). */
static uint32_t load_item_size(const struct partition *p, uint32_t i)
{
	const struct bh_cfg_partition *cfg = p->cfg;

	if (i < cfg->nregions)
		return cfg->regions[i].shared && !p->load.boot ? 0 : cfg->regions[i].size;
	return cfg->segments[i - cfg->nregions].filesz;
}

static void load_chunk(const struct partition *p, uint32_t i, uint32_t off, uint32_t n)
{
	const struct bh_cfg_partition *cfg = p->cfg;

	if (i < cfg->nregions) {
		const struct bh_cfg_region *r = &cfg->regions[i];
		memset((uint8_t *)arch_phys_to_virt(paddr(r->paddr)) + off, 0, n);
		return;
	}
	const struct bh_cfg_segment *s = &cfg->segments[i - cfg->nregions];
	const struct bh_cfg_region *r = region_of(cfg, s->vaddr); /* cfg_check(): exists */
	if (r)
		memcpy(arch_phys_to_virt(paddr(r->paddr + (s->vaddr - r->vaddr) + off)),
		       s->data + off, n);
}

bool part_load_step(struct partition *p, uint32_t budget)
{
	struct part_load *l = &p->load;
	uint32_t items = p->cfg->nregions + p->cfg->nsegments;

	while (l->active && budget) {
		if (l->item == items) {
			l->active = false;
			sched_kick(); /* it may run now */
			break;
		}
		uint32_t n = BH_MIN(load_item_size(p, l->item) - l->offset, budget);
		arch_phys_open(); /* p's memory need not be in the loaded space */
		load_chunk(p, l->item, l->offset, n);
		arch_phys_close();
		l->offset += n;
		budget -= n;
		if (l->offset == load_item_size(p, l->item)) {
			l->item++;
			l->offset = 0;
		}
	}
	return !l->active;
}

/*
 * The guest-written page is rewritten whole; the state page all but its
 * count[]: cleared whole at boot and, on a restart, only where a vector was
 * pending (virq_reset): a count means something only while its vector is
 * pending (abi.h), and the 256 bytes would be a third of a warm restart's
 * interrupts-off path.
 */
static void reset_vcpu(struct partition *p, bool boot)
{
	struct bh_vcpu *vc = p->vcpu;
	struct bh_vcpu_state *vs = p->vstate;
	uint32_t period = p->cfg->tick_period, hz = p->cfg->tick_hz;
	size_t rest = offsetof(struct bh_vcpu_state, time_ns);

	memset((void *)vc, 0, sizeof(*vc));
	vc->mask[0] = vc->mask[1] = 0xFFFFFFFFu;
	if (boot) /* pending[] and count[] too; after a restart, virq_reset's */
		rest = 0;
	memset((uint8_t *)vs + rest, 0, sizeof(*vs) - rest);
	vs->partition_id = p->id;
	vs->abi_version = BH_ABI_VERSION; /* the clock: sched_partition_reset() */
	if (hz) /* the nominal period, to the nearest ns */
		vs->tick_period_ns = (1000000000u + hz / 2) / hz;
	else
		vs->tick_period_ns = period ? (uint32_t)time_ticks_to_ns(period) : 0;
}

/* Common to first start and every restart. */
static void start(struct partition *p, bool cold, bool boot, uint32_t condition)
{
	console_end_line(p);
	if (cold) /* a warm start after an unfinished cold one keeps loading */
		p->load = (struct part_load){ .active = true, .boot = boot };
	if (boot)
		part_load_step(p, UINT32_MAX);
	port_partition_start(p, cold);
	virq_reset(p);
	reset_vcpu(p, boot); /* nothing pending, as virq_reset left it */
	console_publish_room(p);
	arch_ctx_init(&p->ctx, p->cfg->entry, condition, p->id, BH_VCPU_VADDR);
	p->mode = cold ? BH_MODE_COLD_START : BH_MODE_WARM_START;
	p->start_condition = condition;
	trace_mode(p, p->mode, condition);
	p->wait = PART_RUN;
	p->window_seq = 0;
	p->bad_hypercalls = 0;
	sched_partition_reset(p);
	sched_kick();
}

void part_init_all(void)
{
	virq_init();
	port_init();
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		struct partition *p = &bh_partitions[i];
		p->cfg = &bh_cfg.partitions[i];
		p->id = i;
		p->vcpu = p->cfg->vcpu;
		p->vstate = p->cfg->vstate;
		memset(&p->con, 0, sizeof(p->con));
		if (arch_aspace_init(p))
			panic("partition %s: page-table pool too small", p->cfg->name);
		start(p, true, true, BH_START_NORMAL);
	}
	arch_aspace_check();
	console_init();
}

void part_restart(struct partition *p, bool cold, uint32_t condition)
{
	HOLDOFF_STEP(cold ? HO_RESTART_COLD : HO_RESTART_WARM);
	p->restart_count++;
	trace_restart(p, cold, condition);
	/* Limited like health-monitor lines: a partition that restarts itself
	 * in a loop must not flood the kernel's console. */
	if (p->restart_count <= HM_LOG_LIMIT)
		console_kline(p, "[bh] partition %s: %s restart (#%u)%s", p->cfg->name,
			      cold ? "cold" : "warm", p->restart_count,
			      p->restart_count == HM_LOG_LIMIT ? ", further restarts counted only"
							       : "");
	start(p, cold, false, condition);
}

void part_stop(struct partition *p)
{
	HOLDOFF_STEP(HO_STOP);
	console_end_line(p);
	virq_reset(p);
	p->mode = BH_MODE_IDLE;
	trace_mode(p, BH_MODE_IDLE, p->start_condition);
	p->wait = PART_RUN;
	console_kline(p, "[bh] partition %s: stopped", p->cfg->name);
	sched_kick();
}

const char *part_mode_name(uint32_t mode)
{
	static const char *const names[] = { "idle", "cold_start", "warm_start", "normal" };

	return mode < BH_ARRAY_SIZE(names) ? names[mode] : "?";
}
