/*
 * Rule 2 (disable/enable): disabling is one store and never traps;
 * enabling traps only when something unmasked is pending. A vector that
 * arrives while disabled stays pending (counted) and is delivered exactly
 * at the enable: the handler sees the progress marker of the enable and
 * an interrupted eip inside it, never an earlier or later one.
 *
 * Hypercalls are detected by the cycle counter: under -icount it counts
 * instructions, and a trap costs over a hundred where a disable/enable
 * pair costs about fifteen. The kernel summary must show exactly the two
 * upcalls of the test (tests/qemu/virq_enable/expect).
 */
#include <bhvirq.h>

#define LOOPS 1000u
#define SPIN_TICKS 3u

static uint32_t period_ns;

/* marker: 1 just before the enabling store, 2 after the enable. Never
 * inlined or cloned: the labels must exist exactly once. */
__attribute__((noinline, noclone)) static void enable_marked(void)
{
	bhv_marker = 1;
	__asm__ volatile(".globl en_start\nen_start:" ::: "memory");
	bh_irq_enable();
	__asm__ volatile(".globl en_end\nen_end:" ::: "memory");
	bhv_marker = 2;
}

extern char en_start[], en_end[];

static void check_at_enable(const char *what, uint32_t vector, uint32_t count)
{
	const struct bhv_event *e = bhv_log_get(0);

	BHT_CHECK(bhv_log_len() == 1, "%s: %u upcalls", what, bhv_log_len());
	BHT_EQ(e->vector, vector);
	BHT_EQ(e->count, count);
	BHT_CHECK(e->marker == 1, "%s: delivered with marker %u (0: before the enable, 2: after)",
		  what, e->marker);
	BHT_CHECK(e->eip >= BH_PTR(en_start) && e->eip <= BH_PTR(en_end),
		  "%s: interrupted eip %#x outside the enable [%#x, %#x]", what, e->eip,
		  BH_PTR(en_start), BH_PTR(en_end));
	BHT_EQ(e->enabled, 1);
	BHT_EQ(e->vcpu_enabled, 0);
	BHT_EQ(bh_vcpu->enabled, 1);
}

/* A tick arriving while disabled: pending, counted, delivered at enable. */
static void tick_while_disabled(void)
{
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_disable();
	bhv_marker = 0;
	bhv_log_reset();
	uint64_t t0 = bh_vstate->time_ns;
	bhv_wait_ticks(SPIN_TICKS);
	/* Virtual ticks are due at whole periods: those that fell in (t0, now]. */
	uint32_t due = (uint32_t)(bh_vstate->time_ns / period_ns - t0 / period_ns);
	BHT_CHECK(due >= SPIN_TICKS - 1, "only %u ticks due in %u kernel ticks", due, SPIN_TICKS);
	BHT_EQ(bhv_log_len(), 0);
	BHT_CHECK(bh_vstate->pending[0] & 1u, "tick not pending while disabled");
	BHT_EQ(bh_vstate->count[BH_VEC_TICK], due);
	enable_marked();
	check_at_enable("tick", BH_VEC_TICK, due);
	BHT_EQ(bh_vstate->count[BH_VEC_TICK], 0);
	bh_irq_mask(BH_VEC_TICK);
}

/* The one-shot timer expiring while disabled, spun well past. */
static void timer_while_disabled(void)
{
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_disable();
	bhv_marker = 0;
	bhv_log_reset();
	uint64_t deadline = bh_vstate->time_ns + period_ns + period_ns / 2;
	BHT_EQ(bh_timer_set(deadline), BH_OK);
	while (bh_vstate->time_ns < deadline + 2 * period_ns)
		;
	BHT_EQ(bhv_log_len(), 0);
	BHT_EQ(bh_vstate->count[BH_VEC_TIMER], 1);
	enable_marked();
	check_at_enable("timer", BH_VEC_TIMER, 1);
	bh_irq_mask(BH_VEC_TIMER);
}

static uint64_t cost_of_enables(void)
{
	uint64_t t0 = bht_rdtsc();

	for (uint32_t i = 0; i < LOOPS; i++) {
		bh_irq_disable();
		bh_irq_enable();
	}
	return bht_rdtsc() - t0;
}

static uint64_t cost_of_syncs(void)
{
	uint64_t t0 = bht_rdtsc();

	for (uint32_t i = 0; i < LOOPS; i++)
		bh_virq_sync();
	return bht_rdtsc() - t0;
}

/*
 * Disable/enable with nothing deliverable (the tick pending but masked)
 * must cost a few instructions, a hypercall hundreds.
 */
static void no_trap_when_nothing_deliverable(void)
{
	bh_irq_mask(BH_VEC_TICK);
	bhv_log_reset();
	bhv_wait_ticks(1);
	BHT_CHECK(bh_vstate->pending[0] & 1u, "masked tick not pending");
	uint64_t plain = cost_of_enables();
	uint64_t traps = cost_of_syncs();
	bh_printf("%u disable/enable pairs: %llu cycles; %u sync hypercalls: %llu cycles\n",
		  LOOPS, plain, LOOPS, traps);
	BHT_CHECK(plain * 3 < traps, "disable/enable costs %llu, as much as hypercalls (%llu)",
		  plain, traps);
	BHT_EQ(bhv_log_len(), 0);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_enable");
	period_ns = bh_vstate->tick_period_ns;
	if (!period_ns)
		bht_error("no virtual tick configured");
	bhv_register();
	bh_set_handler(BH_VEC_TICK, bhv_log_handler);
	bh_set_handler(BH_VEC_TIMER, bhv_log_handler);
	tick_while_disabled();
	timer_while_disabled();
	no_trap_when_nothing_deliverable();
	bht_finish(true);
	bh_exit();
}
