/*
 * Basic kernel types and helpers used everywhere in the core.
 *
 * Guest virtual addresses and physical addresses get their own struct
 * types so that the compiler rejects passing one where the other (or a
 * kernel pointer) is expected.
 */
#ifndef BH_TYPES_H
#define BH_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An address in a partition's address space: never dereferenced directly. */
typedef struct {
	uint32_t va;
} gva_t;

/* A physical address. */
typedef struct {
	uint32_t pa;
} paddr_t;

static inline gva_t gva(uint32_t va)
{
	return (gva_t){ va };
}

static inline paddr_t paddr(uint32_t pa)
{
	return (paddr_t){ pa };
}

#define BH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BH_LIKELY(x) __builtin_expect(!!(x), 1)
#define BH_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BH_NORETURN _Noreturn
#define BH_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BH_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Bit helpers over the two-word vector bitmaps of the ABI. */
static inline bool bh_bit_test(const volatile uint32_t *w, uint32_t bit)
{
	return (w[bit >> 5] >> (bit & 31u)) & 1u;
}

static inline void bh_bit_set(uint32_t *w, uint32_t bit)
{
	w[bit >> 5] |= 1u << (bit & 31u);
}

static inline void bh_bit_clear(uint32_t *w, uint32_t bit)
{
	w[bit >> 5] &= ~(1u << (bit & 31u));
}

#endif /* BH_TYPES_H */
