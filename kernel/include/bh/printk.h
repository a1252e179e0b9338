/*
 * Kernel console output, formatted by common/fmt.c.
 */
#ifndef BH_PRINTK_H
#define BH_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include <bh/types.h>

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Stop the machine after printing why: a kernel bug or a corrupt config. */
BH_NORETURN void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* BH_PRINTK_H */
