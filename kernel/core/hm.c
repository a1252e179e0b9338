/*
 * Health monitor. Each event is counted, logged on the console (the first
 * HM_LOG_LIMIT per partition in full; all of them are counted in the
 * partition status and the end-of-run summary), and handled by the action
 * the configuration chose. An action that makes no sense for an event (a
 * corrupt table) falls back to stopping the partition.
 */
#include <bh/entry.h>
#include <bh/hm.h>
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

static void log_event(const struct partition *p, uint32_t event, uint32_t action,
		      const struct hm_detail *d)
{
	if (p->hm_events > HM_LOG_LIMIT)
		return;
	kprintf("[hm] t=%lluns partition=%s event=%s", (unsigned long long)bh_sched.now_ns,
		p->cfg->name, hm_event_name(event));
	if (d->exc != UINT32_MAX)
		kprintf(" vector=%u error=%#x", d->exc, d->error);
	else if (d->error)
		kprintf(" code=%u", d->error);
	kprintf(" addr=%#x pc=%#x action=%s", d->addr, d->pc, hm_action_name(action));
	if (d->cause)
		kprintf(" cause=%s", d->cause);
	if (d->text_len) {
		kprintf(" msg=\"");
		for (uint32_t i = 0; i < d->text_len; i++) {
			char c = d->text[i];
			kprintf("%c", (c >= 0x20 && c < 0x7F && c != '"') ? c : '.');
		}
		kprintf("\"");
	}
	kprintf("\n");
	if (p->hm_events == HM_LOG_LIMIT)
		kprintf("[hm] partition=%s: further events are counted, not printed\n",
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
		kprintf("[hm] module reset requested by %s\n", p->cfg->name);
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
