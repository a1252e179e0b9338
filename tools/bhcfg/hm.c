/*
 * Health-monitor settings: `hm <event> <action> [limit <n>]` and the
 * defaults. The names index the enums of include/bulkhead/abi.h.
 */
#include <string.h>

#include "args.h"
#include "hm.h"

/* The names come from the ABI's lists; event `none` cannot be configured. */
#define HM_NAME_(nr, NAME, name) [nr] = #name,
static const char *const hm_events[BH_HM_EVENT_COUNT] = {
	BH_HM_EVENTS(HM_NAME_)
};
static const char *const hm_actions[BH_HM_ACT_COUNT] = {
	BH_HM_ACTIONS(HM_NAME_)
};

const char *bhcfg_hm_event_name(unsigned event)
{
	return event != BH_HM_NONE && event < BH_HM_EVENT_COUNT ? hm_events[event]
								 : NULL;
}

const char *bhcfg_hm_action_name(unsigned action)
{
	return action < BH_HM_ACT_COUNT ? hm_actions[action] : NULL;
}

static int hm_lookup(const char *const *names, unsigned first, unsigned n,
		     const char *s)
{
	unsigned i;

	for (i = first; i < n; i++) {
		if (strcmp(names[i], s) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * Everything stops the partition except what the guest reports itself.
 * BH_HM_NONE is never raised; it gets the fail-safe `stop` too.
 */
void hm_defaults(struct bhcfg_partition *p)
{
	unsigned e;

	for (e = 0; e < BH_HM_EVENT_COUNT; e++)
		p->hm_action[e] = BH_HM_ACT_STOP;
	p->hm_action[BH_HM_APPLICATION_ERROR] = BH_HM_ACT_IGNORE;
	p->hm_action[BH_HM_BAD_HYPERCALL] = BH_HM_ACT_IGNORE;
	p->bad_hypercall_limit = 0;
}

static bool hm_is_trap(int event)
{
	return event >= BH_HM_DIVIDE_ERROR && event <= BH_HM_OTHER_TRAP;
}

static bool hm_action_valid(struct parse_state *st, int event, int action)
{
	if (action == BH_HM_ACT_PROPAGATE && !hm_is_trap(event)) {
		parse_error(st,
			    "action 'propagate' is only valid for the trap "
			    "events (divide_error .. other_trap)");
		return false;
	}
	if (action == BH_HM_ACT_IGNORE && event != BH_HM_BAD_HYPERCALL &&
	    event != BH_HM_APPLICATION_ERROR) {
		parse_error(st,
			    "action 'ignore' is only valid for bad_hypercall "
			    "and application_error");
		return false;
	}
	return true;
}

static bool hm_limit(struct parse_state *st, char *const *arg, unsigned nargs,
		     int event, int action, uint32_t *limit)
{
	*limit = 0;
	if (nargs == 3) {
		parse_error(st, "missing argument (usage: hm <event> <action> "
				"[limit <n>])");
		return false;
	}
	if (nargs == 4) {
		if (strcmp(arg[2], "limit") != 0) {
			parse_error(st, "expected 'limit <n>', got '%s'", arg[2]);
			return false;
		}
		if (event != BH_HM_BAD_HYPERCALL) {
			parse_error(st, "'limit' is only valid for bad_hypercall");
			return false;
		}
		if (!args_u32(st, arg[3], "limit", limit))
			return false;
		if (*limit == 0) {
			parse_error(st, "limit must be at least 1");
			return false;
		}
	}
	if (event == BH_HM_BAD_HYPERCALL && action != BH_HM_ACT_IGNORE &&
	    *limit == 0) {
		parse_error(st, "bad_hypercall with action '%s' needs 'limit <n>'",
			    hm_actions[action]);
		return false;
	}
	return true;
}

void hm_statement(struct parse_state *st, char *const *arg, unsigned nargs)
{
	struct bhcfg_partition *p = st->part;
	int event = hm_lookup(hm_events, BH_HM_NONE + 1, BH_HM_EVENT_COUNT,
			      arg[0]);
	int action = hm_lookup(hm_actions, 0, BH_HM_ACT_COUNT, arg[1]);
	char what[48];
	uint32_t limit;

	if (event < 0) {
		parse_error(st, "unknown health-monitor event '%s'", arg[0]);
		return;
	}
	if (action < 0) {
		parse_error(st, "unknown health-monitor action '%s'", arg[1]);
		return;
	}
	snprintf(what, sizeof(what), "hm %s", arg[0]);
	if (!parse_once(st, &p->hm_line[event], what) ||
	    !hm_action_valid(st, event, action) ||
	    !hm_limit(st, arg, nargs, event, action, &limit))
		return;
	p->hm_action[event] = (uint8_t)action;
	if (event == BH_HM_BAD_HYPERCALL)
		p->bad_hypercall_limit = limit;
}
