/*
 * The health monitor: every fault or error a partition causes becomes an
 * event, is logged, and leads to the action the configuration chose for it.
 */
#ifndef BH_HM_H
#define BH_HM_H

#include <bh/types.h>

struct partition;
struct arch_regs;

struct hm_detail {
	uint32_t exc;	  /* CPU exception, or UINT32_MAX */
	uint32_t error;	  /* CPU error code or application code */
	uint32_t addr;	  /* faulting address */
	uint32_t pc;	  /* instruction pointer */
	const char *text; /* optional message (application errors) */
	uint32_t text_len;
	const char *cause; /* optional: why, when the event alone does not say */
};

/*
 * Raise `event` in p, whose saved context is r, and apply the configured
 * action. Returns true if p continues (ignored, or propagated into its trap
 * handler); false if it was stopped or restarted.
 */
bool hm_raise(struct partition *p, uint32_t event, const struct hm_detail *d,
	      struct arch_regs *r);

/* Console lines printed per partition before the rest are only counted. */
#define HM_LOG_LIMIT 32u

/* Map a CPU exception number to its HM event. */
uint32_t hm_event_of_exception(uint32_t exc);

const char *hm_event_name(uint32_t event);
const char *hm_action_name(uint32_t action);

#endif /* BH_HM_H */
