/*
 * The virq model checker: the real kernel core (built for the host) and a
 * small reference model of DESIGN.md's virtual interrupt rules are driven
 * through the same sequences of guest and hardware events, and their
 * deliveries and states are compared after every event.
 *
 *   sys.c      the test system (bh_cfg) and its schedule
 *   ref.c      the reference model: the rules, written from the design
 *   drive.c    the kernel side: the same events as hypercalls, timer ticks
 *              and device interrupts, with deliveries observed in the
 *              partitions' saved contexts and upcall frames
 *   world.c    boot, snapshots, the step that runs both sides and compares
 *   check.c    the comparisons and invariants
 *   explore.c  every sequence up to a depth (phase 1)
 *   random.c   a long random run with vCPU page scribbling (phase 2)
 */
#ifndef VMODEL_H
#define VMODEL_H

#include <stdbool.h>
#include <stdint.h>

#include <bulkhead/abi.h>

/* ------------------------------------------------------ test system */

enum { PA = 0, PB = 1, NPART = 2 };

#define MAJOR 4u
#define A_LINE 3u
#define B_LINE 5u
#define A_TICK_PERIOD 5u
#define B_TICK_PERIOD 2u

/* Guest layout, the same in both partitions (one rwx region each). */
#define G_BASE 0x40000000u
#define G_SIZE 0x10000u
#define G_MAIN_PC (G_BASE + 0x100u)    /* where the main program runs */
#define G_UPCALL (G_BASE + 0x200u)     /* registered upcall entry */
#define G_HANDLER_PC (G_BASE + 0x300u) /* handler code, + 16 per level */
#define G_MAIN_SP (G_BASE + 0x7000u)
#define G_ISTACK (G_BASE + 0x8000u)    /* registered interrupt stack */
#define G_ISTACK_SIZE 0x3000u /* room for MAX_NEST batch frames */

#define MAX_NEST 24u  /* deepest upcall nesting either side may reach */
#define MAX_EVENTS 64u /* deliveries one step may make */

bool sys_in_window(uint64_t now, int part);
uint32_t sys_line(int part);
uint32_t sys_tick_period(int part);

/* The vectors sequences talk about, per partition. */
enum { S_TICK, S_TIMER, S_PORT, S_LINE, NSLOT };
uint32_t slot_vec(int part, int slot);
int vec_slot(int part, uint32_t v); /* -1: not a slot's vector */

/* ------------------------------------------------------- operations */

enum op_kind {
	OP_ARRIVE,   /* an interrupt for slot's vector (line: a device edge) */
	OP_DISABLE,  /* guest: enabled = 0 */
	OP_ENABLE,   /* guest: bh_irq_enable() */
	OP_MASK,     /* guest: bh_irq_mask(slot) */
	OP_UNMASK,   /* guest: bh_irq_unmask(slot) */
	OP_URET,     /* guest: return from the innermost upcall */
	OP_WSTART,   /* kernel ticks until part's window starts */
	OP_WEND,     /* kernel ticks until part's window ends */
	OP_TICK,     /* one kernel tick */
	OP_SCRIBBLE, /* guest: any value into a word of its guest-written vCPU page */
	OP_SYNC,     /* guest: bh_virq_sync() */
	OP_KINDS
};

struct op {
	uint8_t kind;
	uint8_t part;
	uint8_t slot;
	uint8_t word; /* OP_SCRIBBLE: index of the 32-bit word in its page */
	uint32_t val; /* OP_SCRIBBLE: the value */
};

/* Words of the guest-written page a scribble may hit: struct bh_vcpu and
 * the rest of the page beyond it. (The state page is read-only.) */
#define VCPU_WORDS (sizeof(struct bh_vcpu) / 4u)
#define VCPU_PAGE_WORDS (BH_PAGE_SIZE / 4u)

bool op_is_guest(const struct op *op); /* needs part's guest to be running */
const char *op_name(const struct op *op, char *buf, unsigned len);

struct delivery {
	uint8_t part;
	uint8_t vec;
	uint32_t count;
};

/* ---------------------------------------------------- reference model */

