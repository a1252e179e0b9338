/*
 * What a partition observes across window starts (tests/qemu/switch_fast),
 * the ticks x86 takes through its window-start fast path (tick.S) and,
 * around them, those it leaves to C (a gap, the run's last frame end).
 * Roles by partition name:
 *
 *   swf_yield  gives up each window at once, so it resumes exactly at the
 *              start of its next one, and checks there, before any other
 *              tick: the window's sequence number, index and frame; its
 *              start and end times, exact from the kernel's tick; the
 *              vCPU clock's base (the same time, sequence count even,
 *              limit one tick on) and a clock reading inside it.
 *   swf_regs   spins in ring 3 with every register, the direction flag and
 *              a thread-pointer segment in gs holding known values, checked
 *              continuously over its windows (regs.S).
 *   swf_tick   a 1 kHz virtual tick, enabled and unmasked, batch upcalls
 *              (the library's bh_upcall_entry follows the mode): at each window
 *              start the ticks it missed arrive before its first
 *              instruction, exactly time_ns / period of them since boot
 *              (the fast path's delivery, entry.S x86_resume_deliver), with
 *              ds and es its own in the handler and after it (the kernel's
 *              would be nulled by the iret to ring 3 on hardware; QEMU then
 *              keeps a null selector with a usable base, so only the
 *              selector's value shows it). Its windows 3 and 4 are back to
 *              back: the second starts exactly where the first was
 *              announced to end.
 *
 * After their checks swf_regs and swf_tick spin, swf_yield yields: the
 * kernel's summary (expect) gives each partition's windows and ticks and
 * the idle ticks, the accounting the fast path does.
 */
#include <bhvirq.h>

#define WINDOWS 40u	   /* windows each role observes */
#define MAJOR_TICKS 8u	   /* tests/qemu/switch_fast/system.cfg */

uint32_t swf_regs_spin(const volatile uint32_t *seq, uint32_t windows);
extern uint32_t gs_magic;

static bool named(const char *name, const char *want)
{
	while (*want)
		if (*name++ != *want++)
			return false;
	return *name == '\0';
}

/* swf_yield's windows: index 0 at 0 ticks and 2 at 2 ticks, 1 tick each. */
static void yielder(void)
{
	struct bh_window_info wi;

	BHT_EQ(bh_window_info(&wi), BH_OK);
	uint64_t major = wi.major_frame_ns, tick = major / MAJOR_TICKS; /* exact: floors */
	uint32_t seq = bh_vstate->window_seq;
	uint64_t frame0 = 0;

	for (uint32_t n = 0; n < WINDOWS; n++) {
		bh_yield();
		/* here: the first instruction after the window-start tick */
		const volatile struct bh_vcpu_state *v = bh_vstate;
		uint64_t start = v->window_start_ns, end = v->window_end_ns;
		uint32_t index = v->window_index, frame = v->frame_seq, cseq = v->clock.seq;
		uint64_t base = v->clock.base_ns, limit = v->clock.limit_ns, now = v->time_ns;
		uint64_t c = bh_clock_ns();

		BHT_EQ(v->window_seq, ++seq);
		BHT_CHECK(index == 0 || index == 2, "window index %u", index);
		BHT_CHECK(!(cseq & 1u), "clock sequence %u odd", cseq);
		BHT_EQ(now, start);
		BHT_EQ(base, start);
		BHT_EQ(limit, start + tick);
		BHT_CHECK(end == start + tick || end == start + tick + 1,
			  "window %u: %llu..%llu ns, a tick is %llu", seq, start, end, tick);
		BHT_CHECK(c >= start && c < limit, "clock %llu outside %llu..%llu", c, start, limit);
		if (index == 0) {
			if (frame0)
				BHT_CHECK(start - frame0 == major || start - frame0 == major + 1,
					  "frame %u starts %llu ns after the last", frame,
					  start - frame0);
			frame0 = start;
		} else {
			BHT_CHECK(start - frame0 == 2 * tick || start - frame0 == 2 * tick + 1,
				  "window 2 of frame %u starts %llu ns into it", frame, start - frame0);
		}
		BHT_CHECK(start + frame + 2 >= frame * major + index * tick &&
				  start <= frame * major + index * tick + frame + 2,
			  "frame %u window %u at %llu ns", frame, index, start);
	}
	bh_printf("observed %u windows\n", WINDOWS);
}

static uint32_t tls_block[4];

static void regs(void)
{
	tls_block[0] = gs_magic = 0x5EC0DE00u;
	BHT_EQ(bh_tls_set(tls_block), BH_OK);
	uint32_t bad = swf_regs_spin(&bh_vstate->window_seq, WINDOWS);
	BHT_CHECK(bad == 0, "register check %u failed across a window start", bad);
	bh_printf("registers kept over %u windows\n", WINDOWS);
}

static volatile uint64_t delivered;
static volatile uint32_t seg_bad; /* the handler saw other ds/es (count) */
static uint32_t want_ds, want_es;

/* ds and es as they are now, in one word each. */
static void segs_now(uint32_t *ds, uint32_t *es)
{
	__asm__ volatile("movl %%ds, %0\n\tmovl %%es, %1" : "=r"(*ds), "=r"(*es));
}

static bool segs_kept(void)
{
	uint32_t ds, es;

	segs_now(&ds, &es);
	return ds == want_ds && es == want_es;
}

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	delivered += count;
	if (!segs_kept())
		seg_bad++;
}

static void ticker(void)
{
	uint32_t period = bh_vstate->tick_period_ns;

	if (!period)
		bht_error("no virtual tick configured");
	segs_now(&want_ds, &want_es);
	BHT_CHECK(want_ds & 3u, "ds %#x is not a ring-3 selector", want_ds);
	bhv_register();
	BHT_EQ(bh_virq_options(BH_VIRQ_OPT_BATCH), BH_OK); /* the fast path's mode */
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	uint64_t last_end = 0;
	for (uint32_t n = 0; n < WINDOWS; n++) {
		uint32_t seq = bht_wait_next_window();
		/* the catch-up was delivered before this partition ran */
		uint64_t t, start = bh_vstate->window_start_ns;
		uint32_t c;
		if (bh_vstate->window_index == 4 && last_end)
			BHT_CHECK(start == last_end, "window %u starts at %llu ns, the last ended at %llu",
				  seq, start, last_end);
		last_end = bh_vstate->window_end_ns;
		bhv_snapshot(BH_VEC_TICK, &t, &c);
		BHT_CHECK(c == 0 && delivered == bhv_ticks_due(t, period),
			  "window %u: %llu delivered + %u pending, %llu due at %llu ns",
			  bh_vstate->window_seq, delivered, c, bhv_ticks_due(t, period), t);
		uint32_t ds, es;
		segs_now(&ds, &es);
		BHT_CHECK(!seg_bad && segs_kept(),
			  "window %u: ds %#x es %#x (want %#x %#x), %u handler runs saw others",
			  bh_vstate->window_seq, ds, es, want_ds, want_es, seg_bad);
	}
	bh_printf("%llu ticks of %u ns in %llu ns\n", delivered, period, bh_vstate->time_ns);
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;

	(void)cond;
	(void)id;
	bht_init("switch_fast");
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	const char *name = st.name;
	if (named(name, "swf_yield"))
		yielder();
	else if (named(name, "swf_regs"))
		regs();
	else if (named(name, "swf_tick"))
		ticker();
	else
		bht_error("unknown role");
	bht_finish(false);
	if (named(name, "swf_yield"))
		for (;;)
			bh_yield();
	for (;;)
		;
}
