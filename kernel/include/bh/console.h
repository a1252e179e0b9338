/*
 * Partition console output: each partition's text is assembled into lines
 * and printed with the partition's name, so lines never interleave.
 */
#ifndef BH_CONSOLE_H
#define BH_CONSOLE_H

#include <bh/types.h>

struct partition;

void console_put(struct partition *p, const char *s, uint32_t len);
void console_flush(struct partition *p);

#endif /* BH_CONSOLE_H */
