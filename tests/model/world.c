/*
 * Both sides together: boot the kernel and the model into the same state,
 * apply one operation to both and compare, drain, and snapshot/restore the
 * whole world (kernel state, partition memory that changes, the model and
 * the observer) so the exhaustive search can branch cheaply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/host.h>
#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/uaccess.h>

#include "model.h"

void cfg_check(uint32_t ram_end); /* kernel/core/cfg_check.c */

static bool tracing;
uint64_t world_deliveries;

void world_trace(bool on)
{
	tracing = on;
}

bool op_is_guest(const struct op *op)
{
	return op->kind != OP_ARRIVE && op->kind != OP_WSTART && op->kind != OP_WEND &&
	       op->kind != OP_TICK;
}

const char *op_name(const struct op *op, char *buf, unsigned len)
{
	static const char *const names[OP_KINDS] = {
		"arrive", "disable", "enable", "mask",	"unmask", "uret",
		"wstart", "wend",    "tick",   "scribble", "sync",
	};
	const char *who = op->part == PA ? "A" : "B";
	uint32_t v = slot_vec(op->part, op->slot);

	if (op->kind == OP_TICK)
		snprintf(buf, len, "tick");
	else if (op->kind == OP_ARRIVE || op->kind == OP_MASK || op->kind == OP_UNMASK)
		snprintf(buf, len, "%s.%s(v%u)", who, names[op->kind], v);
	else if (op->kind == OP_SCRIBBLE)
		snprintf(buf, len, "%s.scribble(w%u=%#x)", who, op->word, op->val);
	else
		snprintf(buf, len, "%s.%s", who, names[op->kind]);
	return buf;
}

static void print_events(const char *side, const struct delivery *ev, uint32_t n)
{
	printf(" %s[", side);
	for (uint32_t k = 0; k < n; k++)
		printf("%s%c:v%ux%u", k ? " " : "", ev[k].part == PA ? 'A' : 'B', ev[k].vec,
		       ev[k].count);
	printf("]");
}

const char *world_step(struct world *w, const struct op *op)
{
	const char *why;
	char name[64];

	drive_clear_error();
	if (op_is_guest(op) && !ref_running(&w->ref, op->part))
		return "internal: a guest operation for a partition that is not running";
	drive_apply(w, op);
	ref_apply(&w->ref, op);
	why = check_step(w);
	world_deliveries += w->nev;
	if (tracing) {
		printf("    t=%-3llu %-22s", (unsigned long long)w->ref.now,
		       op_name(op, name, sizeof(name)));
		print_events("kernel", w->ev, w->nev);
		print_events("model", w->ref.ev, w->ref.nev);
		printf("%s\n", why ? "  <-- MISMATCH" : "");
	}
	return why;
}

static const char *boot_failed(const char *what, const char *why)
{
	static char msg[640];

	snprintf(msg, sizeof(msg), "boot step '%s': %s", what, why);
	return msg;
}

static const char *unmask_all(struct world *w, int part)
{
	for (uint8_t s = 0; s < NSLOT; s++) {
		struct op op = { .kind = OP_UNMASK, .part = (uint8_t)part, .slot = s };
		const char *why = world_step(w, &op);
		if (why)
			return why;
	}
	return NULL;
}

static const char *step(struct world *w, uint8_t kind, int part)
{
	struct op op = { .kind = kind, .part = (uint8_t)part };

	return world_step(w, &op);
}

#define BOOT_STEP(what, expr)                          \
	do {                                           \
		const char *why_ = (expr);             \
		if (why_)                              \
			return boot_failed(what, why_); \
	} while (0)

/*
 * Boot as kmain does (less the console and arch_enter), then bring both
 * guests up as a guest program would: register, bind, unmask all, enable.
 * Ends at t=4, the start of alpha's second window: alpha enabled, all
 * unmasked, nothing pending; beta took its first tick in its window. Every
 * step after the kernel's own boot is compared with the model.
 */
const char *world_boot(struct world *w, bool auto_b)
{
	memset(bh_partitions, 0, sizeof(bh_partitions));
	bh_sched = (struct sched){ 0 };
	host_reset();
	memset(w, 0, sizeof(*w));
	ref_init(&w->ref, auto_b);
	drive_clear_error();
	cfg_check(host_ram_end());
	time_init();
	part_init_all();
	sched_init();
	BOOT_STEP("first resume", drive_boot_resume(w));
	drive_init_guest(w, PA);
	BOOT_STEP("alpha registers", drive_error());
	BOOT_STEP("alpha unmasks all", unmask_all(w, PA));
	BOOT_STEP("alpha enables", step(w, OP_ENABLE, PA));
	BOOT_STEP("to beta's window", step(w, OP_WEND, PA));
	drive_init_guest(w, PB);
	BOOT_STEP("beta registers", drive_error());
	BOOT_STEP("beta unmasks all", unmask_all(w, PB));
	BOOT_STEP("beta enables", step(w, OP_ENABLE, PB));
	BOOT_STEP("to alpha's second window", step(w, OP_WSTART, PA));
	if (w->g[PA].depth || w->ref.p[PA].depth || w->ref.nev)
		return boot_failed("alpha's second window", "alpha got an upcall");
	return NULL;
}

/* ------------------------------------------------------------- drain */

static bool page_masked(int part, uint32_t v)
{
	return bh_bit_test(bh_partitions[part].vcpu->mask, v);
}

static bool model_pending(const struct ref_part *pp)
{
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		if (pp->count[v])
			return true;
	return false;
}

