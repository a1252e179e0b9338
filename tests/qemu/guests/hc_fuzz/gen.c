/*
 * hc_fuzz, generation: a xorshift128 PRNG and the argument generators.
 * A quarter of all arguments are fully random 32-bit values; the rest are
 * drawn from what an attacker would try for that argument: pointers at and
 * around region edges, into the kernel, into the victim's memory, the vCPU
 * page and the top of the address space; lengths around the limits; ids,
 * modes, lines and vectors around their bounds. Call numbers: 1 in 16 fully
 * random, 1 in 16 just past the table or aliasing a valid number in its low
 * bits, the rest valid, weighted (yield and idle rarely: each costs the rest
 * of the window).
 */
#include "fuzz.h"

enum arg_kind { A_ANY, A_PTR, A_LEN, A_ID, A_MODE, A_PCTL, A_LINE, A_VEC, A_ENTRY, A_STACK,
		A_SIZE, A_TIME, A_TIMEHI, A_OPTS };

/* Argument kinds per call; unlisted arguments are A_ANY (ignored). */
static const uint8_t arg_kinds[BH_HC_COUNT][3] = {
	[BH_HC_CONSOLE_WRITE] = { A_PTR, A_LEN, A_ANY },
	[BH_HC_WINDOW_INFO] = { A_PTR, A_ANY, A_ANY },
	[BH_HC_PARTITION_STATUS] = { A_ID, A_PTR, A_ANY },
	[BH_HC_SET_MODE] = { A_MODE, A_ANY, A_ANY },
	[BH_HC_PARTITION_CONTROL] = { A_ID, A_PCTL, A_ANY },
	[BH_HC_HM_RAISE] = { A_ANY, A_PTR, A_LEN },
	[BH_HC_VIRQ_REGISTER] = { A_ENTRY, A_STACK, A_SIZE },
	[BH_HC_VIRQ_BIND] = { A_LINE, A_ANY, A_ANY },
	[BH_HC_VIRQ_UNBIND] = { A_LINE, A_ANY, A_ANY },
	[BH_HC_VIRQ_UNMASK] = { A_VEC, A_ANY, A_ANY },
	[BH_HC_UPCALL_RETURN] = { A_PTR, A_ANY, A_ANY },
	[BH_HC_TIMER_SET] = { A_TIME, A_TIMEHI, A_ANY },
	[BH_HC_PORT_INFO] = { A_ANY, A_PTR, A_ANY },
	[BH_HC_PORT_WRITE] = { A_ID, A_PTR, A_LEN },
	[BH_HC_PORT_READ] = { A_ID, A_PTR, A_LEN },
	[BH_HC_PORT_STATUS] = { A_ID, A_PTR, A_ANY },
	[BH_HC_PORT_CLEAR] = { A_ID, A_ANY, A_ANY },
	[BH_HC_VIRQ_RAISE] = { A_VEC, A_ANY, A_ANY },
	[BH_HC_TLS_DESC] = { A_PTR, A_ANY, A_ANY },
	[BH_HC_VIRQ_OPTIONS] = { A_OPTS, A_ANY, A_ANY },
};

/* Relative weights of the valid calls (yield and idle are drawn apart:
 * each costs the rest of the window). */
static const uint8_t weights[BH_HC_COUNT] = {
	[BH_HC_VERSION] = 4, [BH_HC_CONSOLE_WRITE] = 3, [BH_HC_TIME_GET] = 4,
	[BH_HC_WINDOW_INFO] = 8, [BH_HC_PARTITION_STATUS] = 8, [BH_HC_SET_MODE] = 5,
	[BH_HC_PARTITION_CONTROL] = 4, [BH_HC_HM_RAISE] = 5, [BH_HC_VIRQ_REGISTER] = 8,
	[BH_HC_VIRQ_BIND] = 6, [BH_HC_VIRQ_UNBIND] = 6, [BH_HC_VIRQ_SYNC] = 4,
	[BH_HC_VIRQ_UNMASK] = 6, [BH_HC_UPCALL_RETURN] = 5, [BH_HC_TIMER_SET] = 6,
	[BH_HC_MODULE_HALT] = 3, [BH_HC_PORT_INFO] = 2, [BH_HC_PORT_WRITE] = 2,
	[BH_HC_PORT_READ] = 2, [BH_HC_PORT_STATUS] = 2, [BH_HC_PORT_CLEAR] = 2,
	[BH_HC_VIRQ_RAISE] = 5, [BH_HC_TLS_SET] = 3, [BH_HC_TLS_DESC] = 3,
	[BH_HC_VIRQ_OPTIONS] = 5,
};
_Static_assert(BH_HC_COUNT == 27, "a new hypercall needs its weight and arguments here");

