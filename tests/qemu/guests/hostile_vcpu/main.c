/*
 * Hostile class: vCPU page garbage and enable/disable storms
 * (tests/qemu/hostile_vcpu). In turns, for as long as the victim measures:
 * random words over the whole vCPU page (the kernel's mirror and the
 * read-only information included) followed by a sync or an unmask of any
 * vector (in range or not); storms of virtual disable/enable with its tick
 * and timer pending (each enable traps to have them delivered); storms of
 * mask/unmask. Only vectors that really arrived may be delivered, with a
 * sane count. Afterwards, with sane values back and a window start (where
 * the kernel rewrites its mirror of what is pending), every tick since
 * boot must be accounted for (delivered or pending), and the victim must
 * not have noticed anything. (The page's own window counter is garbage
 * here: the attack's clock is BH_HC_WINDOW_INFO.)
 */
#include <bhvirq.h>
#include <hx.h>

#define PAGE_WORDS (BH_PAGE_SIZE / 4u)

static volatile uint64_t ticks;
static volatile uint32_t timers, bad;
static uint32_t rng = 0x5EED1234u, rounds, storms;

static void on_any(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	if (v == BH_VEC_TICK && count >= 1)
		ticks += count;
	else if (v == BH_VEC_TIMER && count == 1)
		timers++;
	else
		bad++;
}

static void scribble(void)
{
	volatile uint32_t *w = (volatile uint32_t *)BH_VCPU_VADDR;

	for (uint32_t i = 0; i < PAGE_WORDS; i++)
		w[i] = bhv_rand(&rng);
	uint32_t r = bhv_rand(&rng);
	if (r & 1)
		bh_virq_sync();
	else
		bh_hypercall1(BH_HC_VIRQ_UNMASK, r >> 1 & 0xFFu);
	bh_timer_set(bh_vstate->time_ns + (r >> 9) % 3000000u);
}

static void enable_storm(void)
{
	bh_vcpu->mask[0] = bh_vcpu->mask[1] = 0;
	for (uint32_t i = 0; i < 2000; i++) {
		bh_irq_disable();
		bh_irq_enable();
		if (i % 64 == 0)
			bh_timer_set(1); /* in the past: pending at the next tick */
	}
	storms++;
}

static void mask_storm(void)
{
	for (uint32_t i = 0; i < 2000; i++) {
		uint32_t v = bhv_rand(&rng) % 70u;
		bh_irq_mask(v % BH_NR_VECTORS);
		bh_hypercall1(BH_HC_VIRQ_UNMASK, v);
		bh_irq_unmask(v % BH_NR_VECTORS);
	}
	storms++;
}

/*
 * Sane values back, as a correct guest sets them: a mask cleared by a
 * plain store must be followed by the summary's sync (abi.h), else a tick
 * or timer that arrived while garbage masked it stays pending until the
 * next arrival, and the timer is then delivered with count 2 (two real
 * arrivals: seen once the kernel's tick path changed the interleaving).
 */
static void sane(void)
{
	bh_vcpu->mask[0] = 0xFFFFFFFCu;
	bh_vcpu->mask[1] = 0xFFFFFFFFu;
	bh_irq_enable();
	bh_virq_sync();
}

static uint32_t window_seq(void)
{
	struct bh_window_info wi;

	return bh_window_info(&wi) == BH_OK ? wi.window_seq : 0;
}

/* After a window start, with everything deliverable delivered: every tick
 * since boot (now / period, the kernel's clock) arrived, give or take the
 * one at this very tick. */
static void check_after(void)
{
	struct bh_window_info wi;
	uint32_t seq = window_seq();

	while (window_seq() == seq)
		;
	bh_virq_sync();
	BHT_EQ(bh_window_info(&wi), BH_OK);
	uint64_t due = wi.now_ns / 1000000u; /* 1000 Hz, exactly */
	BHT_CHECK(ticks == due || ticks + 1 == due, "%llu ticks delivered, %llu due", ticks, due);
	BHT_EQ(bad, 0);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_vcpu");
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		hx_set_handler(v, on_any); /* any but tick and timer is a bad upcall */
	sane();
	while (window_seq() <= HX_VICTIM_WINDOWS) {
		for (uint32_t i = 0; i < 50; i++)
			scribble();
		sane();
		enable_storm();
		mask_storm();
		sane();
		rounds++;
	}
	sane();
	check_after();
	bh_printf("%u rounds of 50 pages of garbage, %u storms; %llu ticks, %u timer upcalls\n",
		  rounds, storms, ticks, timers);
	bht_finish(false);
	for (;;)
		;
}
