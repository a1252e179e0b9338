/*
 * Kernel-side time sources of virtual interrupts: the periodic virtual tick
 * and the one-shot timer. Both are raised for the window owner on kernel
 * ticks; a partition's ticks that fell outside its windows are counted when
 * its next window starts (one arrival with count = ticks missed).
 */
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/virq.h>

void virq_sources_update(struct partition *p, uint64_t now, uint64_t now_ns)
{
	struct virq *q = &p->virq;

	if (q->next_tick && now >= q->next_tick) {
		uint32_t period = p->cfg->tick_period;
		uint64_t n = (now - q->next_tick) / period + 1;
		q->next_tick += n * period;
		virq_raise(p, BH_VEC_TICK, n > UINT32_MAX ? UINT32_MAX : (uint32_t)n);
	}
	if (q->timer_deadline_ns && now_ns >= q->timer_deadline_ns) {
		q->timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
}

int32_t virq_timer_set(struct partition *p, uint64_t deadline_ns)
{
	p->virq.timer_deadline_ns = deadline_ns;
	if (deadline_ns && deadline_ns <= bh_sched.now_ns) {
		p->virq.timer_deadline_ns = 0;
		virq_raise(p, BH_VEC_TIMER, 1);
	}
	return BH_OK;
}
