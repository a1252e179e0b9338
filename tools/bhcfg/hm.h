/*
 * Health-monitor settings of a partition: the `hm` statement, the defaults
 * and the names of events and actions.
 */
#ifndef BHCFG_HM_H
#define BHCFG_HM_H

#include "parse.h"

void hm_defaults(struct bhcfg_partition *p);
void hm_statement(struct parse_state *st, char *const *arg, unsigned nargs);

#endif /* BHCFG_HM_H */
