/*
 * Whole-file checks that follow parsing: names used before or after their
 * definition, time units, the schedule and the memory layout.
 */
#ifndef BHCFG_VALIDATE_H
#define BHCFG_VALIDATE_H

#include "bhcfg.h"

void validate_system(struct bhcfg_system *sys, struct bhcfg_diag *d);

#endif /* BHCFG_VALIDATE_H */
