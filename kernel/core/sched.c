/*
 * The cyclic ARINC 653 scheduler. The configuration's windows are sorted and
 * disjoint; `win` follows the frame position so each tick costs a couple of
 * comparisons. A window ends exactly on its tick whatever its partition is
 * doing: the timer interrupt cannot be masked from ring 3.
 *
 * Who runs: the owner of the active window if it is runnable, else nobody
 * (the processor idles). `dirty` marks that this may have changed, or that a
 * vector may have become deliverable; sched_resume() then re-decides.
 */
#include <bh/entry.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>

struct sched bh_sched;

/* The window table (bh/sched.h), with its end-of-frame entry. */
struct sched_window sched_windows[BH_CFG_MAX_WINDOWS + 1];

/* The kernel time and the clock's base, at a tick or a window start (the
 * clock's rate is the one time_clock_publish() wrote at the (re)start). */
static inline void publish_tick(struct bh_vcpu_state *vc)
{
	struct bh_vclock *c = &vc->clock;
	uint64_t now_ns = bh_sched.now_ns;
	uint32_t seq = c->seq | 1u; /* odd: being rewritten */

	c->seq = seq; /* every field is volatile: the stores stay in this order */
	c->base_tsc = bh_tick.tsc;
	c->base_ns = now_ns;
	c->limit_ns = now_ns + bh_tick.ns; /* <= the next tick's time */
	c->seq = seq + 1u;
	vc->time_ns = now_ns;
}

/*
 * p's time sources at a window start or a tick of its window. The test is
 * virq_sources_update()'s own first one, inline: a partition with neither a
 * virtual tick nor an armed timer costs no call (the switch path).
 */
static inline void sources_update(struct partition *p)
{
	if (p->virq.tick_step || p->virq.timer_deadline_ns)
		virq_sources_update(p);
}

static void publish_window(struct partition *p)
{
	struct bh_vcpu_state *vc = p->vstate;

	vc->window_start_ns = bh_sched.window_start_ns;
	vc->window_end_ns = bh_sched.window_end_ns;
	vc->window_seq = p->window_seq;
	vc->window_index = bh_sched.win;
	vc->frame_seq = bh_sched.frame_seq;
	publish_tick(vc); /* time_ns and the clock */
}

/* A cold restart loads in steps, in the partition's own time. */
static inline void load_step(struct partition *p)
{
	if (BH_UNLIKELY(p->load.active)) {
		HOLDOFF_STEP(HO_LOAD_STEP);
		part_load_step(p, PART_LOAD_STEP);
	}
}

/*
 * A window starts. x86 does the same, with sched_tick() and
 * sched_resume_slow() around it, in assembly when the tick that starts a
 * window finds nothing unusual (kernel/arch/x86/tick.S): keep both in step.
 */
static inline __attribute__((always_inline)) void window_begin(const struct sched_window *w,
								   uint32_t i)
{
	struct partition *p = w->p;

	bh_sched.in_window = true;
	bh_sched.boundary = true;
	bh_sched.dirty = true;
	bh_sched.current = p;
	bh_sched.window_start_ns = bh_sched.now_ns;
	bh_sched.window_end_ns = bh_sched.now_ns + w->len.ns;
	if (bh_sched.frac + w->len.rem >= bh_tick.hz)
		bh_sched.window_end_ns++;
	trace_window(BH_TRACE_WINDOW_START, p, i | (p->mode == BH_MODE_IDLE ? BH_TRACE_WIN_IDLE : 0),
		     bh_sched.now);
	if (p->mode == BH_MODE_IDLE)
		return;
	uint32_t seq = ++p->window_seq;
	p->windows_total++;
	p->wait = PART_RUN; /* a yield or idle ends at the next window */

	struct bh_vcpu_state *vc = p->vstate;
	vc->window_start_ns = bh_sched.window_start_ns;
	vc->window_end_ns = bh_sched.window_end_ns;
	vc->window_seq = seq;
	vc->window_index = i;
	vc->frame_seq = bh_sched.frame_seq;
	publish_tick(vc); /* time_ns and the clock */
	sources_update(p);
	load_step(p);
}

