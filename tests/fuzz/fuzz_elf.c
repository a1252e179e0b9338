/*
 * libFuzzer target: bhcfg's ELF loader. The input is a partition image,
 * loaded through a fixed configuration that gives it two regions, so the
 * image checks (segments inside the partition's memory, permissions) and
 * the emitters run on whatever the reader accepts.
 */
#include "fuzz_bhcfg.h"

#include <string.h>

static const char config[] = "system fz\n"
			     "tick 1ms\n"
			     "major_frame 10ms\n"
			     "partition p\n"
			     "  image fz.elf\n"
			     "  memory 0x40000000 256K rwx\n"
			     "  memory 0x40100000 16K rw\n"
			     "end\n"
			     "schedule\n"
			     "  window p 0ms 10ms\n"
			     "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_write("fz.elf", data, size);
	fz_load_and_emit(config, strlen(config));
	return 0;
}
