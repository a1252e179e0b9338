/*
 * win_victim: the partition next to an attacker in the robust-partitioning
 * regression tests (bhvictim.h). It runs with a virtual tick; each window
 * starts with the delivery of the ticks it missed, so the tick handler's
 * first run in a window measures when the window really started: rdtsc
 * (instructions under -icount) minus the kernel's window_start_ns is the
 * boot offset plus the kernel's switch path, constant in an undisturbed
 * run: the earliest window start from window BHV_BASE_FIRST on is that
 * baseline (the attackers keep still in the first frames, so there are
 * undisturbed windows), and every window start must be within
 * BHV_MAX_EXCESS of it.
 *
 * Each window also checks: the virtual ticks received so far are exactly
 * the ticks due by the vCPU clock (none lost, none twice), the window is
 * the next one (no window skipped), and a 16 KiB canary is intact. After
 * BHV_VICTIM_WINDOWS windows it prints its worst excess (a figure for the
 * report, in a line of its own) and its result.
 */
#include <bhtest.h>
#include <bhvictim.h>
#include <bhvirq.h>

#define CANARY_WORDS 4096u

static uint32_t canary[CANARY_WORDS];
static volatile uint32_t ticks, last_seq, windows_seen;
static volatile uint64_t starts[BHV_VICTIM_WINDOWS + 2];

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	uint64_t now = bht_rdtsc();
	uint32_t seq = bh_vstate->window_seq;

	(void)v;
	(void)f;
	ticks += count;
	if (seq != last_seq) {
		last_seq = seq;
		if (seq < sizeof(starts) / sizeof(starts[0]))
			starts[seq] = now - bh_vstate->window_start_ns;
		windows_seen++;
	}
}

static uint32_t canary_bad(void)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < CANARY_WORDS; i++)
		bad += canary[i] != i * 0x9E3779B9u;
	return bad;
}

/* The checks of one window, once its pending ticks are in. */
static void check_window(uint32_t seq)
{
	uint64_t due = bhv_ticks_due(bh_vstate->time_ns, bh_vstate->tick_period_ns);

	BHT_CHECK(ticks == due, "window %u: %u ticks received, %llu due", seq, ticks,
		  (unsigned long long)due);
	BHT_CHECK(windows_seen == seq, "window %u: %u windows seen", seq, windows_seen);
	BHT_CHECK(canary_bad() == 0, "window %u: canary changed", seq);
}

static uint64_t min_start(void)
{
	uint64_t m = UINT64_MAX;

	for (uint32_t s = BHV_BASE_FIRST; s <= BHV_VICTIM_WINDOWS; s++)
		m = starts[s] < m ? starts[s] : m;
	return m;
}

static void report(void)
{
	uint64_t base = min_start(), worst = 0;
	uint32_t worst_seq = 0;

	for (uint32_t s = BHV_BASE_FIRST; s <= BHV_VICTIM_WINDOWS; s++) {
		if (starts[s] - base > worst) {
			worst = starts[s] - base;
			worst_seq = s;
		}
	}
	bh_printf("window-start excess: worst %llu instructions (window %u), undisturbed "
		  "start %llu\n",
		  (unsigned long long)worst, worst_seq, (unsigned long long)base);
	BHT_CHECK(worst <= BHV_MAX_EXCESS, "window %u started %llu instructions late", worst_seq,
		  (unsigned long long)worst);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("win_victim");
	for (uint32_t i = 0; i < CANARY_WORDS; i++)
		canary[i] = i * 0x9E3779B9u;
	last_seq = bh_vstate->window_seq;
	windows_seen = last_seq;
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	for (uint32_t seq = last_seq + 1; seq <= BHV_VICTIM_WINDOWS; seq++) {
		while (bh_vstate->window_seq < seq)
			;
		bhv_wait_ticks(1); /* a tick inside the window: its pending ones are in */
		check_window(seq);
	}
	report();
	bht_finish(false);
	for (;;)
		bh_idle();
}
