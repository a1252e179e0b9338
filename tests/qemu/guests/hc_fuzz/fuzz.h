/*
 * hc_fuzz: random hypercalls against a model of the kernel
 * (tests/qemu/hc_fuzz). Shared declarations of its files.
 *
 * Every call is generated from a fixed-seed PRNG, predicted by a model of
 * the dispatcher's rules (model.c), made with every register chosen, and
 * checked: the result code, the preserved registers and flags, and for some
 * calls the data written. Its upcall handler makes random calls of its own.
 *
 * No call is left out. Calls that restart or stop the caller are kept:
 * the campaign's state lives in a shared object, which no restart clears,
 * so the campaign continues after any restart (hc_dog restarts it after a
 * stop), and the model says which restarts a call may cause. The limits
 * are on arguments only, where the kernel would rightly let the fuzzer
 * harm itself, which proves nothing:
 *   - generated pointers never point into its code and data, campaign state
 *     or interrupt stacks (gen.c, guard());
 *   - entries other than the real one fault at their first instruction;
 *   - an upcall that interrupts the main loop inside a call makes only calls
 *     whose outcome does not depend on the registration, binding and mode
 *     state the interrupted call may be changing; on a stack the campaign
 *     made smaller than its needs, the handler makes no call;
 */
#ifndef HC_FUZZ_H
#define HC_FUZZ_H

#include <bhtest.h>
#include "../../hc_lib/hcl.h"

void *memset(void *dst, int c, size_t n);

/* The system, mirrored from tests/qemu/hc_fuzz/system.cfg. */
#define FZ_ID 1u
#define FZ_NPARTITIONS 3u
#define FZ_WINDOW 1u	    /* index of hc_fuzz's window in the schedule */
#define FZ_WIN_START 1u	    /* ticks */
#define FZ_WIN_TICKS 7u
#define FZ_MAJOR_TICKS 10u
#define FZ_LINE 5u	    /* the one interrupt line hc_fuzz owns */
#define IMAGE_BASE 0x40000000u
#define IMAGE_SIZE 0x20000u /* rwx: code, data, stacks; its tail is unused */
#define ARENA_BASE 0x40100000u
#define ARENA_SIZE 0x4000u  /* rw: where generated pointers point */
#define ARENA_FILL 0xCCu    /* int3: run as code, it faults at once */
#define RO_BASE 0x40200000u
#define RO_SIZE 0x1000u	    /* r */
#define SLED_BASE 0x40300000u
#define SLED_SIZE 0x1000u   /* rwx, filled with ud2: entries that fault */
#define STATE_BASE 0x40400000u
#define STATE_SIZE 0x1000u  /* rw, shared object hc_fz_state: the campaign */
#define STACKS_BASE 0x40500000u
#define STACKS_SIZE 0x2000u /* rw: interrupt stacks the fuzzer registers */
#define VICTIM_ONLY 0x40030000u /* hc_victim maps it (256K), hc_fuzz does not */

#define FZ_TARGET 1000000u /* hypercalls in the campaign */
/*
 * Regression seed: this campaign asks for a cold restart 38 us before its
 * window ends. The kernel once reloaded the whole partition at once with
 * interrupts off (about 190,000 instructions here) and hc_victim's next
 * window came 149 us late; the reload now runs in steps in the restarted
 * partition's own windows (PART_LOAD_STEP), and the victim must not notice.
 */
#define FZ_SEED 0x22222222u

struct fz_rng {
	uint32_t x, y, z, w;
};

/* Why the partition may be restarted before the next call returns. */
#define RS_MODE (1u << BH_START_PARTITION_RESTART) /* set_mode cold/warm */
#define RS_HM (1u << BH_START_HM_PARTITION_RESTART) /* a wild jump or upcall */
#define RS_DOG (1u << BH_START_OTHER_PARTITION)	    /* set_mode idle, hc_dog */

/* The campaign, in the shared object. `sum` guards it against the
 * fuzzer's own wild code. */
struct fz_call {
	uint32_t nr, a[5], eflags;
};

struct fz_state {
	uint32_t magic;
	struct fz_rng rng_main, rng_irq;
	uint32_t calls_main, calls_irq; /* campaign hypercalls made */
	uint32_t checked, mismatches;
	uint32_t restarts_mode, restarts_hm, restarts_dog, resets;
	uint32_t restart_ok;	/* RS_* allowed for the next start */
	uint32_t restart_count; /* the kernel's, seen at the last start */
	uint32_t hm_events;	/* the model's count of the kernel's */
	uint32_t hm_in_flight;	/* events calls in flight may add (see exec.c) */
	uint32_t upcalls, landings, jumps, reentries;
	uint32_t done;
	struct fz_call last; /* the last call made, to explain a restart */
	uint32_t last_in_handler;
	/* The first mismatch, repeated in the result line: the line printed
	 * when it happened may be dropped (a full console ring). */
	struct fz_call bad;
	const char *bad_what;
	uint32_t bad_got, bad_want;
	uint32_t sum;
};
#define FZ ((struct fz_state *)STATE_BASE)

/* The model of the kernel's state for this partition. */
enum fz_entry { ENTRY_NONE, ENTRY_REAL, ENTRY_FOREIGN };
struct fz_model {
	uint32_t mode, entry, stack_lo, stack_hi, bad;
	uint32_t new_lo, new_hi; /* a registration in flight */
	bool bound;
	bool wild; /* a wild upcall return since the start: if it came back,
		    * code the model does not know may have made calls */
};
extern struct fz_model fz_model;
extern volatile bool fz_main_busy;

/* What the model predicts for a call. */
enum fz_kind {
	P_EXACT,    /* eax == value */
	P_VERSION,  /* eax == ABI version, edx == features */
	P_TIME,	    /* edx:eax >= the last time seen */
	P_NORETURN, /* restarts or stops the caller */
	P_JUMP,	    /* upcall return: continues wherever the frame says */
};
struct fz_pred {
	enum fz_kind kind;
	int32_t value;
};

/* gen.c */
uint32_t fz_rand(struct fz_rng *g);
void fz_seed(struct fz_rng *g, uint32_t seed);
void fz_gen_call(struct fz_rng *g, struct fz_call *c, bool stateless);
void fz_scribble_vcpu(uint32_t r, uint32_t v);
/* model.c */
struct fz_pred fz_predict(const struct fz_call *c);
void fz_apply(const struct fz_call *c, const struct fz_pred *p);
uint32_t fz_hm_events_of(const struct fz_call *c, const struct fz_pred *p);
bool fz_can_write(uint32_t va, uint32_t len);
bool fz_is_stateful(uint32_t nr);
void fz_model_reset(uint32_t mode);
/* exec.c */
void fz_step(struct fz_rng *g, bool in_handler);
void fz_mismatch(const struct fz_call *c, const char *what, uint32_t got, uint32_t want);
uint32_t fz_count_mismatch(const struct fz_call *c, const char *what, uint32_t got, uint32_t want);
void fz_state_save(void);
uint32_t fz_irq_off(void);
void fz_irq_restore(uint32_t e);
/* main.c */
void fz_upcall(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);

#endif /* HC_FUZZ_H */
