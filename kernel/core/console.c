/* Partition console lines (see bh/console.h). */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/lib.h>
#include <bh/partition.h>

void console_flush(struct partition *p)
{
	const char *name = p->cfg->name;

	if (!p->line_len)
		return;
	arch_console_write("[", 1);
	arch_console_write(name, strlen(name));
	arch_console_write("] ", 2);
	arch_console_write(p->line, p->line_len);
	arch_console_write("\n", 1);
	p->line_len = 0;
}

void console_put(struct partition *p, const char *s, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n') {
			if (!p->line_len)
				p->line[p->line_len++] = ' ';
			console_flush(p);
			continue;
		}
		if (c == '\r')
			continue;
		/* Control characters could forge other partitions' lines. */
		if ((unsigned char)c < 0x20 && c != '\t')
			c = '.';
		else if ((unsigned char)c >= 0x7F)
			c = '?';
		if (p->line_len == PART_LINE_MAX)
			console_flush(p);
		p->line[p->line_len++] = c;
	}
}
