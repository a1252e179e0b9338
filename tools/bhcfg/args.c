/*
 * Argument readers. Each reports its own error, so that every statement
 * handler reads like the grammar line it implements.
 */
#include <string.h>

#include "args.h"

#define ARGS_4G 0x100000000ull

static bool args_status(struct parse_state *st, enum lex_status s,
			const char *tok, const char *what, const char *form)
{
	if (s == LEX_TOO_LARGE)
		parse_error(st, "%s '%s' is too large", what, tok);
	else if (s == LEX_MALFORMED)
		parse_error(st, "malformed %s '%s' (%s)", what, tok, form);
	return s == LEX_OK;
}

bool args_u32(struct parse_state *st, const char *tok, const char *what,
	      uint32_t *out)
{
	uint64_t v;

	if (!args_status(st, lex_number(tok, &v), tok, what,
			 "a decimal or 0x hexadecimal number"))
		return false;
	if (v > UINT32_MAX) {
		parse_error(st, "%s '%s' is too large", what, tok);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

bool args_duration(struct parse_state *st, const char *tok, const char *what,
		   uint64_t *out)
{
	return args_status(st, lex_duration(tok, out), tok, what,
			   "a number with a unit us, ms or s");
}

bool args_rate(struct parse_state *st, const char *tok, uint32_t *out)
{
	uint64_t v;

	if (!args_status(st, lex_rate(tok, &v), tok, "tick rate",
			 "a number followed by Hz, e.g. 100Hz"))
		return false;
	if (v == 0 || v > UINT32_MAX) {
		parse_error(st, "tick rate '%s' is out of range", tok);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

bool args_name(struct parse_state *st, const char *tok, const char *what,
	       char *out)
{
	if (!lex_name(tok)) {
		parse_error(st,
			    "bad %s name '%s' (1 to %u letters, digits or _, "
			    "starting with a letter)",
			    what, tok, BHCFG_NAME_MAX);
		return false;
	}
	memcpy(out, tok, strlen(tok) + 1);
	return true;
}

bool args_perms(struct parse_state *st, const char *tok, unsigned *out)
{
	if (!lex_perms(tok, out)) {
		parse_error(st, "bad permissions '%s' (r, rw, rx or rwx)", tok);
		return false;
	}
	return true;
}

bool args_size(struct parse_state *st, const char *tok, uint32_t *out)
{
	uint64_t v;

	if (!args_status(st, lex_size(tok, &v), tok, "size",
			 "a number with an optional K or M"))
		return false;
	if (v == 0) {
		parse_error(st, "zero size");
		return false;
	}
	if (v >= ARGS_4G) {
		parse_error(st, "size '%s' is too large", tok);
		return false;
	}
	if (v % BH_PAGE_SIZE) {
		parse_error(st,
			    "size 0x%llx is not page-aligned (a multiple of "
			    "0x%x)",
			    (unsigned long long)v, BH_PAGE_SIZE);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

bool args_vaddr(struct parse_state *st, const char *tok, uint32_t *out)
{
	uint32_t v;

	if (!args_u32(st, tok, "virtual address", &v))
		return false;
	if (v % BH_PAGE_SIZE) {
		parse_error(st, "virtual address 0x%x is not page-aligned", v);
		return false;
	}
	if (v < BH_USER_BASE || v >= BH_USER_LIMIT) {
		parse_error(st,
			    "virtual address 0x%x is outside the partition "
			    "space [BH_USER_BASE 0x%x, BH_USER_LIMIT 0x%x)",
			    v, BH_USER_BASE, BH_USER_LIMIT);
		return false;
	}
	*out = v;
	return true;
}

bool args_vrange(struct parse_state *st, uint32_t vaddr, uint64_t size)
{
	if ((uint64_t)vaddr + size > BH_USER_LIMIT) {
		parse_error(st,
			    "region 0x%x-0x%llx reaches past BH_USER_LIMIT "
			    "(0x%x)",
			    vaddr, (unsigned long long)(vaddr + size),
			    BH_USER_LIMIT);
		return false;
	}
	return true;
}

bool args_at(struct parse_state *st, char *const *tok, uint32_t size,
	     uint32_t *out)
{
	uint32_t p;

	if (strcmp(tok[0], "at") != 0) {
		parse_error(st, "expected 'at <paddr>', got '%s'", tok[0]);
		return false;
	}
	if (!args_u32(st, tok[1], "physical address", &p))
		return false;
	if (p % BH_PAGE_SIZE) {
		parse_error(st, "physical address 0x%x is not page-aligned", p);
		return false;
	}
	if (p < BH_CFG_PHYS_POOL_BASE) {
		parse_error(st,
			    "physical address 0x%x is below 16 MiB (0x%x): "
			    "that memory is the kernel's",
			    p, BH_CFG_PHYS_POOL_BASE);
		return false;
	}
	if ((uint64_t)p + size > BH_RES_PHYS_LIMIT) {
		parse_error(st,
			    "physical range 0x%x-0x%llx reaches past 0x%x, the "
			    "end of the memory the kernel can map",
			    p, (unsigned long long)p + size, BH_RES_PHYS_LIMIT);
		return false;
	}
	*out = p;
	return true;
}
