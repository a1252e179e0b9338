/*
 * Names for what records carry: event types and classes (from the format
 * header's lists), hypercalls, health-monitor events and actions, modes,
 * vectors. Numbers outside the known range print as numbers, so a trace
 * from a newer kernel still decodes.
 */
#include <string.h>

#include <bulkhead/abi.h>

#include "bhtrace.h"

#define EV_NAME(n, v, c, name, a, b) [v] = name,
static const char *const event_names[BH_TRACE_EVENT_END] = { BH_TRACE_EVENTS(EV_NAME) };
#undef EV_NAME

#define EV_CLASS(n, v, c, name, a, b) [v] = BH_TRACE_C_##c,
static const unsigned event_classes[BH_TRACE_EVENT_END] = { BH_TRACE_EVENTS(EV_CLASS) };
#undef EV_CLASS

#define CLASS_NAME(n, bit, word) [bit] = word,
static const char *const class_names[8] = { BH_TRACE_CLASSES(CLASS_NAME) };
#undef CLASS_NAME

const char *bht_event_name(unsigned type)
{
	return type < BH_TRACE_EVENT_END && event_names[type] ? event_names[type] : "?";
}

unsigned bht_event_class(unsigned type)
{
	return type < BH_TRACE_EVENT_END ? event_classes[type] : 0;
}

const char *bht_class_name(unsigned bit)
{
	return bit < 8 ? class_names[bit] : NULL;
}

/* From the ABI's lists, so that a new call or event is named at once. */
#define HC_NAME(nr, NAME, name, ...) [nr] = #name,
static const char *const hc_names[BH_HC_COUNT] = { BH_HYPERCALLS(HC_NAME) };
#undef HC_NAME

const char *bht_hc_name(unsigned nr)
{
	return nr < BH_HC_COUNT ? hc_names[nr] : "?";
}

#define HM_NAME(nr, NAME, name) [nr] = #name,
static const char *const hm_events[BH_HM_EVENT_COUNT] = { BH_HM_EVENTS(HM_NAME) };
static const char *const hm_actions[BH_HM_ACT_COUNT] = { BH_HM_ACTIONS(HM_NAME) };
#undef HM_NAME

const char *bht_hm_event_name(unsigned ev)
{
	return ev < BH_HM_EVENT_COUNT ? hm_events[ev] : "?";
}

const char *bht_hm_action_name(unsigned act)
{
	return act < BH_HM_ACT_COUNT ? hm_actions[act] : "?";
}

const char *bht_mode_name(unsigned mode)
{
	static const char *const names[] = { "idle", "cold_start", "warm_start", "normal" };

	return mode < 4 ? names[mode] : "?";
}

void bht_vector_name(unsigned v, char *buf, size_t len)
{
	if (v == BH_VEC_TICK)
		snprintf(buf, len, "tick");
	else if (v == BH_VEC_TIMER)
		snprintf(buf, len, "timer");
	else if (v >= BH_VEC_PORT_BASE && v < BH_VEC_PORT_BASE + 16)
		snprintf(buf, len, "port %u", v - BH_VEC_PORT_BASE);
	else if (v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES)
		snprintf(buf, len, "irq %u", v - BH_VEC_IRQ_BASE);
	else if (v >= BH_VEC_TRAP_BASE && v < BH_NR_UPCALL_VECTORS)
		snprintf(buf, len, "trap %u", v - BH_VEC_TRAP_BASE);
	else
		snprintf(buf, len, "vector %u", v);
}

const char *bht_part_name(const struct bht_trace *t, unsigned part)
{
	if (part == BH_TRACE_KERNEL)
		return "kernel";
	return part < t->npartitions ? t->parts[part].name : "?";
}
