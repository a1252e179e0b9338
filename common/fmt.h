/* Formatting shared by the kernel and the guest library (see fmt.c). */
#ifndef BH_COMMON_FMT_H
#define BH_COMMON_FMT_H

#include <stdarg.h>
#include <stddef.h>

size_t bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t bh_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* BH_COMMON_FMT_H */
