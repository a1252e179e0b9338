/*
 * Reading a partition image: a statically linked ELF32 i386 executable.
 * Every field that is used is checked against the file first, so a
 * malformed file gives an error message and never a bad read.
 */
#ifndef BHCFG_ELF_H
#define BHCFG_ELF_H

#include "bhcfg.h"

#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

struct elf_image {
	uint32_t entry;
	struct bhcfg_segment seg[BHCFG_MAX_SEGMENTS]; /* PT_LOAD, memsz > 0 */
	unsigned nseg;
};

/* Returns false and a message in err when the file cannot be used. */
bool elf_read(const char *path, struct elf_image *img, char *err,
	      size_t errlen);

#endif /* BHCFG_ELF_H */
