/*
 * libFuzzer target: bhcfg's configuration parser and checks, on arbitrary
 * text (images named good.elf resolve to a real one, so accepted configs
 * go on to the image checks and every emitter). Whatever the text, bhcfg
 * must answer with a model or with errors, never crash, read out of
 * bounds, overflow or leak (ASan, UBSan, LeakSanitizer).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_bhcfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int r = fz_load_and_emit((const char *)data, size);

	if (getenv("FUZZ_VERBOSE")) /* to see which seeds get past the checks */
		fprintf(stderr, "fuzz_cfg: %s\n", r ? "rejected" : "accepted");
	return 0;
}
