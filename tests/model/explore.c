/*
 * Phase 1: every sequence of alpha's events up to a depth, from the state
 * world_boot() leaves (t=4, alpha in its window, enabled, all unmasked,
 * nothing pending; beta returns from its upcalls at once). The alphabet:
 *
 *   arrive(v)  for the one-shot timer, a port and alpha's device line
 *   disable, enable, mask(v), unmask(v), upcall return
 *   window end, window start   (kernel ticks up to the boundary; alpha's
 *              virtual tick arrives on its own as time passes)
 *
 * Guest events exist only while alpha runs (in its window), an upcall
 * return only inside an upcall; a guest event that writes nothing new to
 * the vCPU page and makes no hypercall (disable when disabled, mask when
 * masked, enable when enabled with the summary hint clear) is invisible to the
 * kernel and left out. Every prefix is a sequence too: after each one the
 * guest drains (window start, unmask all, enable, return from every upcall)
 * and every arrival must have been delivered exactly once.
 *
 * The search branches from snapshots; every REPLAY_EVERY-th sequence is
 * also re-run from a fresh boot and must end in the same state.
 */
#include <stdio.h>

#include <bh/partition.h>

#include "model.h"

#define MAX_DEPTH 12u
#define REPLAY_EVERY 2039u /* prime: spreads the replays over the tree */

static struct snap *node_snap[MAX_DEPTH + 1];
static struct snap *replay_snap;
static struct op path[MAX_DEPTH];
static unsigned max_depth;
static struct explore_result *res;
static struct world w;
static struct {
	unsigned len; /* UINT32_MAX: none yet */
	bool drained;
	char why[512];
	struct op path[MAX_DEPTH];
} best;

static const uint8_t alphabet_slots[] = { S_TIMER, S_PORT, S_LINE };

static void add(struct op *ops, unsigned *n, uint8_t kind, uint8_t slot)
{
	ops[(*n)++] = (struct op){ .kind = kind, .part = PA, .slot = slot };
}

/* alpha's guest events that can make a difference now. */
static void guest_ops(struct op *ops, unsigned *n)
{
	const struct bh_vcpu *vc = bh_partitions[PA].vcpu;
	const struct bh_vcpu_state *vs = bh_partitions[PA].vstate;

	if (vc->enabled)
		add(ops, n, OP_DISABLE, 0);
	if (vc->enabled != 1 || vc->summary)
		add(ops, n, OP_ENABLE, 0);
	for (unsigned k = 0; k < sizeof(alphabet_slots); k++) {
		uint8_t s = alphabet_slots[k];
		uint32_t v = slot_vec(PA, s);
		bool masked = bh_bit_test(vc->mask, v);
		if (!masked)
			add(ops, n, OP_MASK, s);
		if (masked || s == S_LINE || ((vs->pending[v >> 5] >> (v & 31u)) & 1u))
			add(ops, n, OP_UNMASK, s);
	}
	if (w.g[PA].depth)
		add(ops, n, OP_URET, 0);
}

static unsigned enum_ops(struct op *ops)
{
	unsigned n = 0;

	for (unsigned k = 0; k < sizeof(alphabet_slots); k++)
		add(ops, &n, OP_ARRIVE, alphabet_slots[k]);
	if (!ref_running(&w.ref, PA)) {
		add(ops, &n, OP_WSTART, 0);
		return n;
	}
	guest_ops(ops, &n);
	add(ops, &n, OP_WEND, 0);
	return n;
}

static void print_sequence(unsigned len, bool drained)
{
	char name[64];

	printf("  sequence:");
	for (unsigned k = 0; k < len; k++)
		printf(" %s", op_name(&path[k], name, sizeof(name)));
	printf("%s\n", drained ? " + drain" : "");
}

/* Re-run the sequence from boot, printing each step of both sides. */
static void replay_verbose(unsigned len, bool drained)
{
	const char *why = NULL;

	printf("  replay from boot (t=4: alpha in its window, enabled, all unmasked):\n");
	why = world_boot(&w, true);
	world_trace(true);
	for (unsigned k = 0; k < len && !why; k++)
		why = world_step(&w, &path[k]);
	if (!why && drained) {
		printf("    -- drain --\n");
		why = world_drain(&w, PA, true);
	}
	world_trace(false);
	printf("  replay: %s\n", why ? why : "no mismatch (a snapshot lost state?)");
}

/* Keep the shortest counterexample (a drain counts as half an event). */
static void report(unsigned len, bool drained, const char *why)
{
	res->mismatches++;
	if (best.len != UINT32_MAX && best.len * 2 + best.drained <= len * 2 + drained)
		return;
	best.len = len;
	best.drained = drained;
	snprintf(best.why, sizeof(best.why), "%s", why);
	for (unsigned k = 0; k < len; k++)
		best.path[k] = path[k];
}

static void print_best(void)
{
	for (unsigned k = 0; k < best.len; k++)
		path[k] = best.path[k];
	printf("virq model: MISMATCH (the shortest of %llu) after %u event(s)%s: %s\n",
	       (unsigned long long)res->mismatches, best.len,
	       best.drained ? " and the drain" : "", best.why);
	print_sequence(best.len, best.drained);
	replay_verbose(best.len, best.drained);
}

/* The state reached through snapshots must equal the one a fresh boot reaches. */
static void replay_check(unsigned len)
{
	const char *why = NULL;

	res->replays++;
	why = world_boot(&w, true);
	for (unsigned k = 0; k < len && !why; k++)
		why = world_step(&w, &path[k]);
	snap_save(replay_snap, &w);
	if (!why)
		why = snap_diff(node_snap[len], replay_snap);
	if (why)
		report(len, false, why);
	snap_restore(node_snap[len], &w);
}

static void visit(unsigned d)
{
	struct op ops[16];
	unsigned n = enum_ops(ops);
	const char *why;

	res->sequences++;
	res->at_depth += d == max_depth;
	snap_save(node_snap[d], &w);
	if (res->sequences % REPLAY_EVERY == 0)
		replay_check(d);
	why = world_drain(&w, PA, true);
	if (why)
		report(d, true, why);
	if (d == max_depth)
		return;
	for (unsigned k = 0; k < n; k++) {
		snap_restore(node_snap[d], &w);
		path[d] = ops[k];
		why = world_step(&w, &ops[k]);
		if (why)
			report(d + 1, false, why);
		else
			visit(d + 1);
	}
}

/* A kernel that cannot even boot the guests is a counterexample too. */
static bool boot_fails(void)
{
	const char *why = world_boot(&w, true);

	if (!why)
		return false;
	res->mismatches++;
	printf("virq model: MISMATCH while booting: %s\n  the boot, step by step:\n", why);
	world_trace(true);
	world_boot(&w, true);
	world_trace(false);
	return true;
}

void explore(unsigned depth, struct explore_result *result)
{
	max_depth = depth > MAX_DEPTH ? MAX_DEPTH : depth;
	res = result;
	*res = (struct explore_result){ 0 };
	for (unsigned d = 0; d <= max_depth; d++)
		if (!node_snap[d])
			node_snap[d] = snap_new();
	if (!replay_snap)
		replay_snap = snap_new();
	best.len = UINT32_MAX;
	if (boot_fails())
		return;
	visit(0);
	if (res->mismatches)
		print_best();
}
