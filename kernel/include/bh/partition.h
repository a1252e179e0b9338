/*
 * A partition's run-time state. The configuration (bh/config.h) is what the
 * system integrator wrote; this is what the kernel keeps about it while it
 * runs. All partitions live in one static array indexed by id.
 */
#ifndef BH_PARTITION_H
#define BH_PARTITION_H

#include <bh/arch.h>
#include <bh/config.h>
#include <bh/console.h>
#include <bh/virq.h>

/* Why a runnable partition is not on the processor inside its window. */
enum part_wait {
	PART_RUN = 0,	  /* runs whenever its window is active */
	PART_YIELDED = 1, /* gave up the rest of its window (BH_HC_YIELD) */
	PART_IDLING = 2	  /* waits for a deliverable vector (BH_HC_IDLE) */
};

#define PART_LINE_MAX 120u

/*
 * Bytes of memory a cold (re)start zeroes or copies per kernel tick. The
 * reload runs only in the partition's own windows, one step per tick, so a
 * restart (asked by the partition, its health monitor or another partition)
 * costs its neighbours no time: at most one step of this size lands in the
 * tick that starts or continues it.
 */
#define PART_LOAD_STEP (64u * 1024u)

/* A cold load in progress: region `item` being zeroed, then segment
 * `item - nregions` being copied, `offset` bytes into it. */
struct part_load {
	bool active;
	bool boot;	/* first load: shared objects are zeroed too */
	uint32_t item;
	uint32_t offset;
};

struct partition {
	struct arch_ctx ctx; /* saved user state; traps land in ctx.regs */
	const struct bh_cfg_partition *cfg;
	struct bh_vcpu *vcpu;	     /* the kernel's view of the guest-written page */
	struct bh_vcpu_state *vstate; /* the state page: the guest only reads it */
	uint32_t id;
	uint32_t mode;		  /* enum bh_partition_mode */
	uint32_t start_condition; /* enum bh_start_condition */
	uint32_t restart_count;
	uint32_t wait;		  /* enum part_wait */
	struct part_load load;	  /* runs only once this is done */
	struct virq virq;
	/* accounting, reported by BH_HC_PARTITION_STATUS and the summary */
	uint32_t window_seq;	/* windows started since the last (re)start */
	uint32_t windows_total; /* windows started since boot */
	uint64_t ticks_run;	/* kernel ticks spent running */
	uint32_t hm_events;
	uint32_t last_hm_event;
	uint32_t bad_hypercalls;
	struct con_ring con; /* console output waiting to be written (console.h) */
};

extern struct partition bh_partitions[BH_CFG_MAX_PARTITIONS];

static inline struct partition *part_get(uint32_t id)
{
	return id < bh_cfg.npartitions ? &bh_partitions[id] : NULL;
}

static inline bool part_privileged(const struct partition *p)
{
	return (p->cfg->flags & BH_CFG_PRIVILEGED) != 0;
}

void part_init_all(void);
void part_restart(struct partition *p, bool cold, uint32_t condition);
void part_stop(struct partition *p);
/* Advance a pending cold load by up to `budget` bytes; true once complete. */
bool part_load_step(struct partition *p, uint32_t budget);
const char *part_mode_name(uint32_t mode);

#endif /* BH_PARTITION_H */
