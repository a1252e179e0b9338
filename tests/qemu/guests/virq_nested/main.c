/*
 * Arrivals during a handler.
 *   Kept disabled: the timer handler leaves virtual interrupts off and
 *   spins until a tick is pending; the tick is not delivered inside it,
 *   but right after its upcall return, resuming the same interrupted
 *   context (same frame, eip and esp as the timer's upcall).
 *   Re-enabled: the timer handler enables, which delivers the pending tick
 *   nested (level 2); that handler re-arms the timer and enables too, and
 *   the next tick and timer arrive at level 3. Each nested frame lies on
 *   the same interrupt stack, right below the interrupted handler's stack
 *   pointer, and records the handler's own eip and esp.
 * The depth a handler runs at is its marker in the log.
 */
#include <bhvirq.h>

static uint32_t period;
static volatile uint32_t depth, nested_phase, level3_done, outer_done;

static void log_at_depth(const struct bh_upcall_frame *f)
{
	bhv_marker = depth;
	bhv_log_add(f);
}

/* Level 2 (nested phase): wait for level 3 with interrupts enabled. */
static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	depth++;
	log_at_depth(f);
	if (nested_phase && depth == 2) {
		bh_timer_set(bh_vstate->time_ns + period / 2);
		bh_irq_enable();
		while (!level3_done)
			;
	}
	depth--;
}

static void on_timer(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	depth++;
	log_at_depth(f);
	if (depth == 3) {
		level3_done = 1;
	} else if (nested_phase) {
		bh_irq_unmask(BH_VEC_TICK); /* pending, but we are disabled */
		bh_irq_enable();	    /* delivers it here, nested */
	} else {
		bh_irq_unmask(BH_VEC_TICK);
		while (!(bh_vstate->pending[0] & 1u))
			;
		BHT_EQ(bhv_log_len(), 1); /* not delivered inside */
	}
	outer_done = depth == 1;
	depth--;
}

static void run(bool nested)
{
	bh_irq_mask(BH_VEC_TICK);
	bhv_wait_ticks(1);
	bhv_log_reset();
	nested_phase = nested;
	outer_done = 0;
	bh_timer_set(bh_vstate->time_ns + period / 2);
	while (!outer_done || bhv_log_len() < (nested ? 4u : 2u))
		;
	bhv_log_print(nested ? "re-enabled" : "kept disabled");
}

static void check_kept_disabled(void)
{
	const struct bhv_event *t = bhv_log_get(0), *k = bhv_log_get(1);
	static const uint32_t want[2] = { BH_VEC_TIMER, BH_VEC_TICK };

	bhv_expect_vectors("kept disabled", want, 2);
	BHT_EQ(t->marker, 1);
	BHT_EQ(k->marker, 1);
	BHT_CHECK(k->frame == t->frame && k->eip == t->eip && k->esp == t->esp,
		  "tick after return: frame %#x eip %#x esp %#x; timer: %#x %#x %#x", k->frame,
		  k->eip, k->esp, t->frame, t->eip, t->esp);
	BHT_EQ(k->enabled, 1);
}

/* A nested frame sits just below the interrupted handler's esp. */
static void check_nested_frame(uint32_t i)
{
	const struct bhv_event *outer = bhv_log_get(i - 1), *e = bhv_log_get(i);
	uint32_t lo = BH_PTR(bhv_stack);

	BHT_EQ(e->marker, outer->marker + 1);
	BHT_CHECK(e->frame < outer->frame && e->frame >= lo, "level %u frame %#x, outer %#x",
		  e->marker, e->frame, outer->frame);
	BHT_CHECK(e->esp < outer->frame && e->esp >= lo,
		  "level %u interrupted esp %#x is not on the stack below %#x", e->marker, e->esp,
		  outer->frame);
	BHT_CHECK(e->frame == ((e->esp - (uint32_t)sizeof(struct bh_upcall_frame)) & ~15u),
		  "level %u frame %#x not right below esp %#x", e->marker, e->frame, e->esp);
	BHT_CHECK(e->eip < BH_PTR(bhv_stack) || e->eip >= lo + BHV_STACK_SIZE,
		  "level %u eip %#x", e->marker, e->eip);
	BHT_EQ(e->enabled, 1);
}

static void check_reenabled(void)
{
	static const uint32_t want[4] = { BH_VEC_TIMER, BH_VEC_TICK, BH_VEC_TICK, BH_VEC_TIMER };
	const struct bhv_event *a = bhv_log_get(2), *b = bhv_log_get(3);

	bhv_expect_vectors("re-enabled", want, 4);
	BHT_EQ(bhv_log_get(0)->marker, 1);
	check_nested_frame(1);
	check_nested_frame(2);
	BHT_EQ(b->marker, 3);
	BHT_CHECK(b->frame == a->frame && b->eip == a->eip && b->esp == a->esp,
		  "level 3 timer does not resume the level 2 context");
	BHT_EQ(depth, 0);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_nested");
	period = bh_vstate->tick_period_ns;
	bhv_register();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable();
	run(false);
	check_kept_disabled();
	run(true);
	check_reenabled();
	if (bht_failures())
		bhv_log_dump("re-enabled");
	bht_finish(true);
	bh_exit();
}
