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
#include <fmt.h>
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

/* A line being formatted (CON_KLINE_MAX: longer ones are cut). */
struct hm_line {
	char buf[CON_KLINE_MAX];
	size_t n;
};

static void line_add(struct hm_line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void line_add(struct hm_line *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	l->n += bh_vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt, ap);
	va_end(ap);
	l->n = BH_MIN(l->n, sizeof(l->buf) - 1u);
}

/* The guest's message, printable and without quotes. */
static void line_msg(struct hm_line *l, const char *text, uint32_t len)
{
	line_add(l, " msg=\"");
	for (uint32_t i = 0; i < len && l->n + 2u < sizeof(l->buf); i++) {
		char c = text[i];
		l->buf[l->n++] = (c >= 0x20 && c < 0x7F && c != '"') ? c : '.';
	}
	line_add(l, "\"");
}

/* The event's line, in p's console ring: p pays for what it causes. */
static void log_event(struct partition *p, uint32_t event, uint32_t action,
		      const struct hm_detail *d)
{
	struct hm_line l; /* not zeroed: 400 bytes are 100 stores on every event */

	if (p->hm_events > HM_LOG_LIMIT)
		return;
	l.n = 0;
	line_add(&l, "[hm] t=%lluns partition=%s event=%s", (unsigned long long)bh_sched.now_ns,
		 p->cfg->name, hm_event_name(event));
	if (d->exc != UINT32_MAX)
		line_add(&l, " vector=%u error=%#x", d->exc, d->error);
	else if (d->error)
		line_add(&l, " code=%u", d->error);
	line_add(&l, " addr=%#x pc=%#x action=%s", d->addr, d->pc, hm_action_name(action));
	if (d->cause)
		line_add(&l, " cause=%s", d->cause);
	if (d->text_len)
		line_msg(&l, d->text, d->text_len);
	l.buf[l.n++] = '\n'; /* line_add leaves room for it */
	console_kline_text(p, l.buf, (uint32_t)l.n);
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
