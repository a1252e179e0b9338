/*
 * Small output helpers shared by tables.c, incbin.c and dump.c.
 */
#include "emit.h"

void emit_comment_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		fputc(*s, out);
		if (s[0] == '*' && s[1] == '/')
			fputc(' ', out);
	}
}

void emit_string_body(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
}

void emit_source_comment(FILE *out, const char *indent,
			 const struct bhcfg_system *sys, unsigned line,
			 const char *text)
{
	fprintf(out, "%s/* ", indent);
	emit_comment_text(out, sys->file);
	fprintf(out, ":%u: ", line);
	emit_comment_text(out, text);
	fprintf(out, " */\n");
}

int emit_status(FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