/* Regions and holes whose edges pointers aim at: base, size. */
static const uint32_t edges[][2] = {
	{ ARENA_BASE, ARENA_SIZE }, { RO_BASE, RO_SIZE },     { SLED_BASE, SLED_SIZE },
	{ STACKS_BASE, STACKS_SIZE }, { BH_USER_LIMIT, 0 },  { BH_VCPU_VADDR, BH_PAGE_SIZE },
	{ 0x00100000u, 0x1000u },      { BH_USER_BASE, 0 },   { VICTIM_ONLY, 0x10000u },
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))
static const uint32_t deltas[] = { 0, 1, 4, 8, 16, 32, 47, 48, 59, 60, 64, 256, 257 };
#define NDELTAS (sizeof(deltas) / sizeof(deltas[0]))

uint32_t fz_rand(struct fz_rng *g)
{
	uint32_t t = g->x ^ (g->x << 11);

	g->x = g->y, g->y = g->z, g->z = g->w;
	g->w = g->w ^ (g->w >> 19) ^ t ^ (t >> 8);
	return g->w;
}

void fz_seed(struct fz_rng *g, uint32_t seed)
{
	*g = (struct fz_rng){ seed | 1u, 362436069u, 521288629u ^ seed, 88675123u };
	for (uint32_t i = 0; i < 16; i++)
		fz_rand(g);
}

static uint32_t pick(struct fz_rng *g, const uint32_t *v, uint32_t n)
{
	return v[fz_rand(g) % n];
}

/* Keep pointers out of the fuzzer's code and data, campaign and interrupt
 * stacks (moved into the arena): the kernel would rightly let it corrupt
 * itself there, which proves nothing. The image's unused tail is allowed. */
static uint32_t guard(uint32_t v)
{
	if (v - IMAGE_BASE < IMAGE_SIZE - 0x1000u)
		return ARENA_BASE + (v - IMAGE_BASE) % ARENA_SIZE;
	if (v - STATE_BASE < STATE_SIZE || v - STACKS_BASE < STACKS_SIZE)
		return ARENA_BASE + (v & (ARENA_SIZE - 1));
	return v;
}

/* Fully random (but guarded). */
static uint32_t any(struct fz_rng *g)
{
	return guard(fz_rand(g));
}

static uint32_t edge_ptr(struct fz_rng *g)
{
	const uint32_t *e = edges[fz_rand(g) % NEDGES];
	uint32_t d = pick(g, deltas, NDELTAS), r = fz_rand(g);
	uint32_t at = (r & 1) ? e[0] + e[1] : e[0]; /* start or end */

	return (r & 2) ? at - d : at + d;
}

static uint32_t ptr_unguarded(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 16;

	if (r < 6)
		return edge_ptr(g);
	if (r < 11)
		return ARENA_BASE + fz_rand(g) % ARENA_SIZE;
	if (r < 12)
		return IMAGE_BASE + IMAGE_SIZE - 1 - fz_rand(g) % 300u; /* its unused tail */
	if (r < 13)
		return 0xFFFFFFFFu - fz_rand(g) % 80u; /* wraps */
	if (r < 14)
		return fz_rand(g) % 0x01000000u; /* kernel */
	return RO_BASE + fz_rand(g) % RO_SIZE;
}

static uint32_t ptr(struct fz_rng *g)
{
	return guard(ptr_unguarded(g));
}

static uint32_t len(struct fz_rng *g)
{
	static const uint32_t lens[] = { 0, 1, 2, 47, 48, 49, 59, 60, 61, 255, 256, 257,
					 0xFFFFFFFFu, 0x80000000u, 0x10000u, 4096 };
	uint32_t r = fz_rand(g) % 4;

	return r ? pick(g, lens, sizeof(lens) / 4) : fz_rand(g) % 300u;
}

static uint32_t small(struct fz_rng *g, uint32_t top, uint32_t extra)
{
	static const uint32_t odd[] = { 0xFFFFFFFFu, 0xFFFFFFFEu, 0x7FFFFFFFu, 0x80000000u,
					0x100u };
	uint32_t r = fz_rand(g) % 8;

	if (r == 0)
		return pick(g, odd, sizeof(odd) / 4);
	if (r == 1)
		return extra;
	return fz_rand(g) % top;
}

/* Mostly normal mode; the restarting modes rarely (each restart costs);
 * warm start often while in cold start, where ARINC 653 refuses it. */
static uint32_t mode(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 1024;

	if (fz_model.mode == BH_MODE_COLD_START && r < 256)
		return BH_MODE_WARM_START;
	if (r < 6)
		return r < 1 ? BH_MODE_IDLE : r < 3 ? BH_MODE_COLD_START : BH_MODE_WARM_START;
	if (r < 700)
		return BH_MODE_NORMAL;
	return r < 900 ? BH_MODE_NORMAL + 1 + fz_rand(g) % 12 : fz_rand(g) | 0x10u;
}

/* Entries that are not the real one all fault at their first instruction
 * (the ud2 sled, the image's zero tail): never the arena, whose bytes would
 * run as arbitrary code and could make calls the model cannot know of. */
static uint32_t entry(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 32, v;

	if (r < 24)
		return BH_PTR(bh_upcall_entry);
	if (r < 28)
		return SLED_BASE + fz_rand(g) % SLED_SIZE;
	v = ptr(g);
	return v - ARENA_BASE < ARENA_SIZE ? SLED_BASE + v % SLED_SIZE : v;
}

