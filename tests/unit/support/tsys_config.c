/*
 * The test system's configuration tables: what bhcfg would emit for the
 * system described in tsys.h, written by hand and backed by host_ram.
 *
 * The kernel declares bh_cfg const (it only reads it). Tests need to vary it
 * (a corrupt table for cfg_check, another schedule, other HM actions), so it
 * is defined here without const, under a declaration renamed away; tests
 * write it only between calls into the core, through tsys_cfg.
 */
#define bh_cfg tsys_bh_cfg_const_decl
#include "tsys.h"
#undef bh_cfg

#include <string.h>

#define KB(n) ((n) * 1024u)

/* Image contents: recognisable bytes, so a reload can be told from a keep. */
const uint8_t tsys_alpha_text[A_SEG_TEXT_LEN] = "alpha text segment: reloaded on a cold start only.";
const uint8_t tsys_alpha_data[A_SEG_DATA_LEN] = "alpha .data 1234";
static const uint8_t beta_image[16] = "beta image bytes";
static const uint8_t gamma_image[8] = "gamma!!";

/* Storage bhcfg would emit per partition. */
static uint32_t page_dirs[TSYS_NPART][1024] __attribute__((aligned(4096)));
static uint32_t page_tables[TSYS_NPART][2][1024] __attribute__((aligned(4096)));
static struct vcpu_page {
	struct bh_vcpu v;
} __attribute__((aligned(4096))) vcpu_pages[TSYS_NPART];
static struct vstate_page {
	struct bh_vcpu_state s;
} __attribute__((aligned(4096))) vstate_pages[TSYS_NPART];

struct bh_cfg_region tsys_regions[TSYS_NPART][BH_CFG_MAX_REGIONS];
struct bh_cfg_segment tsys_segments[TSYS_NPART][2];
struct bh_cfg_partition tsys_parts[TSYS_NPART];
struct bh_cfg_window tsys_windows[8];
struct bh_cfg_system bh_cfg;
struct bh_cfg_system *const tsys_cfg = &bh_cfg;

static const struct bh_cfg_region def_regions[TSYS_NPART][BH_CFG_MAX_REGIONS] = {
	[TSYS_ALPHA] = {
		[A_R_TEXT] = { A_TEXT, PA_A_TEXT, A_TEXT_SIZE, BH_PERM_R | BH_PERM_X, 0 },
		[A_R_DATA] = { A_DATA, PA_A_DATA, A_DATA_SIZE, BH_PERM_R | BH_PERM_W, 0 },
		[A_R_RO] = { A_RO, TSYS_PA(0x20000u), A_RO_SIZE, BH_PERM_R, 0 },
		[A_R_STACK] = { A_STACK, TSYS_PA(0x30000u), A_STACK_SIZE,
				BH_PERM_R | BH_PERM_W | BH_PERM_X, 0 },
		[A_R_SHM] = { A_SHM, PA_SHM, A_SHM_SIZE, BH_PERM_R | BH_PERM_W, 1 },
		[A_R_TOP] = { A_TOP, TSYS_PA(0x40000u), A_TOP_SIZE, BH_PERM_R | BH_PERM_W, 0 },
	},
	[TSYS_BETA] = {
		{ B_CODE, TSYS_PA(0x80000u), KB(16), BH_PERM_R | BH_PERM_W | BH_PERM_X, 0 },
		{ B_DATA, TSYS_PA(0x90000u), B_DATA_SIZE, BH_PERM_R | BH_PERM_W, 0 },
		{ B_SHM, PA_SHM, A_SHM_SIZE, BH_PERM_R, 1 },
	},
	[TSYS_GAMMA] = {
		{ G_MEM, TSYS_PA(0xC0000u), G_MEM_SIZE, BH_PERM_R | BH_PERM_W | BH_PERM_X, 0 },
	},
};

static const struct bh_cfg_segment def_segments[TSYS_NPART][2] = {
	[TSYS_ALPHA] = { { A_TEXT, A_SEG_TEXT_LEN, KB(4), tsys_alpha_text },
			 { A_DATA, A_SEG_DATA_LEN, 64, tsys_alpha_data } },
	[TSYS_BETA] = { { B_CODE, sizeof(beta_image), sizeof(beta_image), beta_image } },
	[TSYS_GAMMA] = { { G_MEM, sizeof(gamma_image), sizeof(gamma_image), gamma_image } },
};

#define ACT(x) BH_HM_ACT_##x

static void def_partitions(void)
{
	static const struct bh_cfg_partition def[TSYS_NPART] = {
		[TSYS_ALPHA] = { "alpha", A_ENTRY, tsys_regions[0], A_NREGIONS, tsys_segments[0], 2,
				 NULL, 0, 1u << A_LINE, A_TICK_PERIOD, 0,
				 { ACT(STOP), ACT(RESTART_COLD), ACT(RESTART_WARM), ACT(STOP),
				   ACT(PROPAGATE), ACT(PROPAGATE), ACT(STOP), ACT(IGNORE),
				   ACT(IGNORE), ACT(STOP) },
				 3, page_dirs[0], page_tables[0], 2, &vcpu_pages[0].v, &vstate_pages[0].s },
		[TSYS_BETA] = { "beta", B_CODE, tsys_regions[1], 3, tsys_segments[1], 1, NULL, 0, 0,
				5, BH_CFG_PRIVILEGED,
				{ ACT(STOP), ACT(STOP), ACT(STOP), ACT(STOP), ACT(RESTART_WARM),
				  ACT(STOP), ACT(STOP), ACT(IGNORE), ACT(IGNORE), ACT(STOP) },
				0, page_dirs[1], page_tables[1], 2, &vcpu_pages[1].v, &vstate_pages[1].s },
		[TSYS_GAMMA] = { "gamma", G_MEM, tsys_regions[2], 1, tsys_segments[2], 1, NULL, 0, 0, 0,
				 0,
				 { ACT(STOP), ACT(RESET_MODULE), ACT(STOP), ACT(RESTART_COLD),
				   ACT(STOP), ACT(STOP), ACT(HALT_MODULE), ACT(RESTART_WARM),
				   ACT(RESTART_COLD), ACT(STOP) },
				 2, page_dirs[2], page_tables[2], 2, &vcpu_pages[2].v, &vstate_pages[2].s },
	};

	memcpy(tsys_parts, def, sizeof(def));
}

static void def_schedule(void)
{
	static const struct bh_cfg_window def[] = {
		{ TSYS_ALPHA, 0, 4 },  { TSYS_BETA, 4, 3 },   { TSYS_GAMMA, 10, 2 },
		{ TSYS_ALPHA, 12, 3 }, { TSYS_BETA, 16, 4 },
	};

	memset(tsys_windows, 0, sizeof(tsys_windows));
	memcpy(tsys_windows, def, sizeof(def));
	bh_cfg = (struct bh_cfg_system){ "tsys",      TSYS_TICK_US, TSYS_MAJOR, tsys_parts,
					 TSYS_NPART, tsys_windows, BH_ARRAY_SIZE(def),
					 NULL,	     0,		 NULL,	     0,
					 { 0, 0, NULL } /* no trace */ };
}

void tsys_config_reset(void)
{
	memcpy(tsys_regions, def_regions, sizeof(def_regions));
	memcpy(tsys_segments, def_segments, sizeof(def_segments));
	def_partitions();
	def_schedule();
}
