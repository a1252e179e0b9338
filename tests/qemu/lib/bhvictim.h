/*
 * The contract between a regression test's attacker and the victim
 * partition next to it (tests/qemu/guests/win_victim): the attacker keeps
 * still until major frame BHV_ATTACK_FRAME, so that the victim's first
 * windows measure the undisturbed window start; from then on the victim's
 * window starts must stay within BHV_MAX_EXCESS instructions of that (under
 * -icount shift=0, rdtsc counts instructions), and its ticks, memory and
 * output must be exactly those of an undisturbed run.
 */
#ifndef BHVICTIM_H
#define BHVICTIM_H

#include <bulkhead/bh.h>

#define BHV_ATTACK_FRAME 4u   /* attackers start in this major frame */
#define BHV_BASE_FIRST 2u     /* the first victim window measured (1 is start-up) */
#define BHV_VICTIM_WINDOWS 24u /* windows the victim checks, then reports */
#define BHV_MAX_EXCESS 1000u  /* instructions a window start may be late by */

static inline bool bhv_attack_time(void)
{
	return bh_vstate->frame_seq >= BHV_ATTACK_FRAME;
}

#endif /* BHVICTIM_H */
