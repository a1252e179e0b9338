/*
 * Health monitor. Each event is counted, logged on the console (the first
 * HM_LOG_LIMIT per partition in full; all of them are counted in the
 * partition status and the end-of-run summary), and handled by the action
 * the configuration chose. An action that makes no sense for an event (a
 * corrupt table) falls back to stopping the partition.
 */
#include <bh/console.h>
#include <bh/entry.h>
#include <bh/lib.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>

#define HM_NAME_(nr, NAME, name) [nr] = #name,
static const char *const event_names[BH_HM_EVENT_COUNT] = { BH_HM_EVENTS(HM_NAME_) };
static const char *const action_names[BH_HM_ACT_COUNT] = { BH_HM_ACTIONS(HM_NAME_) };

const char *hm_event_name(uint32_t event)
{
	return event < BH_HM_EVENT_COUNT ? event_names[event] : "?";
}

const char *hm_action_name(uint32_t action)
{
	return action < BH_HM_ACT_COUNT ? action_names[action] : "?";
}

uint32_t hm_event_of_exception(uint32_t exc)
{
	switch (exc) {
	case 0: return BH_HM_DIVIDE_ERROR;
	case 6: return BH_HM_INVALID_OPCODE;
	case 10: case 11: case 12: case 13: return BH_HM_GENERAL_PROTECTION;
	case 14: return BH_HM_PAGE_FAULT;
	case 16: case 19: return BH_HM_FPU_ERROR;
	default: return BH_HM_OTHER_TRAP;
	}
}

static bool is_trap_event(uint32_t event)
{
	return event >= BH_HM_DIVIDE_ERROR && event <= BH_HM_OTHER_TRAP;
}

static uint32_t action_for(const struct partition *p, uint32_t event)
{
	uint32_t a = p->cfg->hm_action[event];

	if (a >= BH_HM_ACT_COUNT)
		return BH_HM_ACT_STOP;
	if (a == BH_HM_ACT_PROPAGATE && !is_trap_event(event))
		return BH_HM_ACT_STOP;
	/* Ignoring a trap re-runs the faulting instruction forever; ignoring
	 * an undeliverable upcall fails again at every delivery attempt. */
	if (a == BH_HM_ACT_IGNORE && event != BH_HM_BAD_HYPERCALL &&
	    event != BH_HM_APPLICATION_ERROR)
		return BH_HM_ACT_STOP;
	return a;
}

/* The event's line, in p's console ring: p pays for what it causes. It is
 * recorded unformatted (bh/console.h): the drain formats it later. */
static void log_event(struct partition *p, uint32_t event, uint32_t action,
		      const struct hm_detail *d)
{
	struct kline k;

	if (p->hm_events > HM_LOG_LIMIT)
		return;
	kline_begin(&k);
	kline_add(&k, "[hm] t=%lluns partition=%s event=%s", (unsigned long long)bh_sched.now_ns,
		  p->cfg->name, hm_event_name(event));
	if (d->exc != UINT32_MAX)
		kline_add(&k, " vector=%u error=%#x", d->exc, d->error);
	else if (d->error)
		kline_add(&k, " code=%u", d->error);
	kline_add(&k, " addr=%#x pc=%#x action=%s", d->addr, d->pc, hm_action_name(action));
	if (d->cause)
		kline_add(&k, " cause=%s", d->cause);
	if (d->text_len)
		kline_msg(&k, d->text, d->text_len);
	kline_commit(p, &k);
	if (p->hm_events == HM_LOG_LIMIT)
		console_kline(p, "[hm] partition=%s: further events are counted, not printed",
			      p->cfg->name);
}

bool hm_raise(struct partition *p, uint32_t event, const struct hm_detail *d,
	      struct arch_regs *r)
{
	if (event >= BH_HM_EVENT_COUNT)
		event = BH_HM_OTHER_TRAP;
	uint32_t action = action_for(p, event);

	trace_hm(p, event, action, d->pc);
	p->hm_events++;
	p->last_hm_event = event;
	HOLDOFF_STEP(HO_HM + action);
	log_event(p, event, action, d);
	switch (action) {
	case BH_HM_ACT_IGNORE:
		return true;
	case BH_HM_ACT_PROPAGATE:
		if (virq_trap(p, r, d->exc, d->error, d->addr))
			return true;
		return hm_raise(p, BH_HM_UPCALL_ERROR, d, r);
	case BH_HM_ACT_RESTART_COLD:
	case BH_HM_ACT_RESTART_WARM:
		part_restart(p, action == BH_HM_ACT_RESTART_COLD, BH_START_HM_PARTITION_RESTART);
		return false;
	case BH_HM_ACT_RESET_MODULE:
		console_kline(p, "[hm] module reset requested by %s", p->cfg->name);
		for (uint32_t i = 0; i < bh_cfg.npartitions; i++)
			part_restart(&bh_partitions[i], true, BH_START_HM_MODULE_RESTART);
		return false;
	case BH_HM_ACT_HALT_MODULE:
		kernel_shutdown(BH_EXIT_HM_HALT, "health monitor halted the module");
	default:
		part_stop(p);
		return false;
	}
}
