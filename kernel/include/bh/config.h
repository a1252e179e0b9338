/*
 * The static system description: the contract between the configuration
 * compiler (tools/bhcfg), which emits these tables as C, and the kernel,
 * which only reads them. Everything the kernel needs at run time that depends
 * on the configuration is here, sized exactly: the kernel allocates nothing.
 *
 * Units: all times are in kernel ticks (the period is tick_us); addresses and
 * sizes are bytes, page-aligned. Validation happens in bhcfg; the kernel
 * re-checks what a corrupt table could turn into a crash (bh_cfg_check()).
 */
#ifndef BH_CONFIG_H
#define BH_CONFIG_H

#include <stdint.h>
#include <bulkhead/abi.h>

#define BH_CFG_MAX_PARTITIONS 16u
#define BH_CFG_MAX_REGIONS 16u	/* per partition */
#define BH_CFG_MAX_IOPORTS 8u	/* ranges per partition */
#define BH_CFG_MAX_WINDOWS 64u	/* in the schedule */

/* Region permissions. i386 without PAE cannot forbid execution, so X is
 * recorded and checked at build time only. */
#define BH_PERM_R 1u
#define BH_PERM_W 2u
#define BH_PERM_X 4u

/* Partition flags. */
#define BH_CFG_PRIVILEGED 1u /* may use privileged hypercalls */

/* Physical memory below this is the kernel's; partitions live above it. */
#define BH_CFG_PHYS_POOL_BASE 0x01000000u

struct bh_cfg_region {
	uint32_t vaddr; /* guest virtual base, >= BH_USER_BASE */
	uint32_t paddr; /* physical base */
	uint32_t size;
	uint16_t perms; /* BH_PERM_* */
	uint16_t shared; /* 0: private; else 1 + index of the shared object */
};

/* One PT_LOAD segment of the partition's ELF image. */
struct bh_cfg_segment {
	uint32_t vaddr;
	uint32_t filesz;
	uint32_t memsz;
	const uint8_t *data; /* filesz bytes inside the kernel image */
};

struct bh_cfg_ioport {
	uint16_t base;
	uint16_t count;
};

struct bh_cfg_partition {
	const char *name;
	uint32_t entry;
	const struct bh_cfg_region *regions;
	uint32_t nregions;
	const struct bh_cfg_segment *segments;
	uint32_t nsegments;
	const struct bh_cfg_ioport *ioports;
	uint32_t nioports;
	uint32_t irq_lines;   /* bit n set: owns physical line n */
	uint32_t tick_period; /* kernel ticks per virtual tick; 0: no tick */
	uint32_t flags;	      /* BH_CFG_* */
	uint8_t hm_action[BH_HM_EVENT_COUNT]; /* enum bh_hm_action per event */
	uint32_t bad_hypercall_limit; /* 0: bad hypercalls never raise an HM event */
	/* Storage emitted by bhcfg for this partition. */
	uint32_t *page_dir;		/* 1024 entries, page-aligned */
	uint32_t (*page_tables)[1024];	/* npage_tables page-aligned tables */
	uint32_t npage_tables;
	struct bh_vcpu *vcpu;		/* page-aligned, one page */
};

struct bh_cfg_window {
	uint32_t partition; /* index into partitions */
	uint32_t start;	    /* offset in the major frame, ticks */
	uint32_t duration;  /* ticks, > 0 */
};

struct bh_cfg_system {
	const char *name;
	uint32_t tick_us;     /* kernel timer period */
	uint32_t major_frame; /* ticks */
	const struct bh_cfg_partition *partitions;
	uint32_t npartitions;
	const struct bh_cfg_window *windows; /* sorted by start, disjoint */
	uint32_t nwindows;
};

/* Emitted by bhcfg into the system's config.c. */
extern const struct bh_cfg_system bh_cfg;

#endif /* BH_CONFIG_H */
