/*
 * Memory layout: `map` resolution, physical placement and overlap checks.
 */
#ifndef BHCFG_MEMORY_H
#define BHCFG_MEMORY_H

#include "bhcfg.h"

/* Gives each `map` region its shared object's index and size. */
void mem_resolve_maps(struct bhcfg_system *sys, struct bhcfg_diag *d);

/* Checks virtual overlaps, places regions without `at`, checks physical
 * overlaps and gives `map` regions their physical address. */
void mem_layout(struct bhcfg_system *sys, struct bhcfg_diag *d);

#endif /* BHCFG_MEMORY_H */
