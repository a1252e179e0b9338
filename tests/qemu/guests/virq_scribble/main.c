/*
 * A partition that writes random words over its whole guest-writable vCPU
 * page (enabled, the summary hint, the mask and the rest of the page)
 * continuously for most of the run, with its tick and timer running and
 * random one-shot deadlines, next to virq_victim. Between pages it makes
 * the kernel look at the page at once (sync, unmask of a random vector).
 * Whatever `enabled`, `summary` and `mask` happen to hold decides when it
 * gets upcalls, but only vectors that really arrived may be delivered, each
 * with a sane count. When it stops and restores sane values, every tick
 * since boot must be accounted for exactly: delivered during the chaos or
 * pending, and then delivered. The kernel must stay up and the victim's
 * windows and ticks exact (it checks them itself). The state page, where
 * the kernel keeps the pending bits and counts, cannot be written: a store
 * there is a page fault (propagated here) and changes nothing.
 */
#include <bhvirq.h>

#define SCRIBBLE_NS 80000000ull
#define PAGE_WORDS (BH_PAGE_SIZE / 4u)

static uint32_t period;
static volatile uint64_t ticks_delivered;
static volatile uint32_t upcalls, timer_upcalls, bad_upcalls;
static uint32_t rng = 0xC0FFEE11u;

static void on_any(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	upcalls++;
	if (vector == BH_VEC_TICK && count >= 1)
		ticks_delivered += count;
	else if (vector == BH_VEC_TIMER && count == 1)
		timer_upcalls++;
	else
		bad_upcalls++;
}

static void scribble_page(void)
{
	volatile uint32_t *w = (volatile uint32_t *)BH_VCPU_VADDR;

	for (uint32_t i = 0; i < PAGE_WORDS; i++)
		w[i] = bhv_rand(&rng);
}

/* Make the kernel decide on the scribbled page right now, as enable and
 * unmask do. */
static void poke_kernel(void)
{
	uint32_t r = bhv_rand(&rng);

	if ((r & 3u) == 0)
		bh_virq_sync();
	else if ((r & 7u) == 1)
		bh_hypercall1(BH_HC_VIRQ_UNMASK, (r >> 8) % BH_NR_VECTORS);
}

static void scribble(void)
{
	uint64_t start = bh_time_ns(), now = start;

	while (now - start < SCRIBBLE_NS) {
		for (uint32_t k = 0; k < 64; k++) {
			scribble_page();
			poke_kernel();
		}
		now = bh_time_ns();
		if ((bhv_rand(&rng) & 7u) == 0)
			bh_timer_set(now + bhv_rand(&rng) % (4u * period));
	}
}

/* Sane values (summary too: what is pending is masked now). */
static void restore(void)
{
	bh_vcpu->enabled = 0;
	bh_vcpu->mask[0] = bh_vcpu->mask[1] = ~0u;
	bh_vcpu->summary = 0;
	bh_timer_set(0);
}

static void check_accounting(void)
{
	uint64_t t;
	uint32_t c, waiting = bh_vstate->count[BH_VEC_TICK];
	uint64_t before = ticks_delivered;

	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	bhv_snapshot(BH_VEC_TICK, &t, &c);
	bh_printf("%u upcalls while scribbling (%u timer, %llu ticks); %u ticks were pending; "
		  "%llu delivered in all, %u pending, %llu due\n", upcalls, timer_upcalls, before,
		  waiting, ticks_delivered, c, bhv_ticks_due(t, period));
	BHT_CHECK(ticks_delivered + c == bhv_ticks_due(t, period),
		  "%llu ticks delivered + %u pending, %llu due", ticks_delivered, c,
		  bhv_ticks_due(t, period));
	BHT_EQ(bad_upcalls, 0);
	BHT_CHECK(upcalls > 10, "only %u upcalls: the scribbling did not exercise delivery",
		  upcalls);
}

/*
 * The state page is read-only: a store faults at the store (user write to a
 * present page: error 7, the page's address), the handler skips it, and
 * nothing changed.
 */
void vs_store(void);
extern char vs_store_site[], vs_store_end[];
static volatile uint32_t faults, fault_error, fault_addr, fault_eip;

static void on_page_fault(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	faults++;
	fault_error = f->error_code;
	fault_addr = f->fault_addr;
	fault_eip = f->eip;
	f->eip = BH_PTR(vs_store_end);
}

static void check_state_read_only(void)
{
	uint32_t pending = bh_vstate->pending[0], seq = bh_vstate->window_seq;

	bh_set_handler(BH_VEC_TRAP(14), on_page_fault);
	vs_store();
	BHT_EQ(faults, 1);
	BHT_EQ(fault_error, 7);
	BHT_EQ(fault_addr, BH_VSTATE_VADDR);
	BHT_EQ(fault_eip, BH_PTR(vs_store_site));
	BHT_EQ(bh_vstate->pending[0], pending);
	BHT_EQ(bh_vstate->window_seq, seq);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_scribble");
	period = bh_vstate->tick_period_ns;
	if (!period)
		bht_error("no virtual tick configured");
	bhv_register();
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		bh_set_handler(v, on_any);
	scribble();
	restore();
	check_state_read_only();
	check_accounting();
	bht_finish(false);
	for (;;)
		bh_yield();
}
