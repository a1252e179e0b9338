/*
 * Error collection. Messages are kept, not printed, so that the library can
 * be tested; main.c prints them in the usual FILE:LINE: error: form.
 */
#include <stdarg.h>
#include <string.h>

#include "bhcfg.h"

void bhcfg_diag_init(struct bhcfg_diag *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->file, sizeof(d->file), "%s", file);
}

void bhcfg_diag_error(struct bhcfg_diag *d, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (d->count < BHCFG_DIAG_MAX) {
		struct bhcfg_diag_item *it = &d->items[d->count];

		it->line = line;
		va_start(ap, fmt);
		vsnprintf(it->msg, sizeof(it->msg), fmt, ap);
		va_end(ap);
	}
	d->count++;
}

void bhcfg_diag_print(const struct bhcfg_diag *d, FILE *out)
{
	unsigned i;
	unsigned kept = d->count < BHCFG_DIAG_MAX ? d->count : BHCFG_DIAG_MAX;

	for (i = 0; i < kept; i++) {
		const struct bhcfg_diag_item *it = &d->items[i];

		if (it->line)
			fprintf(out, "%s:%u: error: %s\n", d->file, it->line,
				it->msg);
		else
			fprintf(out, "%s: error: %s\n", d->file, it->msg);
	}
	if (d->count > kept)
		fprintf(out, "%s: error: %u more errors not shown\n", d->file,
			d->count - kept);
}
