/*
 * The model checker's own test system: two partitions and a four-tick
 * major frame, small enough that a few window operations cover every
 * position of the virtual ticks relative to the windows.
 *
 *   tick 1 ms, major frame 4 ticks:  0-2 alpha | 2-3 beta | 3-4 idle
 *   alpha: owns line 3, virtual tick every 5 kernel ticks
 *   beta:  owns line 5, virtual tick every 2 kernel ticks
 *
 * alpha's tick falls inside its window (t=5), on its end (t=10, handed over
 * at 12), in the idle gap (t=15, at 16) and on its start (t=20), and some of
 * its windows start with nothing to hand over (t=8). beta's falls in its
 * window and outside it, so each of its windows starts with two at once.
 * Both partitions use the same guest layout (model.h).
 */
#include <bh/config.h>

#include "model.h"

#define HM_STOP_ALL                                                                  \
	{ BH_HM_ACT_STOP, BH_HM_ACT_STOP, BH_HM_ACT_STOP, BH_HM_ACT_STOP, BH_HM_ACT_STOP,  \
	  BH_HM_ACT_STOP, BH_HM_ACT_STOP, BH_HM_ACT_IGNORE, BH_HM_ACT_IGNORE,              \
	  BH_HM_ACT_STOP }

static const struct bh_cfg_region regions[NPART][1] = {
	{ { G_BASE, BH_CFG_PHYS_POOL_BASE, G_SIZE, BH_PERM_R | BH_PERM_W | BH_PERM_X, 0 } },
	{ { G_BASE, BH_CFG_PHYS_POOL_BASE + G_SIZE, G_SIZE,
	    BH_PERM_R | BH_PERM_W | BH_PERM_X, 0 } },
};

static uint32_t page_dirs[NPART][1024] __attribute__((aligned(4096)));
static uint32_t page_tables[NPART][1][1024] __attribute__((aligned(4096)));

/* Whole pages, as bhcfg emits them: the guest may write all of it. */
static union {
	struct bh_vcpu vcpu;
	uint8_t page[BH_PAGE_SIZE];
} vcpus[NPART] __attribute__((aligned(4096)));
static union {
	struct bh_vcpu_state vstate;
	uint8_t page[BH_PAGE_SIZE];
} vstates[NPART] __attribute__((aligned(4096)));

static const struct bh_cfg_partition partitions[NPART] = {
	{ .name = "alpha", .entry = G_BASE, .regions = regions[PA], .nregions = 1,
	  .irq_lines = 1u << A_LINE, .tick_period = A_TICK_PERIOD, .hm_action = HM_STOP_ALL,
	  .page_dir = page_dirs[PA], .page_tables = page_tables[PA], .npage_tables = 1,
	  .vcpu = &vcpus[PA].vcpu, .vstate = &vstates[PA].vstate },
	{ .name = "beta", .entry = G_BASE, .regions = regions[PB], .nregions = 1,
	  .irq_lines = 1u << B_LINE, .tick_period = B_TICK_PERIOD, .hm_action = HM_STOP_ALL,
	  .page_dir = page_dirs[PB], .page_tables = page_tables[PB], .npage_tables = 1,
	  .vcpu = &vcpus[PB].vcpu, .vstate = &vstates[PB].vstate },
};

static const struct bh_cfg_window windows[] = {
	{ PA, 0, 2 },
	{ PB, 2, 1 },
};

const struct bh_cfg_system bh_cfg = {
	.name = "virq-model",
	.tick_us = 1000,
	.major_frame = MAJOR,
	.partitions = partitions,
	.npartitions = NPART,
	.windows = windows,
	.nwindows = sizeof(windows) / sizeof(windows[0]),
};

/* The schedule as the configuration states it (not as sched.c reads it). */
bool sys_in_window(uint64_t now, int part)
{
	uint32_t pos = (uint32_t)(now % bh_cfg.major_frame);

	for (uint32_t i = 0; i < bh_cfg.nwindows; i++) {
		const struct bh_cfg_window *w = &bh_cfg.windows[i];
		if (w->partition == (uint32_t)part && pos >= w->start && pos - w->start < w->duration)
			return true;
	}
	return false;
}

uint32_t sys_line(int part)
{
	return part == PA ? A_LINE : B_LINE;
}

uint32_t sys_tick_period(int part)
{
	return bh_cfg.partitions[part].tick_period;
}

/* The vector behind each slot: tick, one-shot timer, a port, the line. */
uint32_t slot_vec(int part, int slot)
{
	static const uint32_t fixed[NSLOT] = { BH_VEC_TICK, BH_VEC_TIMER, BH_VEC_PORT_BASE + 2, 0 };

	return slot == S_LINE ? BH_VEC_IRQ(sys_line(part)) : fixed[slot];
}

int vec_slot(int part, uint32_t v)
{
	for (int s = 0; s < NSLOT; s++)
		if (slot_vec(part, s) == v)
			return s;
	return -1;
}
