/*
 * The kernel command line: space-separated words, either `flag` or
 * `key=value`. QEMU's -kernel passes "image-path ARGS" while GRUB passes
 * "ARGS"; a first word containing '/' or ending in ".elf" is skipped.
 */
#ifndef BH_CMDLINE_H
#define BH_CMDLINE_H

#include <bh/types.h>

void cmdline_init(const char *cmdline);
bool cmdline_flag(const char *name);
/* Value of key=number, or `def` if absent or malformed. */
uint32_t cmdline_uint(const char *key, uint32_t def);

#endif /* BH_CMDLINE_H */
