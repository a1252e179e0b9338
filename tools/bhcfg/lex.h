/*
 * Lexical layer of the config language: splitting a line into words and
 * reading numbers, sizes, durations, rates, names and permissions.
 */
#ifndef BHCFG_LEX_H
#define BHCFG_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bhcfg.h"

#define LEX_MAX_TOKENS 12u
#define LEX_LINE_MAX 2048u

struct lex_line {
	unsigned line;	      /* 1-based */
	unsigned ntok;	      /* words kept in tok[] */
	bool overflow;	      /* more than LEX_MAX_TOKENS words */
	const char *error;    /* set when the line itself is unreadable */
	char *tok[LEX_MAX_TOKENS];
	char buf[LEX_LINE_MAX];
	char text[BHCFG_TEXT_MAX]; /* the words joined by one blank */
};

enum lex_status { LEX_OK, LEX_MALFORMED, LEX_TOO_LARGE };

/*
 * Reads the line starting at *pos into ln and advances *pos. Returns false
 * when the text is exhausted.
 */
bool lex_next_line(const char *text, size_t len, size_t *pos,
		   struct lex_line *ln);

enum lex_status lex_number(const char *s, uint64_t *out);
enum lex_status lex_size(const char *s, uint64_t *out);     /* bytes */
enum lex_status lex_duration(const char *s, uint64_t *out); /* us */
enum lex_status lex_rate(const char *s, uint64_t *out);     /* Hz */
bool lex_name(const char *s);
bool lex_perms(const char *s, unsigned *perms);

#endif /* BHCFG_LEX_H */