/* The next thing a guest does to take everything: false when done. */
static bool drain_op(const struct world *w, int part, struct op *op)
{
	const struct ref_part *pp = &w->ref.p[part];

	*op = (struct op){ .part = (uint8_t)part };
	op->kind = OP_WSTART;
	if (!ref_running(&w->ref, part))
		return true;
	for (uint8_t s = 0; s < NSLOT; s++) {
		op->kind = OP_UNMASK;
		op->slot = s;
		if (page_masked(part, slot_vec(part, s)))
			return true;
	}
	op->kind = OP_URET;
	if (w->g[part].depth)
		return true;
	op->kind = OP_ENABLE;
	if (!bh_partitions[part].vcpu->enabled)
		return true;
	op->kind = OP_SYNC; /* a guest that scribbled over its mirror lost track */
	if (model_pending(pp))
		return true;
	op->kind = OP_UNMASK; /* an edge still held by the controller */
	op->slot = S_LINE;
	return w->latch[part] || pp->latch;
}

const char *world_drain(struct world *w, int part, bool totals)
{
	struct op op;

	for (unsigned n = 0; n < 400; n++) {
		if (!drain_op(w, part, &op))
			return totals ? check_totals(w, part) : NULL;
		const char *why = world_step(w, &op);
		if (why)
			return why;
	}
	return "draining never finished: something stays pending or in service";
}

/* ----------------------------------------------------------- snapshots */

/*
 * Upcall frames only ever occupy the top of the interrupt stack: at most
 * MAX_NEST of them (observe() fails beyond), at most 336 bytes apart (a
 * batch frame, alpha's: abi.h, 316 bytes rounded to 16 below the last).
 */
#define FRAMES_SIZE ((MAX_NEST + 2u) * 336u)
_Static_assert(FRAMES_SIZE <= G_ISTACK_SIZE, "frames fit the interrupt stack");

struct snap {
	struct partition part[NPART];
	struct sched sched;
	struct bh_vcpu vcpu[NPART];
	struct bh_vcpu_state vstate[NPART];
	uint8_t istack[NPART][FRAMES_SIZE];
	uint32_t irq_masked, switches;
	struct partition *live;
	struct world w;
};

struct snap *snap_new(void)
{
	struct snap *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	return s;
}

static uint8_t *istack(int i)
{
	uint32_t va = G_ISTACK + G_ISTACK_SIZE - FRAMES_SIZE;

	return uaccess_ptr(&bh_partitions[i], gva(va), FRAMES_SIZE, BH_PERM_W);
}

void snap_save(struct snap *s, const struct world *w)
{
	for (int i = 0; i < NPART; i++) {
		s->part[i] = bh_partitions[i];
		memcpy(&s->vcpu[i], (const void *)bh_partitions[i].vcpu, sizeof(s->vcpu[i]));
		memcpy(&s->vstate[i], (const void *)bh_partitions[i].vstate, sizeof(s->vstate[i]));
		memcpy(s->istack[i], istack(i), FRAMES_SIZE);
	}
	s->sched = bh_sched;
	s->irq_masked = host_irq_masked;
	s->switches = host_switches;
	s->live = host_live;
	s->w = *w;
}

void snap_restore(const struct snap *s, struct world *w)
{
	for (int i = 0; i < NPART; i++) {
		bh_partitions[i] = s->part[i];
		memcpy((void *)bh_partitions[i].vcpu, &s->vcpu[i], sizeof(s->vcpu[i]));
		memcpy((void *)bh_partitions[i].vstate, &s->vstate[i], sizeof(s->vstate[i]));
		memcpy(istack(i), s->istack[i], FRAMES_SIZE);
	}
	bh_sched = s->sched;
	host_irq_masked = s->irq_masked;
	host_switches = s->switches;
	host_live = s->live;
	*w = s->w;
}

/* What differs between two snapshots of the same sequence, or NULL. */
const char *snap_diff(const struct snap *a, const struct snap *b)
{
	for (int i = 0; i < NPART; i++) {
		if (memcmp(&a->part[i].virq, &b->part[i].virq, sizeof(a->part[i].virq)))
			return "kernel virq state";
		if (memcmp(&a->part[i].ctx.regs, &b->part[i].ctx.regs, sizeof(struct arch_regs)))
			return "saved context";
		if (a->part[i].mode != b->part[i].mode || a->part[i].wait != b->part[i].wait)
			return "partition mode";
		if (memcmp(&a->vcpu[i], &b->vcpu[i], sizeof(a->vcpu[i])))
			return "vCPU page";
		if (memcmp(&a->vstate[i], &b->vstate[i], sizeof(a->vstate[i])))
			return "vCPU state page";
		if (memcmp(a->istack[i], b->istack[i], FRAMES_SIZE))
			return "interrupt stack";
	}
	if (a->sched.now != b->sched.now || a->sched.current != b->sched.current ||
	    a->sched.running != b->sched.running || a->sched.win != b->sched.win ||
	    a->sched.frame_pos != b->sched.frame_pos)
		return "scheduler";
	if (a->irq_masked != b->irq_masked)
		return "interrupt controller";
	if (memcmp(a->w.ref.p, b->w.ref.p, sizeof(a->w.ref.p)) || a->w.ref.now != b->w.ref.now ||
	    memcmp(&a->w.g, &b->w.g, sizeof(a->w.g)) || memcmp(&a->w.t, &b->w.t, sizeof(a->w.t)))
		return "model or observer";
	return NULL;
}
