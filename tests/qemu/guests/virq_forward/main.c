/*
 * Rule 1 (forward): a vector that arrives while virtual interrupts are
 * enabled and it is unmasked is delivered at once, in ring 3, on the
 * registered interrupt stack, with virtual interrupts disabled, and the
 * upcall frame holds the interrupted context exactly (eip inside a known
 * spin loop, its esp and all seven general registers). Return from the
 * upcall restores all of them (the entry in spin.S scrambles them first).
 * Sources: the virtual tick, then the one-shot timer (which must fire on
 * the first kernel tick past its deadline).
 */
#include <bhvirq.h>

#include "fwd.h"

#define ROUNDS 5u
#define FRAME_SIZE ((uint32_t)sizeof(struct bh_upcall_frame))

static uint32_t period_ns;
static uint64_t last_tick_ns, deadline_ns;

static bool in_stack(uint32_t a)
{
	uint32_t lo = BH_PTR(bhv_stack);

	return a >= lo && a < lo + BHV_STACK_SIZE;
}

/* What every upcall of this test must satisfy; `vector` is what the
 * handler was called with (eax at entry). */
static void check_upcall(uint32_t want, uint32_t vector, const struct bh_upcall_frame *f)
{
	uint32_t top = BH_PTR(bhv_stack) + BHV_STACK_SIZE;

	BHT_EQ(vector, want);
	BHT_EQ(f->vector, want);
	BHT_EQ(f->count, 1);
	BHT_EQ(bhv_cpl(), 3);
	BHT_EQ(bh_vcpu->enabled, 0);
	BHT_EQ(f->enabled, 1);
	BHT_CHECK(in_stack(bhv_esp()), "handler runs on esp %#x, outside the stack", bhv_esp());
	BHT_CHECK(BH_PTR(f) == ((top - FRAME_SIZE) & ~15u), "frame at %#x, stack top %#x",
		  BH_PTR(f), top);
	BHT_CHECK(f->eip >= BH_PTR(fwd_loop) && f->eip < BH_PTR(fwd_loop_end),
		  "saved eip %#x is not in the spin loop", f->eip);
	BHT_EQ(f->esp, fwd_spin_esp);
	BHT_EQ(f->eax, FWD_EAX);
	BHT_EQ(f->ebx, FWD_EBX);
	BHT_EQ(f->ecx, FWD_ECX);
	BHT_EQ(f->edx, FWD_EDX);
	BHT_EQ(f->esi, FWD_ESI);
	BHT_EQ(f->edi, FWD_EDI);
	BHT_EQ(f->ebp, FWD_EBP);
	BHT_CHECK(f->eflags & 0x200u, "saved eflags %#x without IF", f->eflags);
}

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	uint64_t now = bh_vstate->time_ns;

	BHT_EQ(count, f->count);
	bhv_log_add(f);
	check_upcall(BH_VEC_TICK, vector, f);
	/* Each tick is delivered alone, on the kernel tick that raised it: the
	 * first at or after its ideal time (a whole number of periods). */
	BHT_EQ(count, 1);
	BHT_CHECK(now / period_ns == last_tick_ns / period_ns + 1,
		  "tick upcall at %llu ns, the previous at %llu (period %u)", now, last_tick_ns,
		  period_ns);
	last_tick_ns = now;
	fwd_flag = 1;
}

static void on_timer(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	uint64_t now = bh_vstate->time_ns;

	BHT_EQ(count, f->count);
	bhv_log_add(f);
	check_upcall(BH_VEC_TIMER, vector, f);
	BHT_CHECK(now >= deadline_ns && now <= deadline_ns + period_ns,
		  "timer upcall at %llu ns, deadline %llu", now, deadline_ns);
	fwd_flag = 1;
}

static void backlog(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	last_tick_ns = bh_vstate->time_ns;
	bhv_log_add(f);
}

static void spin_once(void)
{
	fwd_flag = 0;
	uint32_t bad = fwd_spin();
	BHT_CHECK(bad == 0, "registers not restored after upcall return (mask %#x)", bad);
}

static void tick_phase(void)
{
	bh_set_handler(BH_VEC_TICK, backlog);
	bh_irq_unmask(BH_VEC_TICK); /* still disabled: nothing delivered */
	while (!(bh_vstate->pending[0] & (1u << BH_VEC_TICK)))
		;
	bh_irq_enable(); /* delivers the first tick, from here */
	BHT_EQ(bhv_log_len(), 1);
	bh_set_handler(BH_VEC_TICK, on_tick);
	bhv_log_reset();
	for (uint32_t i = 0; i < ROUNDS; i++)
		spin_once();
	BHT_EQ(bhv_log_len(), ROUNDS);
}

static void timer_phase(void)
{
	bh_irq_mask(BH_VEC_TICK);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_irq_unmask(BH_VEC_TIMER);
	bhv_log_reset();
	deadline_ns = bh_vstate->time_ns + 2 * period_ns + period_ns / 2;
	BHT_EQ(bh_timer_set(deadline_ns), BH_OK);
	spin_once();
	BHT_EQ(bhv_log_len(), 1);
	BHT_EQ(bhv_log_get(0)->vector, BH_VEC_TIMER);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_forward");
	period_ns = bh_vstate->tick_period_ns;
	if (!period_ns)
		bht_error("no virtual tick configured");
	if (bh_virq_register(fwd_entry, bhv_stack, BHV_STACK_SIZE) != BH_OK)
		bht_error("cannot register the upcall entry");
	tick_phase();
	timer_phase();
	bht_finish(true);
	bh_exit();
}
