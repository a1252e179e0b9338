/*
 * Reading statement arguments: each helper reads one word, checks the range
 * that is meaningful for it and reports an error at the current line.
 * All return false on error.
 */
#ifndef BHCFG_ARGS_H
#define BHCFG_ARGS_H

#include "parse.h"

bool args_u32(struct parse_state *st, const char *tok, const char *what,
	      uint32_t *out);
bool args_duration(struct parse_state *st, const char *tok, const char *what,
		   uint64_t *out);
bool args_rate(struct parse_state *st, const char *tok, uint32_t *out);
bool args_name(struct parse_state *st, const char *tok, const char *what,
	       char *out);
bool args_perms(struct parse_state *st, const char *tok, unsigned *out);
/* A non-zero, page-aligned size. */
bool args_size(struct parse_state *st, const char *tok, uint32_t *out);
/* A page-aligned guest virtual address in [BH_USER_BASE, BH_USER_LIMIT). */
bool args_vaddr(struct parse_state *st, const char *tok, uint32_t *out);
/* `at <paddr>` for a region of `size` bytes (tok points at "at"). */
bool args_at(struct parse_state *st, char *const *tok, uint32_t size,
	     uint32_t *out);
/* vaddr + size must stay below BH_USER_LIMIT. */
bool args_vrange(struct parse_state *st, uint32_t vaddr, uint64_t size);

#endif /* BHCFG_ARGS_H */
