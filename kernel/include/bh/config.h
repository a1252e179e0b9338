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
#include <bh/resources.h>

#define BH_CFG_MAX_PARTITIONS 16u
#define BH_CFG_MAX_REGIONS 16u	/* per partition */
#define BH_CFG_MAX_IOPORTS 8u	/* ranges per partition */
#define BH_CFG_MAX_WINDOWS 64u	/* in the schedule */
#define BH_CFG_MAX_PORTS 64u	/* in the system */
#define BH_CFG_MAX_CHANNELS 32u	/* in the system */
/* Destinations of one channel: a write raises each one's vector, and 8 is
 * what keeps a 1024-byte write under the 1,000-instruction interrupts-off
 * goal (docs/ports.md, "Cost"). */
#define BH_CFG_MAX_DESTS 8u

/* Region permissions. i386 without PAE cannot forbid execution, so X is
 * recorded and checked at build time only. */
#define BH_PERM_R 1u
#define BH_PERM_W 2u
#define BH_PERM_X 4u

/* Partition flags. */
#define BH_CFG_PRIVILEGED 1u /* may use privileged hypercalls */

/* Physical memory below this is the kernel's; partitions live above it
 * (and below BH_RES_PHYS_LIMIT: bh/resources.h). */
#define BH_CFG_PHYS_POOL_BASE BH_RES_PHYS_BASE

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
	struct bh_vcpu *vcpu;		/* page-aligned, one page, guest-writable */
	struct bh_vcpu_state *vstate;	/* page-aligned, one page, guest read-only */
	/* Its ports: bh_cfg.ports[first_port .. first_port + nports). */
	uint32_t first_port;
	uint32_t nports;
	/* Virtual tick rate: ticks due at exact multiples of 1/tick_hz s
	 * (virq_src.c). 0: every tick_period kernel ticks (tests' fixtures). */
	uint32_t tick_hz;
};

/*
 * A port (docs/ports.md). Ports are numbered system-wide, partition by
 * partition in file order; the number is the id guests use.
 */
struct bh_cfg_port {
	const char *name;
	uint32_t partition; /* owner, index into partitions */
	uint32_t channel;   /* index into channels */
	uint8_t kind;	    /* BH_PORT_SAMPLING or BH_PORT_QUEUING */
	uint8_t direction;  /* BH_PORT_SOURCE or BH_PORT_DESTINATION */
	uint8_t vector;	    /* BH_VEC_PORT_BASE.., or BH_PORT_NO_VECTOR */
	uint8_t reserved;
	uint32_t max_size;  /* bytes, 1..BH_PORT_MAX_MESSAGE */
	uint32_t depth;	    /* queuing: messages; sampling: 1 */
	uint32_t refresh;   /* sampling destination: ticks; else 0 */
};

/*
 * A channel: one source port, one (queuing) or more (sampling) destination
 * ports, and the message storage, emitted by bhcfg: `depth` slots of `slot`
 * bytes, each a uint32_t length followed by up to max_size bytes.
 */
struct bh_cfg_channel {
	uint8_t kind;		  /* BH_PORT_* */
	uint32_t max_size;
	uint32_t depth;		  /* queuing: FIFO length; sampling: 1 */
	uint32_t source;	  /* port index */
	const uint16_t *dests;	  /* port indices */
	uint32_t ndests;
	uint32_t slot;		  /* 4 + max_size rounded up to 4 */
	uint8_t *buf;		  /* depth * slot bytes, 4-aligned */
};

struct bh_cfg_window {
	uint32_t partition; /* index into partitions */
	uint32_t start;	    /* offset in the major frame, ticks */
	uint32_t duration;  /* ticks, > 0 */
};

/* The kernel trace (bh/trace.h), from the `trace` statement. */
struct bh_cfg_trace {
	uint32_t classes; /* BH_TRACE_C_* to record; 0: off */
	uint32_t records; /* ring capacity, a power of two; 0 when off */
	uint32_t *ring;	  /* records * 4 words, 16-byte aligned */
};

struct bh_cfg_system {
	const char *name;
	uint32_t tick_us;     /* kernel timer period */
	uint32_t major_frame; /* ticks */
	const struct bh_cfg_partition *partitions;
	uint32_t npartitions;
	const struct bh_cfg_window *windows; /* sorted by start, disjoint */
	uint32_t nwindows;
	const struct bh_cfg_port *ports;
	uint32_t nports;
	const struct bh_cfg_channel *channels;
	uint32_t nchannels;
	struct bh_cfg_trace trace;
};

/* Emitted by bhcfg into the system's config.c. */
extern const struct bh_cfg_system bh_cfg;

#endif /* BH_CONFIG_H */
