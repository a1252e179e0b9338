/*
 * Interrupts-off lengths, measured only in the `holdoff` benchmark kernel
 * (BH_HOLDOFF, mk/bench.mk; kernel/arch/x86/bench/holdoff.c). Every kernel
 * entry stamps the TSC after its register save and every exit before its
 * register restore (entry.S); the interval is charged to the path the
 * core names here: a cause (the hypercall, trap, interrupt, tick or idle
 * slice that entered) and, if one ran, a step (a health-monitor action, a
 * restart, a stop, a cold restart's load step, a console slice). In every
 * other kernel the macros are empty.
 */
#ifndef BH_HOLDOFF_H
#define BH_HOLDOFF_H

#include <bh/types.h>
#include <bulkhead/abi.h>

enum holdoff_path {
	/* causes: what entered */
	HO_NONE,	/* not measured (the first resume at boot) */
	HO_OTHER,	/* an entry no core path named */
	HO_CALIB,	/* the stamps' own cost, measured at the end */
	HO_TICK,	/* a kernel tick inside a window */
	HO_TICK_WINDOW, /* a tick that starts or ends a window */
	HO_IRQ,		/* a device line */
	HO_IDLE,	/* one round of the idle loop (a console slice) */
	/* steps: what ran on the way (any number of them) */
	HO_STEP_FIRST,
	HO_CONSOLE = HO_STEP_FIRST, /* a tick's console slice */
	HO_RESTART_COLD,	    /* part_restart(cold) */
	HO_RESTART_WARM,	    /* part_restart(warm) */
	HO_LOAD_STEP,		    /* a cold restart's load step at a tick */
	HO_STOP,		    /* part_stop */
	HO_HM,			    /* + health-monitor action */
	/* causes again */
	HO_HC = HO_HM + BH_HM_ACT_COUNT, /* + hypercall number */
	HO_BAD_HC = HO_HC + BH_HC_COUNT, /* an unknown hypercall number */
	HO_TRAP,			 /* + exception vector */
	HO_COUNT = HO_TRAP + 32
};

#if BH_HOLDOFF
extern uint32_t holdoff_cause, holdoff_steps;
#define HOLDOFF_CAUSE(p) (holdoff_cause = (uint32_t)(p))
#define HOLDOFF_STEP(p) (holdoff_steps |= 1u << ((uint32_t)(p) - HO_STEP_FIRST))
/* At the end of the run: a line per path measured, and BENCH holdoff_worst. */
void holdoff_report(void);
#else
#define HOLDOFF_CAUSE(p) ((void)0)
#define HOLDOFF_STEP(p) ((void)0)
#endif

#endif /* BH_HOLDOFF_H */