/*
 * At the frame position next_pos: the window ends, or the frame, or a
 * window starts. Move on, and find the next such position, so that every
 * other tick compares one number.
 */
static inline __attribute__((always_inline)) void sched_position(void)
{
	uint32_t pos = bh_sched.frame_pos, win = bh_sched.win;

	if (bh_sched.in_window) { /* next_pos was its end */
		trace_window(BH_TRACE_WINDOW_END, bh_sched.current, win, bh_sched.now);
		bh_sched.in_window = false;
		bh_sched.current = NULL;
		bh_sched.dirty = true;
		bh_sched.boundary = true;
		win++;
	}
	if (pos == bh_cfg.major_frame) {
		bh_sched.frame_pos = pos = 0;
		bh_sched.frame_seq++;
		win = 0;
		kernel_end_of_frame();
	}
	const struct sched_window *w = &sched_windows[win];
	bh_sched.win = win;
	if (pos == w->start) {
		window_begin(w, win);
		bh_sched.next_pos = w->end;
	} else {
		bh_sched.next_pos = w->start;
	}
}

void sched_init(void)
{
	uint32_t n = BH_MIN(bh_cfg.nwindows, (uint32_t)BH_CFG_MAX_WINDOWS);

	for (uint32_t i = 0; i < n; i++) {
		const struct bh_cfg_window *cw = &bh_cfg.windows[i];
		struct sched_window *w = &sched_windows[i];
		w->p = &bh_partitions[cw->partition];
		w->start = cw->start;
		w->end = cw->start + cw->duration;
		time_span_of(cw->duration, &w->len);
	}
	sched_windows[n] = (struct sched_window){ .start = bh_cfg.major_frame };
	bh_sched = (struct sched){ 0 };
	time_clock_sample();
	sched_position();
	bh_sched.dirty = true;
}

void sched_partition_reset(struct partition *p)
{
	if (bh_sched.current != p) {
		time_clock_publish(p->vstate);
		return;
	}
	p->window_seq = 1; /* the restarted partition is inside its window */
	time_clock_publish(p->vstate); /* the rate */
	publish_window(p);
}

void sched_tick(void)
{
	struct partition *cur;

	time_advance(); /* and the clock's base */
	if (bh_sched.running)
		bh_sched.running->ticks_run++;
	else
		bh_sched.idle_ticks++;
	trace_tick_clock();
	trace_tick(bh_sched.running, bh_sched.now);
	bh_sched.boundary = false;
	if (++bh_sched.frame_pos == bh_sched.next_pos) {
		sched_position(); /* a window that starts does the rest itself */
		return;
	}
	cur = bh_sched.current;
	if (cur && cur->mode != BH_MODE_IDLE) {
		load_step(cur);
		publish_tick(cur->vstate);
		sources_update(cur);
	}
}

static struct partition *sched_pick(void)
{
	struct partition *p = bh_sched.current;

	if (!p || p->mode == BH_MODE_IDLE || p->load.active)
		return NULL;
	if (p->wait == PART_IDLING && virq_deliverable(p) >= 0)
		p->wait = PART_RUN;
	return p->wait == PART_RUN ? p : NULL;
}

/*
 * Delivery needs virtual interrupts enabled (rule 1): virq_deliver()'s own
 * first test, inline, so that a partition that runs with them disabled
 * costs no call at each switch into it.
 */
static inline void deliver(struct partition *p)
{
	if (p->vcpu->enabled)
		virq_deliver(p, &p->ctx.regs); /* may mark dirty again */
}

ARCH_ENTRY struct arch_regs *sched_resume_slow(struct arch_regs *interrupted)
{
	struct partition *next;

	(void)interrupted; /* a partition's frame is its saved context already */
	do { /* sched_resume() found dirty set */
		bh_sched.dirty = false;
		next = sched_pick();
		if (next != bh_sched.running) {
			trace_switch(next);
			arch_switch_to(next);
			bh_sched.running = next;
		}
		if (!next)
			return arch_idle_regs();
		deliver(next); /* may mark dirty again */
	} while (bh_sched.dirty);
	return &next->ctx.regs;
}
