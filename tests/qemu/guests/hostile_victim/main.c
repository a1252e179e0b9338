/*
 * hostile_victim: the partition every hostile test puts next to its
 * attackers (tests/qemu/hostile_*, hc_fuzz; compared by
 * tests/qemu/victim.sh with a run of the same system where the attackers
 * are quiet). It needs one window per major frame, at least two kernel
 * kernel ticks long, and a virtual tick.
 *
 * Under -icount rdtsc counts instructions and both runs are deterministic,
 * so everything the victim observes must be the same in both, except where
 * an attacker's kernel work spills into the victim's time. Per window it
 * measures, in instructions:
 *   start: its first instruction in the window (in whichever of its upcall
 *          handler and main loop comes first) minus window_start_ns;
 *   end:   window_end_ns minus the last instant its loop saw;
 *   cpu:   the instructions its loop ran (gaps over GAP are interruptions:
 *          its own tick and timer upcalls, which are the same in both runs,
 *          or someone else's work, which is not);
 * all relative to a timer upcall in its first window, which no attacker can
 * have touched (the attackers' windows come later): rdtsc counts from
 * power-on, and boot work (image sizes, the system's name printed after the
 * timer starts) differs between the two systems. Everything else goes into a
 * digest that must be identical: the kernel's window times and counts, the
 * ticks and timer upcalls received, a memory canary it rewrites every
 * window, its x87/MMX/SSE registers and MXCSR (fxsave image) and its flags.
 * It also checks all of that itself (RESULT line).
 *
 * Every WINDOWS windows it prints
 *   VICTIM windows=N digest=XXXXXXXX start=A..B end=C..D cpu=E..F
 * (so far: ranges over every window after the anchor's), the first time followed by its
 * RESULT; a check that fails later prints a line the reference run does
 * not have.
 */
#include <bhvirq.h>
#include <hx.h>

#include "fpu.h"

#define WINDOWS HX_VICTIM_WINDOWS
#define WORDS 4096u	    /* 16 KiB canary */
#define GAP 64u		    /* a longer step of the loop is an interruption */
#define TIMER_DELAY 500000u /* ns after the window start */
#define FLAGS_MASK 0x003F7700u /* TF, IF, DF, IOPL, NT, RF, VM, AC, VIF, VIP, ID */

struct range {
	int64_t lo, hi;
};

static uint32_t mem[WORDS];
static volatile uint32_t ticks, timers, stamp_seq;
static volatile uint64_t stamp, anchor_tsc, anchor_ns;
static volatile bool anchor_armed;
static uint64_t off, major_ns, last_start;
static uint32_t first_w; /* the window of the anchor, the first checked */
static uint32_t digest = 2166136261u;
static struct range r_start = { INT64_MAX, INT64_MIN }, r_end = { INT64_MAX, INT64_MIN },
		    r_cpu = { INT64_MAX, INT64_MIN };

/* The first instant of each window, whichever code sees it first. */
static void stamp_window(void)
{
	uint32_t s = bh_vstate->window_seq;

	if (s != stamp_seq) {
		stamp = bht_rdtsc();
		stamp_seq = s;
	}
}

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)f;
	stamp_window();
	ticks += count;
}

static void on_timer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	uint64_t t = bht_rdtsc();

	(void)v;
	(void)f;
	if (anchor_armed) { /* the anchor's timer, interrupting the anchor loop */
		anchor_tsc = t;
		anchor_ns = bh_vstate->time_ns;
		anchor_armed = false;
		return;
	}
	stamp_window();
	timers += count;
}

static void mix(uint32_t x)
{
	digest = (digest ^ x) * 16777619u;
}

static void note(struct range *r, int64_t v)
{
	r->lo = v < r->lo ? v : r->lo;
	r->hi = v > r->hi ? v : r->hi;
}

static uint32_t canary_word(uint32_t i, uint32_t w)
{
	return (i * 0x9E3779B9u) ^ (w * 0x85EBCA6Bu) ^ 0x5EC0DE00u;
}

/* The canary as the previous window left it, then this window's. */
static uint32_t canary(uint32_t w)
{
	uint32_t bad = 0, sum = 0;

	for (uint32_t i = 0; i < WORDS; i++) {
		bad += mem[i] != canary_word(i, w - 1);
		mem[i] = canary_word(i, w);
		sum = (sum ^ mem[i]) * 16777619u;
	}
	BHT_CHECK(!bad, "window %u: %u canary words changed", w, bad);
	return sum;
}

static uint32_t flags(void)
{
	uint32_t f;

	__asm__ volatile("pushfl\n\tpopl %0" : "=r"(f));
	return f & FLAGS_MASK;
}

static void check_ticks(uint32_t w)
{
	uint64_t t;
	uint32_t pending;

	bhv_snapshot(BH_VEC_TICK, &t, &pending);
	uint64_t due = bhv_ticks_due(t, bh_vstate->tick_period_ns);
	BHT_CHECK(ticks + pending == due, "window %u: %u ticks delivered + %u pending, %llu due", w,
		  ticks, pending, due);
}

