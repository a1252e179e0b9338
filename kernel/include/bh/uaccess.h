/*
 * Access to a partition's memory on its behalf. A guest pointer is accepted
 * only if the whole range lies inside one of the partition's own configured
 * regions with the needed permission; the check is overflow-safe and never
 * touches the page tables, so it cannot fault. Data is copied, never used in
 * place.
 */
#ifndef BH_UACCESS_H
#define BH_UACCESS_H

#include <bh/types.h>

struct partition;

/* Kernel pointer to [va, va+len) if p may access it with `perms`, else NULL. */
void *uaccess_ptr(const struct partition *p, gva_t va, uint32_t len, uint32_t perms);

int32_t uaccess_copy_in(const struct partition *p, void *dst, gva_t src, uint32_t len);
int32_t uaccess_copy_out(const struct partition *p, gva_t dst, const void *src, uint32_t len);

#endif /* BH_UACCESS_H */
