/*
 * Hostile class: interrupt-stack overflow and hostile stack registration
 * (tests/qemu/hostile_stack). Each cycle registers an interrupt stack
 * (sizes from the minimum up, and once the very stack main runs on) whose
 * upcall entry is a ud2: a trap then nests upcall frames, one below the
 * other, until the stack is full, when the kernel must refuse the next one
 * as an upcall error (restart_warm here) instead of writing below the
 * stack. Guard bytes below and above each stack must be untouched (only
 * the kernel writes there: the entry pushes nothing). Every cycle is one
 * warm restart, counted by the kernel. Repeated until the victim is done.
 */
#include <hx.h>

#define MAGIC 0x57AC57ACu
#define GUARD 0x5Au
#define GUARD_LEN 64u
#define STACK_TOP 0x4003F000u /* free memory at the top of region 0 */

void hs_ud_entry(void);

/* Survives warm restarts (memory is kept; cold loads zero it). */
struct state {
	uint32_t magic, cycles, lo, hi, hm_before, restarts;
};
static struct state s;

static const uint32_t sizes[] = { BH_MIN_IRQ_STACK, BH_MIN_IRQ_STACK + 16, 1024, 4096 };

static void guard(uint32_t lo, uint32_t hi)
{
	for (uint32_t i = 0; i < GUARD_LEN; i++) {
		((volatile uint8_t *)(uintptr_t)(lo - GUARD_LEN))[i] = GUARD;
		((volatile uint8_t *)(uintptr_t)hi)[i] = GUARD;
	}
}

static uint32_t guard_damage(void)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < GUARD_LEN; i++) {
		bad += ((volatile uint8_t *)(uintptr_t)(s.lo - GUARD_LEN))[i] != GUARD;
		bad += ((volatile uint8_t *)(uintptr_t)s.hi)[i] != GUARD;
	}
	return bad;
}

static struct bh_partition_status status(void)
{
	struct bh_partition_status st = { 0 };

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	return st;
}

/* The cycle that just ended in a warm restart. */
static void cycle_done(void)
{
	struct bh_partition_status st = status();

	BHT_EQ(st.last_hm_event, BH_HM_UPCALL_ERROR);
	BHT_CHECK(st.hm_events >= s.hm_before + 3, "cycle %u: %u events", s.cycles,
		  st.hm_events - s.hm_before);
	BHT_EQ(st.restart_count, s.restarts + 1);
	BHT_CHECK(!guard_damage(), "cycle %u: %u guard bytes changed around [%#x, %#x)", s.cycles,
		  guard_damage(), s.lo, s.hi);
	s.restarts = st.restart_count;
	s.cycles++;
}

/* Register this cycle's stack and trap into it. */
static __attribute__((noinline)) void cycle(void)
{
	uint32_t esp;

	__asm__ volatile("mov %%esp, %0" : "=r"(esp));
	if (s.cycles % 5 == 4) { /* the stack main is running on */
		s.hi = (esp + 512u) & ~15u;
		s.lo = s.hi - 2048u;
	} else {
		s.hi = STACK_TOP;
		s.lo = STACK_TOP - sizes[s.cycles % 5 % 4];
	}
	guard(s.lo, s.hi);
	s.hm_before = status().hm_events;
	BHT_EQ(bh_virq_register(hs_ud_entry, (void *)(uintptr_t)s.lo, s.hi - s.lo), BH_OK);
	__asm__ volatile("ud2");
	bht_error("cycle %u: came back from the nested traps", s.cycles);
}

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	bht_init("hostile_stack");
	if (cond == BH_START_NORMAL || s.magic != MAGIC)
		s = (struct state){ .magic = MAGIC };
	else
		cycle_done();
	if (bh_vstate->frame_seq < HX_VICTIM_WINDOWS)
		cycle();
	bh_printf("%u cycles of nested traps to an interrupt stack overflow, %u warm restarts\n",
		  s.cycles, s.restarts);
	bht_finish(false);
	for (;;)
		;
}
