/*
 * Phase 2: a long random run (fixed seed) where both partitions are random
 * guests: arrivals for either at any time, single kernel ticks, and for
 * whichever partition runs, any guest event, including scribbling any
 * value into any word of its own guest-written vCPU page (enabled, the
 * summary hint, mask, the rest of the page). The model follows these
 * words as the guest wrote them; the kernel must still never lose an
 * arrival, deliver one twice, deliver to the wrong partition or outside
 * the rules. Every DRAIN_EVERY steps, and at the end, both partitions drain
 * and their totals are checked.
 */
#include <stdio.h>

#include <bh/partition.h>

#include "model.h"

#define DRAIN_EVERY 997u
#define NEST_LIMIT 12u /* a guest keeps its nesting (hence its stack) bounded */
#define MAX_PRINTED 3u
#define HISTORY 24u
#define MAX_MISMATCHES 1000u

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static uint8_t any_slot(void)
{
	return (uint8_t)below(NSLOT);
}

static uint32_t scribble_value(uint32_t old)
{
	switch (below(5)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return UINT32_MAX;
	case 3: return old ^ (1u << below(32));
	default: return rnd() ^ (rnd() << 16);
	}
}

static void scribble(const struct world *w, int i, struct op *op)
{
	const volatile uint32_t *page = (const volatile uint32_t *)bh_partitions[i].vcpu;
	uint32_t r = below(10);

	op->kind = OP_SCRIBBLE;
	if (r < 3)
		op->word = 0; /* enabled */
	else if (r < 6)
		op->word = (uint8_t)(2 + below(2)); /* mask */
	else if (r < 8)
		op->word = 1; /* summary */
	else
		op->word = (uint8_t)below(VCPU_WORDS + 8u); /* and past the struct */
	op->val = scribble_value(page[op->word]);
	if (op->word == 0 && w->g[i].depth >= NEST_LIMIT)
		op->val = 0;
}

/* A random event of the guest of running partition i. */
static void guest_event(const struct world *w, int i, struct op *op)
{
	uint32_t r = below(100);
	bool deep = w->g[i].depth >= NEST_LIMIT;

	*op = (struct op){ .part = (uint8_t)i, .slot = any_slot() };
	if (r < 12 || (r < 26 && deep))
		op->kind = OP_DISABLE;
	else if (r < 26)
		op->kind = OP_ENABLE;
	else if (r < 40)
		op->kind = OP_MASK;
	else if (r < 58 || (r < 78 && !w->g[i].depth))
		op->kind = OP_UNMASK;
	else if (r < 78)
		op->kind = OP_URET;
	else if (r < 92)
		scribble(w, i, op);
	else
		op->kind = OP_SYNC;
}

static int running_part(const struct world *w)
{
	for (int i = 0; i < NPART; i++)
		if (ref_running(&w->ref, i))
			return i;
	return -1;
}

static void next_event(const struct world *w, struct op *op)
{
	uint32_t r = below(100);
	int run = running_part(w);
	uint8_t other = (uint8_t)below(NPART);

	*op = (struct op){ .kind = OP_TICK };
	if (r < 30) {
		*op = (struct op){ .kind = OP_ARRIVE, .part = other,
				   .slot = (uint8_t)(1 + below(NSLOT - 1)) };
	} else if (r < 33 && run != other) {
		*op = (struct op){ .kind = OP_WSTART, .part = other };
	} else if (r >= 45 && run >= 0) {
		guest_event(w, run, op);
	}
}

/* The last events, printed with a mismatch. */
static struct op recent[HISTORY];

static void remember(uint64_t step, const struct op *op)
{
	recent[step % HISTORY] = *op;
}

static bool report(uint64_t step, const char *what, const char *why)
{
	static unsigned printed;
	char name[64];

	if (printed++ >= MAX_PRINTED)
		return true;
	printf("virq model random: MISMATCH at step %llu (%s): %s\n", (unsigned long long)step,
	       what, why);
	printf("  last events:");
	for (uint64_t s = step >= HISTORY ? step - HISTORY + 1 : 1; s <= step; s++)
		printf(" %s", op_name(&recent[s % HISTORY], name, sizeof(name)));
	printf("\n");
	return true;
}

static bool drain_both(struct world *w, uint64_t step)
{
	for (int i = 0; i < NPART; i++) {
		const char *why = world_drain(w, i, true);
		if (why)
			return report(step, i == PA ? "alpha drains" : "beta drains", why);
	}
	return false;
}

/* Step s of the run; true on a mismatch (then the world is rebooted). */
static bool one_step(struct world *w, uint64_t s, uint64_t steps)
{
	struct op op;
	char name[64];
	const char *why;

	next_event(w, &op);
	remember(s, &op);
	why = world_step(w, &op);
	if (why)
		report(s, op_name(&op, name, sizeof(name)), why);
	else if (s % DRAIN_EVERY && s != steps)
		return false;
	else if (!drain_both(w, s))
		return false;
	world_boot(w, false); /* carry on from a known state */
	return true;
}

uint64_t random_run(uint64_t *steps, uint64_t seed)
{
	static struct world w;
	uint64_t mismatches = 0, s;

	rng = seed ? seed : 1;
	if (world_boot(&w, false)) {
		*steps = 0;
		return 1; /* phase 1 has shown why */
	}
	for (s = 1; s <= *steps && mismatches < MAX_MISMATCHES; s++)
		mismatches += one_step(&w, s, *steps);
	if (mismatches >= MAX_MISMATCHES)
		printf("virq model random: stopped after %llu mismatches\n",
		       (unsigned long long)mismatches);
	printf("virq model: random: deepest nesting %u, largest count %u, %llu+%llu device "
	       "edges merged while masked\n", w.t.max_depth, w.t.max_count,
	       (unsigned long long)w.t.coalesced[PA], (unsigned long long)w.t.coalesced[PB]);
	*steps = s - 1;
	return mismatches;
}
