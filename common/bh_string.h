/*
 * The freestanding string functions of common/string.c, built into the
 * kernel and guest images (the host build uses the C library's).
 */
#ifndef BH_STRING_H
#define BH_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif /* BH_STRING_H */
