/*
 * Lexical layer: one statement per line, words separated by blanks, `#`
 * comments. Values are read into 64 bits with overflow checks; the callers
 * decide which ranges make sense.
 */
#include <string.h>

#include "lex.h"

static bool lex_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void lex_join(struct lex_line *ln)
{
	size_t used = 0;
	unsigned i;

	ln->text[0] = '\0';
	for (i = 0; i < ln->ntok && used < sizeof(ln->text); i++) {
		int n = snprintf(ln->text + used, sizeof(ln->text) - used,
				 "%s%s", i ? " " : "", ln->tok[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void lex_split(struct lex_line *ln)
{
	char *p = ln->buf;
	char *hash = strchr(p, '#');

	if (hash)
		*hash = '\0';
	for (;;) {
		while (lex_blank(*p))
			p++;
		if (*p == '\0')
			break;
		if (ln->ntok == LEX_MAX_TOKENS) {
			ln->overflow = true;
			break;
		}
		ln->tok[ln->ntok++] = p;
		while (*p != '\0' && !lex_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	lex_join(ln);
}

bool lex_next_line(const char *text, size_t len, size_t *pos,
		   struct lex_line *ln)
{
	size_t start = *pos;
	size_t end = start;
	unsigned line = ln->line;

	if (start >= len)
		return false;
	while (end < len && text[end] != '\n')
		end++;
	*pos = end < len ? end + 1 : end;

	memset(ln, 0, sizeof(*ln));
	ln->line = line + 1u;
	if (end - start >= LEX_LINE_MAX) {
		ln->error = "line too long";
		return true;
	}
	memcpy(ln->buf, text + start, end - start);
	ln->buf[end - start] = '\0';
	if (strlen(ln->buf) != end - start) {
		ln->error = "NUL character in line";
		return true;
	}
	lex_split(ln);
	return true;
}

static int lex_digit(char c, unsigned base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the number at the start of s; *rest is what follows it. */
static enum lex_status lex_scan(const char *s, uint64_t *out, const char **rest)
{
	unsigned base = 10;
	uint64_t v = 0;
	const char *p = s;
	const char *digits;
	int d;

	if (p[0] == '0' && p[1] == 'x') {
		base = 16;
		p += 2;
	}
	digits = p;
	while ((d = lex_digit(*p, base)) >= 0) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return LEX_TOO_LARGE;
		v = v * base + (uint64_t)d;
		p++;
	}
	if (p == digits)
		return LEX_MALFORMED;
	*out = v;
	*rest = p;
	return LEX_OK;
}

static enum lex_status lex_scaled(const char *s, uint64_t *out,
				  const char *const *units,
				  const uint64_t *scale, unsigned nunits)
{
	const char *rest;
	uint64_t v;
	unsigned i;
	enum lex_status st = lex_scan(s, &v, &rest);

	if (st != LEX_OK)
		return st;
	for (i = 0; i < nunits; i++) {
		if (strcmp(rest, units[i]) != 0)
			continue;
		if (v > UINT64_MAX / scale[i])
			return LEX_TOO_LARGE;
		*out = v * scale[i];
		return LEX_OK;
	}
	return LEX_MALFORMED;
}

enum lex_status lex_number(const char *s, uint64_t *out)
{
	static const char *const units[] = { "" };
	static const uint64_t scale[] = { 1 };

	return lex_scaled(s, out, units, scale, 1);
}

enum lex_status lex_size(const char *s, uint64_t *out)
{
	static const char *const units[] = { "", "K", "M" };
	static const uint64_t scale[] = { 1, 1024, 1024 * 1024 };

	return lex_scaled(s, out, units, scale, 3);
}

enum lex_status lex_duration(const char *s, uint64_t *out)
{
	static const char *const units[] = { "us", "ms", "s" };
	static const uint64_t scale[] = { 1, 1000, 1000000 };

	return lex_scaled(s, out, units, scale, 3);
}

enum lex_status lex_rate(const char *s, uint64_t *out)
{
	static const char *const units[] = { "Hz" };
	static const uint64_t scale[] = { 1 };

	return lex_scaled(s, out, units, scale, 1);
}

static bool lex_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool lex_name(const char *s)
{
	size_t i;
	size_t n = strlen(s);

	if (n == 0 || n > BHCFG_NAME_MAX || !lex_alpha(s[0]))
		return false;
	for (i = 1; i < n; i++) {
		if (!lex_alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') &&
		    s[i] != '_')
			return false;
	}
	return true;
}

bool lex_perms(const char *s, unsigned *perms)
{
	static const char *const names[] = { "r", "rw", "rx", "rwx" };
	static const unsigned bits[] = {
		BH_PERM_R, BH_PERM_R | BH_PERM_W, BH_PERM_R | BH_PERM_X,
		BH_PERM_R | BH_PERM_W | BH_PERM_X
	};
	unsigned i;

	for (i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0) {
			*perms = bits[i];
			return true;
		}
	}
	return false;
}
