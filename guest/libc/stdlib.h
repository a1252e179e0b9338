/*
 * <stdlib.h> for partitions built with the Bulkhead SDK. The guest library
 * provides none of the standard library's functions (no heap: a partition's
 * memory is static), so this header declares none: it exists so that code
 * which includes it for size_t and NULL (FreeRTOS does) compiles, while a
 * call to malloc() or abort() is an error at compile time rather than a
 * silent use of the build host's C library headers.
 */
#ifndef BULKHEAD_LIBC_STDLIB_H
#define BULKHEAD_LIBC_STDLIB_H

#include <stddef.h>

#endif /* BULKHEAD_LIBC_STDLIB_H */
