/*
 * <string.h> for partitions built with the Bulkhead SDK: exactly the
 * functions the guest library (libbhguest.a) provides, and nothing else.
 *
 * They are weak symbols: a C library linked beside the guest library (an
 * RTOS port's newlib) may define the same names, and then its definitions
 * are used, whatever the link order, without a "multiple definition"
 * error. Such a port compiles against its C library's headers instead of
 * this folder (bulkhead.mk: BH_LIBC=none).
 */
#ifndef BULKHEAD_LIBC_STRING_H
#define BULKHEAD_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif /* BULKHEAD_LIBC_STRING_H */
