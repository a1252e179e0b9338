/*
 * Helpers shared by the three emitters.
 */
#ifndef BHCFG_EMIT_H
#define BHCFG_EMIT_H

#include "bhcfg.h"

/* Writes s inside a C comment, defusing any end-of-comment sequence. */
void emit_comment_text(FILE *out, const char *s);

/* Writes s as the body of a C or assembler string literal. */
void emit_string_body(FILE *out, const char *s);

/* "FILE:LINE: TEXT" as one comment line. */
void emit_source_comment(FILE *out, const char *indent,
			 const struct bhcfg_system *sys, unsigned line,
			 const char *text);

/* The port and channel tables (tables_port.c); nothing if no ports. */
void tables_ports(FILE *out, const struct bhcfg_system *sys);

/* 0 unless out saw an I/O error. */
int emit_status(FILE *out);

#endif /* BHCFG_EMIT_H */
