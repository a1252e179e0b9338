/*
 * hc_fuzz, the campaign: first start or resumption after a restart, the
 * main loop, the upcall handler (which makes random calls of its own from
 * inside the upcall), periodic accounting checks and the final report.
 * The run is deterministic under -icount; the seed is FZ_SEED.
 */
#include "fuzz.h"

#define MAGIC 0xF022F022u
#define UD2 0x0B0Fu

volatile bool fz_main_busy;
static volatile uint32_t depth;

static struct bh_partition_status self(void)
{
	struct bh_partition_status st = { 0 };

	if (bh_partition_status(BH_SELF, &st) != BH_OK)
		bh_printf("partition_status failed\n");
	return st;
}

static void check_frame(uint32_t v, uint32_t count, const struct bh_upcall_frame *f)
{
	struct fz_call c = { 0x10000u + v, { count, BH_PTR(f), 0, 0, 0 }, 0 };
	uint32_t a = BH_PTR(f), lo = fz_model.stack_lo, hi = fz_model.stack_hi;
	bool in_old = a >= lo && a + sizeof(*f) <= hi;
	bool in_new = a >= fz_model.new_lo && a + sizeof(*f) <= fz_model.new_hi;

	/* A batch upcall's frame names its first vector (abi.h); the entry
	 * then runs the others, in order, with the same frame. */
	bool batch = bh_vstate->virq_options & BH_VIRQ_OPT_BATCH;

	if (v > BH_VEC_TIMER || count == 0 || f->vector > v || (!batch && f->vector != v) ||
	    bh_vcpu->enabled)
		fz_mismatch(&c, "upcall vector", v, BH_VEC_TIMER);
	if (fz_model.entry == ENTRY_REAL && !in_old && !in_new)
		fz_mismatch(&c, "upcall frame outside the stack", a, lo);
}

/* Stack the handler needs for its own calls (fz_step, bh_printf). */
#define HANDLER_STACK 2048u

void fz_upcall(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	uint32_t a = BH_PTR(f);
	bool roomy = (a - fz_model.stack_lo >= HANDLER_STACK && a - fz_model.stack_lo < 0x10000u) ||
		     (a - fz_model.new_lo >= HANDLER_STACK && a - fz_model.new_lo < 0x10000u);

	/* On a stack the campaign made too small, do nothing that could
	 * overflow it (and fault halfway through updating the campaign). */
	if (!roomy)
		return;
	FZ->upcalls++;
	fz_state_save(); /* the virtual flag is clear in a handler: no race */
	check_frame(v, count, f);
	if (depth || FZ->done)
		return;
	depth++;
	for (uint32_t n = 1 + fz_rand(&FZ->rng_irq) % 3; n; n--)
		fz_step(&FZ->rng_irq, true);
	depth--;
}

static void first_start(void)
{
	*FZ = (struct fz_state){ .magic = MAGIC };
	fz_seed(&FZ->rng_main, FZ_SEED);
	fz_seed(&FZ->rng_irq, FZ_SEED ^ 0x1234567u);
}

/* A restart: was it one the campaign can cause, and did the kernel count it? */
static void resumed(uint32_t cond, const struct bh_partition_status *st)
{
	if (cond > 31 || !(FZ->restart_ok & (1u << cond))) {
		const struct fz_call *c = &FZ->last;
		bh_printf("unexpected restart: condition %u (allowed %#x), event %u; last call%s "
			  "nr=%#x args=%#x,%#x,%#x,%#x,%#x flags=%#x\n",
			  cond, FZ->restart_ok, st->last_hm_event,
			  FZ->last_in_handler ? " (in a handler)" : "", c->nr, c->a[0], c->a[1],
			  c->a[2], c->a[3], c->a[4], c->eflags);
		fz_count_mismatch(c, "unexpected restart, condition", cond, FZ->restart_ok);
	}
	if (st->restart_count != FZ->restart_count + 1 || st->bad_hypercalls) {
		bh_printf("restart count %u after %u, %u bad\n", st->restart_count,
			  FZ->restart_count, st->bad_hypercalls);
		fz_count_mismatch(&FZ->last, "restart count", st->restart_count, FZ->restart_count + 1);
	}
	if (cond == BH_START_HM_PARTITION_RESTART) {
		FZ->restarts_hm++;
		FZ->hm_events++;
	} else {
		*(cond == BH_START_PARTITION_RESTART ? &FZ->restarts_mode : &FZ->restarts_dog) += 1;
	}
	/* Calls cut off by the restart may have been counted by the kernel
	 * and not yet by the model. */
	if (st->hm_events - FZ->hm_events > FZ->hm_in_flight) {
		bh_printf("%u health-monitor events, expected %u\n", st->hm_events,
			  FZ->hm_events);
		fz_count_mismatch(&FZ->last, "health-monitor events", st->hm_events, FZ->hm_events);
	}
	FZ->hm_events = st->hm_events;
}

/* First start or resume; then the interrupt layer as the campaign expects. */
/*
 * main entered again without a restart (the kernel's count has not moved):
 * a wild upcall return landed on _start. Only a wild jump may do that;
 * what ran since is unknown, so the model takes the kernel's counts.
 */
static bool reentered(const struct bh_partition_status *st)
{
	if (FZ->magic != MAGIC || !(FZ->calls_main + FZ->calls_irq) ||
	    st->restart_count != FZ->restart_count)
		return false;
	if (!fz_model.wild) {
		bh_printf("main entered again without a restart or a wild jump\n");
		fz_count_mismatch(&FZ->last, "main entered again, restarts", st->restart_count,
				  FZ->restart_count);
	}
	FZ->reentries++;
	return true;
}

