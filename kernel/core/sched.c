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

/* Each window's length as exact time, so that a window start divides nothing. */
static struct time_span window_len[BH_CFG_MAX_WINDOWS];

static void publish_window(struct partition *p)
{
	struct bh_vcpu_state *vc = p->vstate;

	vc->window_start_ns = bh_sched.window_start_ns;
	vc->window_end_ns = bh_sched.window_end_ns;
	vc->window_seq = p->window_seq;
	vc->window_index = bh_sched.win;
	vc->frame_seq = bh_sched.frame_seq;
	vc->time_ns = bh_sched.now_ns;
	time_clock_publish(vc);
}

static void window_begin(uint32_t i)
{
	const struct bh_cfg_window *w = &bh_cfg.windows[i];
	struct partition *p = &bh_partitions[w->partition];

	bh_sched.win = i;
	bh_sched.in_window = true;
	bh_sched.boundary = true;
	bh_sched.current = p;
	bh_sched.window_start_ns = bh_sched.now_ns;
	bh_sched.window_end_ns = time_after_now(&window_len[i]);
	bh_sched.dirty = true;
	trace_window(BH_TRACE_WINDOW_START, p, i | (p->mode == BH_MODE_IDLE ? BH_TRACE_WIN_IDLE : 0),
		     bh_sched.now);
	if (p->mode == BH_MODE_IDLE)
		return;
	p->window_seq++;
	p->windows_total++;
	p->wait = PART_RUN; /* a yield or idle ends at the next window */
	publish_window(p);
	virq_sources_update(p, bh_sched.now, bh_sched.now_ns);
}

/* Re-evaluate window boundaries at the current frame position. */
static void sched_position(void)
{
	if (bh_sched.in_window) {
		const struct bh_cfg_window *w = &bh_cfg.windows[bh_sched.win];
		if (bh_sched.frame_pos < w->start + w->duration)
			return;
		trace_window(BH_TRACE_WINDOW_END, bh_sched.current, bh_sched.win, bh_sched.now);
		bh_sched.in_window = false;
		bh_sched.current = NULL;
		bh_sched.win++;
		bh_sched.dirty = true;
		bh_sched.boundary = true;
	}
	if (bh_sched.frame_pos == bh_cfg.major_frame) {
		bh_sched.frame_pos = 0;
		bh_sched.frame_seq++;
		bh_sched.win = 0;
		kernel_end_of_frame();
	}
	if (bh_sched.win < bh_cfg.nwindows &&
	    bh_sched.frame_pos == bh_cfg.windows[bh_sched.win].start)
		window_begin(bh_sched.win);
}

void sched_init(void)
{
	for (uint32_t i = 0; i < bh_cfg.nwindows && i < BH_CFG_MAX_WINDOWS; i++)
		time_span_of(bh_cfg.windows[i].duration, &window_len[i]);
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
	publish_window(p); /* the clock too */
}

void sched_tick(void)
{
	struct partition *cur;

	if (bh_sched.running)
		bh_sched.running->ticks_run++;
	else
		bh_sched.idle_ticks++;
	time_advance();
	time_clock_sample();
	trace_tick_clock();
	trace_tick(bh_sched.running, bh_sched.now);
	bh_sched.frame_pos++;
	bh_sched.boundary = false;
	sched_position();
	cur = bh_sched.current;
	if (cur && cur->mode != BH_MODE_IDLE) {
		if (BH_UNLIKELY(cur->load.active)) { /* a cold restart, in its own time */
			HOLDOFF_STEP(HO_LOAD_STEP);
			part_load_step(cur, PART_LOAD_STEP);
		}
		if (bh_sched.window_start_ns == bh_sched.now_ns)
			return; /* window_begin() has just published and raised */
		cur->vstate->time_ns = bh_sched.now_ns;
		time_clock_publish(cur->vstate);
		virq_sources_update(cur, bh_sched.now, bh_sched.now_ns);
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

struct arch_regs *sched_resume_slow(struct arch_regs *interrupted)
{
	(void)interrupted; /* a partition's frame is its saved context already */
	while (bh_sched.dirty) {
		bh_sched.dirty = false;
		struct partition *next = sched_pick();
		if (next != bh_sched.running) {
			trace_switch(next);
			arch_switch_to(next);
			bh_sched.running = next;
		}
		if (next)
			virq_deliver(next, &next->ctx.regs); /* may mark dirty again */
	}
	return bh_sched.running ? &bh_sched.running->ctx.regs : arch_idle_regs();
}
