/*
 * Partition images: locating each partition's ELF, reading it and checking
 * its segments and entry point against the partition's memory regions.
 */
#ifndef BHCFG_IMAGE_H
#define BHCFG_IMAGE_H

#include "bhcfg.h"

/* Relative image paths start at basedir. */
void image_load_all(struct bhcfg_system *sys, const char *basedir,
		    struct bhcfg_diag *d);

#endif /* BHCFG_IMAGE_H */