/* What the window must be, by the kernel's clock, and what it holds. */
static void window_checks(uint32_t w)
{
	uint64_t start = bh_vstate->window_start_ns, end = bh_vstate->window_end_ns;
	uint32_t fl = flags(), fpu_diff = hv_fpu_check();

	BHT_EQ(bh_vstate->window_seq, w);
	/* One major frame after the last (the kernel's ns clock floors: +-1). */
	BHT_CHECK(w == first_w || start - last_start - major_ns + 1 <= 2, "window %u starts at %llu", w,
		  start);
	last_start = start;
	BHT_EQ(timers, w - first_w);
	BHT_CHECK(fpu_diff == 0, "window %u: %u bytes of the FPU/SSE state changed", w, fpu_diff);
	BHT_CHECK(fl == 0x200u, "window %u: flags %#x", w, fl);
	check_ticks(w);
	mix(w);
	mix(bh_vstate->frame_seq);
	mix(bh_vstate->window_index);
	mix((uint32_t)start);
	mix((uint32_t)end);
	mix(bh_vstate->partition_id);
	mix(ticks);
	mix(timers);
	mix(canary(w));
	mix(fpu_diff);
	mix(fl);
	BHT_EQ(bh_timer_set(start + TIMER_DELAY), BH_OK);
}

struct spun {
	uint64_t last, busy;
};

/* Spin to the end of window w: the last instant seen, the CPU time got. */
static struct spun spin(uint32_t w)
{
	struct spun r = { bht_rdtsc(), 0 };

	for (;;) {
		uint64_t t = bht_rdtsc();
		if (bh_vstate->window_seq != w)
			break;
		if (t - r.last < GAP)
			r.busy += t - r.last;
		r.last = t;
	}
	return r;
}

/* Window w: check it, spin through it, note its timing (from window 2). */
static void window(uint32_t w)
{
	uint64_t start = bh_vstate->window_start_ns, end = bh_vstate->window_end_ns, st = stamp;

	window_checks(w);
	struct spun s = spin(w);
	stamp_window(); /* the next window's first instant, if no handler ran first */
	if (w == first_w)
		return;
	note(&r_start, (int64_t)(st - start - off));
	note(&r_end, (int64_t)(end + off - s.last));
	note(&r_cpu, (int64_t)s.busy);
}

static void setup(void)
{
	struct bh_window_info wi;

	BHT_EQ(bh_window_info(&wi), BH_OK);
	major_ns = wi.major_frame_ns;
	hv_fpu_load();
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable(); /* ticks pending since boot come now */
}

/*
 * The anchor: rdtsc - time_ns at a kernel tick, taken by the timer handler
 * interrupting this loop (so always by the same kernel path), in the first
 * of the victim's windows that still has a tick inside it. That is the
 * first window unless the kernel's boot left a tick pending, which ends
 * the first window's first tick at once; then the second (an attacker
 * cannot move a tick in the middle of the victim's window). Returns the
 * window's number.
 */
static uint32_t anchor(void)
{
	for (;;) {
		uint32_t seq = bh_vstate->window_seq;
		if (bh_vstate->time_ns + bh_vstate->tick_period_ns < bh_vstate->window_end_ns) {
			anchor_armed = true; /* due at the next kernel tick: */
			BHT_EQ(bh_timer_set(bh_vstate->time_ns + 1), BH_OK);
			while (anchor_armed)
				__asm__ volatile("" ::: "memory");
			off = anchor_tsc - anchor_ns;
			if (bh_vstate->window_seq != seq)
				bht_error("the anchor's timer upcall came in window %u, not %u",
					  bh_vstate->window_seq, seq);
			return seq;
		}
		while (bh_vstate->window_seq == seq)
			__asm__ volatile("" ::: "memory");
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	stamp_seq = bh_vstate->window_seq;
	bht_init("hostile_victim");
	BHT_EQ(cond, BH_START_NORMAL);
	setup();
	first_w = anchor();
	for (uint32_t i = 0; i < WORDS; i++) /* as if the window before had written it */
		mem[i] = canary_word(i, first_w - 1);
	for (uint32_t w = first_w;; w++) {
		uint32_t n = w - first_w + 1;
		window(w);
		if (n % WINDOWS)
			continue;
		bh_printf("VICTIM windows=%u digest=%08x start=%d..%d end=%d..%d cpu=%d..%d\n", n,
			  digest, (int32_t)r_start.lo, (int32_t)r_start.hi, (int32_t)r_end.lo,
			  (int32_t)r_end.hi, (int32_t)r_cpu.lo, (int32_t)r_cpu.hi);
		if (n == WINDOWS)
			bht_finish(false);
	}
}
