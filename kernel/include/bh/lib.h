/*
 * The few C library functions the kernel uses. On the target they come from
 * common/string.c (declared in common/bh_string.h); the host build links
 * the C library's, which have the same declarations.
 */
#ifndef BH_LIB_H
#define BH_LIB_H

#include <bh_string.h>

#endif /* BH_LIB_H */