static void setup(uint32_t cond)
{
	uint32_t sum = FZ->sum;
	struct bh_partition_status st = self();
	bool again = reentered(&st);

	fz_state_save();
	if (again) {
		FZ->hm_events = st.hm_events;
	} else if (FZ->magic != MAGIC || (cond != BH_START_NORMAL && FZ->sum != sum)) {
		uint32_t resets = FZ->magic == MAGIC ? FZ->resets + 1 : 0;
		if (resets)
			bh_printf("campaign state corrupted: starting over\n");
		first_start();
		FZ->resets = resets;
		FZ->hm_events = st.hm_events;
	} else if (cond != BH_START_NORMAL) {
		resumed(cond, &st);
	}
	FZ->restart_count = st.restart_count;
	FZ->restart_ok = 0;
	FZ->hm_in_flight = 0;
	hcl_upcall_jump_reset();
	for (uint32_t i = 0; i < SLED_SIZE / 2; i++)
		((volatile uint16_t *)SLED_BASE)[i] = UD2;
	if (st.mode == BH_MODE_COLD_START) /* memory was cleared */
		memset((void *)ARENA_BASE, ARENA_FILL, ARENA_SIZE);
	fz_model_reset(st.mode);
	if (again) {
		fz_model.bad = st.bad_hypercalls;
		fz_model.wild = true;
	}
	fz_model.entry = ENTRY_REAL;
	fz_model.stack_lo = STACKS_BASE;
	fz_model.stack_hi = STACKS_BASE + STACKS_SIZE;
	bh_set_handler(BH_VEC_TICK, fz_upcall);
	bh_set_handler(BH_VEC_TIMER, fz_upcall);
	bh_virq_register(bh_upcall_entry, (void *)STACKS_BASE, STACKS_SIZE);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	fz_state_save();
	bh_irq_enable();
}

/* The kernel's own counts must match the model's, exactly. */
static void accounting(void)
{
	uint32_t e = fz_irq_off();
	struct bh_partition_status st = self();
	struct fz_call c = { 0x20000u, { st.bad_hypercalls, st.hm_events, st.mode, 0, 0 }, 0 };

	if (fz_model.wild) {
		bh_vcpu->enabled = e;
		return; /* see struct fz_model */
	}
	if (st.bad_hypercalls != fz_model.bad)
		fz_mismatch(&c, "kernel's bad-hypercall count", st.bad_hypercalls, fz_model.bad);
	if (st.hm_events != FZ->hm_events)
		fz_mismatch(&c, "kernel's health-monitor events", st.hm_events, FZ->hm_events);
	if (st.mode != fz_model.mode || st.restart_count != FZ->restart_count)
		fz_mismatch(&c, "kernel's mode", st.mode, fz_model.mode);
	bh_vcpu->enabled = e;
}

static void report(void)
{
	struct fz_state s = *FZ;

	bh_printf("\n"); /* end whatever line the campaign left open */
	bh_printf("%u calls, %u of them from upcall handlers; %u results checked\n",
		  s.calls_main + s.calls_irq, s.calls_irq, s.checked);
	bh_printf("%u upcalls, %u wild upcall returns, %u landed upcall returns\n", s.upcalls,
		  s.jumps - s.landings, s.landings);
	bh_printf("restarts: %u by set_mode, %u by the health monitor, %u by hc_dog; "
		  "%u wild returns to the entry point\n",
		  s.restarts_mode, s.restarts_hm, s.restarts_dog, s.reentries);
	bh_printf("%u mismatches, %u campaign state resets\n", s.mismatches, s.resets);
	bht_init("hc_fuzz");
	if (s.mismatches) {
		bht_fail(__FILE__, __LINE__, "%u results differ from the model", s.mismatches);
		bht_fail(__FILE__, __LINE__, "first: nr=%#x args=%#x,%#x,%#x,%#x,%#x: %s %#x, want %#x",
			 s.bad.nr, s.bad.a[0], s.bad.a[1], s.bad.a[2], s.bad.a[3], s.bad.a[4],
			 s.bad_what ? s.bad_what : "?", s.bad_got, s.bad_want);
	}
	/* Nothing the kernel does may write there; find out who did. */
	if (s.resets)
		bht_fail(__FILE__, __LINE__, "the campaign state was corrupted");
	bht_finish(false);
}

int main(uint32_t cond, uint32_t id)
{
	BH_BARRIER();
	(void)id;
	setup(cond);
	while (!FZ->done && FZ->calls_main + FZ->calls_irq < FZ_TARGET) {
		uint32_t e = fz_irq_off();
		uint32_t r = fz_rand(&FZ->rng_main), v = fz_rand(&FZ->rng_main);
		fz_state_save();
		fz_irq_restore(e);
		if (r % 16 == 0)
			fz_scribble_vcpu(r >> 4, v);
		if (r % 1024 == 1)
			accounting();
		if (r % 64 == 2)
			bh_virq_sync(); /* upcalls now may use every call */
		fz_main_busy = true;
		fz_step(&FZ->rng_main, false);
		fz_main_busy = false;
	}
	fz_irq_off();
	if (!FZ->done) {
		FZ->done = 1;
		fz_state_save();
		report();
	}
	for (;;) /* no more calls: the rest of the run is the victim's */
		;
}