/* Interrupt stacks that the kernel accepts are always in STACKS, where no
 * generated pointer goes: a random upcall return must not replay a real
 * upcall frame into the middle of the campaign. */
static uint32_t stack(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 8, v;

	if (r < 4)
		return STACKS_BASE + (fz_rand(g) % (STACKS_SIZE / 16)) * 16;
	if (r < 5)
		return STACKS_BASE + STACKS_SIZE - 16 * (1 + fz_rand(g) % 64);
	v = ptr(g);
	if (fz_can_write(v, 1))
		v = STACKS_BASE + v % STACKS_SIZE;
	return v & ~(fz_rand(g) & 15u);
}

static uint32_t size(struct fz_rng *g)
{
	static const uint32_t sizes[] = { 0, 496, 511, 512, 513, 520, 528, 1024, 2048, 4096,
					  STACKS_SIZE, STACKS_SIZE + 16, 0xFFFFFFF0u };
	return pick(g, sizes, sizeof(sizes) / 4);
}

static uint32_t timer_lo(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 4;

	if (r == 0)
		return 0;
	if (r == 1)
		return 1;
	return (uint32_t)bh_vstate->time_ns + fz_rand(g) % 3000000u;
}

static uint32_t timer_hi(struct fz_rng *g)
{
	uint32_t r = fz_rand(g) % 8;

	return r < 6 ? (uint32_t)(bh_vstate->time_ns >> 32) : r < 7 ? 0xFFFFFFFFu : 1;
}

static uint32_t arg(struct fz_rng *g, uint8_t kind)
{
	if (kind == A_ANY || fz_rand(g) % 4 == 0)
		return any(g);
	switch (kind) {
	case A_PTR: return ptr(g);
	case A_LEN: return len(g);
	case A_ID: return small(g, 6, BH_SELF);
	case A_MODE: return mode(g);
	case A_PCTL: return small(g, 5, 0);
	case A_LINE: return fz_rand(g) % 2 ? FZ_LINE : small(g, 18, FZ_LINE);
	case A_VEC: return small(g, 70, 63);
	case A_ENTRY: return entry(g);
	case A_STACK: return stack(g);
	case A_SIZE: return size(g);
	case A_TIME: return timer_lo(g);
	case A_OPTS: return small(g, 4, BH_VIRQ_OPT_BATCH);
	default: return timer_hi(g);
	}
}

static uint32_t number(struct fz_rng *g)
{
	uint32_t r = fz_rand(g), total = 0, w;

	if (r % 16 == 0)
		return fz_rand(g); /* fully random */
	if (r % 16 == 1) { /* just past the table, at the top, or aliasing a valid low byte */
		static const uint32_t bases[] = { BH_HC_COUNT, 0xFFFFFFF0u, 0x100u, 0x80000000u };
		return pick(g, bases, 4) + fz_rand(g) % 16;
	}
	if (r % 32768 == 2)
		return BH_HC_YIELD;
	if (r % 32768 == 3)
		return BH_HC_IDLE;
	for (uint32_t i = 0; i < BH_HC_COUNT; i++)
		total += weights[i];
	w = fz_rand(g) % total;
	for (uint32_t i = 0; i < BH_HC_COUNT; i++) {
		if (w < weights[i])
			return i;
		w -= weights[i];
	}
	return BH_HC_VERSION;
}

/* stateless: only calls whose outcome the model knows without the
 * registration, binding and mode state (for upcall handlers that interrupt
 * the main loop inside a call). */
void fz_gen_call(struct fz_rng *g, struct fz_call *c, bool stateless)
{
	c->nr = number(g);
	if (stateless && fz_is_stateful(c->nr))
		c->nr = BH_HC_TIME_GET;
	for (uint32_t i = 0; i < 5; i++)
		c->a[i] = arg(g, c->nr < BH_HC_COUNT && i < 3 ? arg_kinds[c->nr][i] : A_ANY);
	/* Any flag an upcall return gives back, but TF: it would single-step
	 * the fuzzer itself. */
	c->eflags = fz_rand(g) & HCL_EFLAGS_USER & ~HCL_EFLAGS_TF;
}

/* What an attacker writes into its own vCPU page between calls (r, v:
 * random numbers). */
void fz_scribble_vcpu(uint32_t r, uint32_t v)
{
	volatile uint32_t *w = (volatile uint32_t *)BH_VCPU_VADDR;

	switch (r % 8) {
	case 0: bh_vcpu->enabled = v & 1; break;
	case 1: bh_vcpu->enabled = v; break;
	case 2: bh_vcpu->mask[0] = v & 1 ? 0 : v; break;
	case 3: bh_vcpu->mask[1] = v; break;
	case 4: bh_vcpu->mask[0] = 0xFFFFFFFCu; break; /* tick and timer open */
	default: w[(r >> 3) % (sizeof(*bh_vcpu) / 4)] = v; break;
	}
}
