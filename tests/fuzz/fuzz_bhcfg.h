/* What the two bhcfg fuzz targets share (fuzz_bhcfg.c). */
#ifndef FUZZ_BHCFG_H
#define FUZZ_BHCFG_H

#include <stddef.h>
#include <stdint.h>

#include "bhcfg.h"

/* A private directory holding good.elf (rx text at 0x40000000, its entry;
 * rw data at 0x40001000), made once per process. */
const char *fz_dir(void);
/* Write size bytes to fz_dir()/name. */
void fz_write(const char *name, const uint8_t *data, size_t size);
/* Load config text as bhcfg does (images relative to fz_dir()); if it is
 * accepted, run every emitter into memory too. Returns bhcfg's result. */
int fz_load_and_emit(const char *text, size_t len);

#endif