struct ref_part {
	uint32_t count[BH_NR_VECTORS];	    /* arrivals not yet delivered */
	uint32_t pending[2];		    /* bit v: count[v] > 0 */
	uint32_t enabled, mask[2];	    /* guest words, as last written */
	uint32_t summary;		    /* the hint, as the rules keep it */
	uint8_t handling[MAX_NEST];	    /* vectors of the upcalls in progress */
	bool served[MAX_NEST];		    /* that upcall handed over the line */
	uint32_t depth;
	bool batch; /* alpha: batch upcalls (abi.h), all deliverable at once */
	uint32_t line_vec; /* the partition's line's vector */
	bool pic_masked; /* the partition's line at the interrupt controller */
	bool latch;	 /* an edge held by the controller while masked */
	uint32_t owed;	 /* virtual ticks due, not yet handed over */
};

struct ref {
	struct ref_part p[NPART];
	uint64_t now;
	bool auto_b; /* beta's guest returns from every upcall at once */
	uint32_t nev;
	struct delivery ev[MAX_EVENTS]; /* deliveries of the current step */
};

void ref_init(struct ref *m, bool auto_b);
void ref_apply(struct ref *m, const struct op *op);
bool ref_running(const struct ref *m, int part);
bool ref_in_service(const struct ref_part *pp, uint32_t v);
uint32_t ref_guest_pending(const struct ref_part *pp); /* pending & ~mask */

/* ------------------------------------------------------ kernel side */

/* A guest's view of its upcalls in progress (innermost last). */
struct guest {
	uint32_t depth;
	uint32_t va[MAX_NEST];		       /* frame addresses */
	struct bh_upcall_frame f[MAX_NEST];    /* frames as the kernel wrote them */
	uint32_t lines[MAX_NEST];	       /* batch: the entry's ebp, for the return */
};

struct tally {
	uint64_t arrived[NPART][NSLOT];	  /* arrivals made (line: edges passed) */
	uint64_t delivered[NPART][NSLOT]; /* sum of delivered counts */
	uint64_t edges[NPART];		  /* device edges made */
	uint64_t coalesced[NPART];	  /* edges merged into a latched one */
	uint64_t upcalls;
	uint32_t max_depth; /* deepest upcall nesting seen */
	uint32_t max_count; /* largest count delivered at once */
};

struct world {
	struct ref ref;
	struct guest g[NPART];
	bool latch[NPART];   /* the fake controller's held edge per line */
	uint32_t entry_enabled[NPART]; /* virtual flag each had as the kernel was entered */
	struct tally t;
	uint32_t nev;
	struct delivery ev[MAX_EVENTS]; /* deliveries seen in the current step */
};

void drive_apply(struct world *w, const struct op *op);
void drive_init_guest(struct world *w, int part);
const char *drive_boot_resume(struct world *w); /* the first resume after boot */
const char *drive_error(void); /* first invariant broken in this step, or NULL */
void drive_clear_error(void);

/* ------------------------------------------------ world: both sides */

const char *world_boot(struct world *w, bool auto_b); /* NULL: booted */
const char *world_step(struct world *w, const struct op *op); /* NULL: agree */
const char *world_drain(struct world *w, int part, bool totals);
void world_trace(bool on);
extern uint64_t world_deliveries; /* deliveries compared, over all steps */

struct snap;
struct snap *snap_new(void);
void snap_save(struct snap *s, const struct world *w);
void snap_restore(const struct snap *s, struct world *w);
const char *snap_diff(const struct snap *a, const struct snap *b);

/* ----------------------------------------------------------- checks */

const char *check_step(const struct world *w);
const char *check_totals(const struct world *w, int part);

/* ----------------------------------------------------------- phases */

struct explore_result {
	uint64_t sequences;	/* of every length 0..depth */
	uint64_t at_depth;	/* of exactly the depth */
	uint64_t mismatches;
	uint64_t replays;	/* sequences re-run from a fresh boot */
};

void explore(unsigned depth, struct explore_result *res);
/* Returns the mismatches; *steps: how many to make, then how many made. */
uint64_t random_run(uint64_t *steps, uint64_t seed);

#endif /* VMODEL_H */
