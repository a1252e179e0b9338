/*
 * Tick count exactness. Over many windows, and whatever the partition does
 * with its virtual flag and mask (random stretches disabled, masked, or
 * yielded away), the ticks delivered plus those pending must equal exactly
 * time_ns / tick_period_ns: one per period since boot, none lost, none
 * doubled. It is checked at every window start and at random points; at
 * the end everything pending is delivered and the total must match. The
 * partition's time must also agree with the cycle counter, which -icount
 * ties to QEMU's virtual clock: no kernel tick went missing.
 */
#include <bhvirq.h>

#define WINDOWS 100u

static uint32_t period;
static volatile uint64_t delivered;
static uint32_t rng = 0x9E3779B9u;

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	delivered += count;
}

static void check_exact(const char *where)
{
	uint64_t t;
	uint32_t c;

	bhv_snapshot(BH_VEC_TICK, &t, &c);
	BHT_CHECK(delivered + c == bhv_ticks_due(t, period),
		  "%s: %llu delivered + %u pending, %llu due at %llu ns", where, delivered, c,
		  bhv_ticks_due(t, period), t);
}

/* One random thing to do for a while inside the window. */
static void disturb(void)
{
	uint32_t r = bhv_rand(&rng);
	uint32_t n = 1 + (r >> 8) % 3;

	switch (r % 4) {
	case 0: /* disabled for a few kernel ticks */
		bh_irq_disable();
		bhv_wait_ticks(n);
		bh_irq_enable();
		break;
	case 1: /* masked for a few kernel ticks */
		bh_irq_mask(BH_VEC_TICK);
		bhv_wait_ticks(n);
		bh_irq_unmask(BH_VEC_TICK);
		break;
	case 2: /* give the rest of the window away */
		bh_yield();
		break;
	default:
		bhv_wait_ticks(n);
		break;
	}
	check_exact("after a disturbance");
}

/*
 * Both readings are taken just after a kernel tick, so they differ only by
 * how long the kernel took to reach the guest each time: microseconds. A
 * kernel tick (1 ms here) lost or gained would show as a whole tick.
 */
#define CLOCK_SLACK_NS 100000

static void check_clock(uint64_t tsc0, uint64_t t0)
{
	bhv_wait_ticks(1);
	int64_t dt = (int64_t)(bh_vstate->time_ns - t0), dtsc = (int64_t)(bht_rdtsc() - tsc0);

	bh_printf("kernel time advanced %lld ns, virtual clock %lld ns\n", dt, dtsc);
	BHT_CHECK(dtsc - dt < CLOCK_SLACK_NS && dt - dtsc < CLOCK_SLACK_NS,
		  "kernel time %lld ns vs virtual clock %lld ns", dt, dtsc);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	rng ^= id << 16;
	bht_init("virq_ticks");
	period = bh_vstate->tick_period_ns;
	if (!period)
		bht_error("no virtual tick configured");
	bhv_register();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	bhv_wait_ticks(1);
	uint64_t tsc0 = bht_rdtsc(), t0 = bh_vstate->time_ns;
	for (uint32_t seq = bht_wait_next_window(); seq < WINDOWS; seq = bht_wait_next_window()) {
		check_exact("at window start");
		disturb();
	}
	check_exact("at the end");
	bh_printf("%llu ticks of %u ns in %llu ns\n", delivered, period, bh_vstate->time_ns);
	check_clock(tsc0, t0);
	bht_finish(false);
	for (;;)
		bh_yield();
}
