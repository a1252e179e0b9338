/*
 * `bhcfg info`: what the tools around a system need to know about it, as
 * "key value..." lines. bhrun reads it to give QEMU the devices the system
 * uses (a partition owning COM2 gets no interrupt unless QEMU has a second
 * serial port); bh_system reads kernel_variant to pick the kernel library.
 *
 * The same lines go into every kernel image, in a section the loader never
 * reads (.bulkhead.info, emitted with the tables), so that bhrun needs
 * nothing but the image. New keys may be added; readers skip unknown keys.
 */
#include <stdarg.h>
#include <string.h>

#include "emit.h"

/* One "key value..." line through a printf-like writer. */
typedef void (*info_line_t)(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void info_text_line(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void info_asm_line(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void info_text_line(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

/* Every value is made of names, numbers and blanks: nothing to escape. */
static void info_asm_line(FILE *out, const char *fmt, ...)
{
	va_list ap;

	fprintf(out, "\t\".ascii \\\"");
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fprintf(out, "\\\\n\\\"\\n\"\n");
}

static uint32_t info_irq_lines(const struct bhcfg_system *sys)
{
	uint32_t lines = 0;
	unsigned i;

	for (i = 0; i < sys->npartitions; i++)
		lines |= sys->partitions[i].irq_lines;
	return lines;
}

static void info_irqs(FILE *out, const struct bhcfg_system *sys,
		      info_line_t line)
{
	char buf[4 * 32 + 1] = "";
	uint32_t lines = info_irq_lines(sys);
	size_t n = 0;
	unsigned i;

	for (i = 0; i < 32u; i++)
		if (lines & (1u << i))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %u", i);
	line(out, "irq_lines%s", buf);
}

static void info_ioports(FILE *out, const struct bhcfg_system *sys,
			 info_line_t line)
{
	static char buf[BH_CFG_MAX_PARTITIONS * BH_CFG_MAX_IOPORTS * 16u + 1u];
	size_t n = 0;
	unsigned i, j;

	buf[0] = '\0';
	for (i = 0; i < sys->npartitions; i++) {
		const struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nioports; j++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
					      " 0x%x-0x%x", p->ioports[j].base,
					      p->ioports[j].base +
						      p->ioports[j].count - 1u);
	}
	line(out, "ioports%s", buf);
}

static void info_partitions(FILE *out, const struct bhcfg_system *sys,
			    info_line_t line)
{
	char buf[BH_CFG_MAX_PARTITIONS * (BHCFG_NAME_MAX + 1u) + 1u];
	size_t n = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < sys->npartitions; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %s",
				      sys->partitions[i].name);
	line(out, "partitions%s", buf);
}

/* The kernel variant this system needs, "default" for the plain kernel:
 * a variant is a second kernel library, libbhkernel-<variant>.a, chosen by
 * the config (Makefile, "kernel"; docs/sdk.md). */
static const char *info_variant(const struct bhcfg_system *sys)
{
	return sys->trace.on ? "trace" : "default"; /* `trace on`: docs/trace.md */
}

static void info_lines(FILE *out, const struct bhcfg_system *sys,
		       info_line_t line)
{
	line(out, "bulkhead_info 1");
	line(out, "system %s", sys->name);
	line(out, "tick_us %llu", (unsigned long long)sys->tick_us);
	line(out, "major_frame_us %llu", (unsigned long long)sys->major_frame_us);
	info_partitions(out, sys, line);
	info_irqs(out, sys, line);
	info_ioports(out, sys, line);
	line(out, "kernel_variant %s", info_variant(sys));
	if (strcmp(info_variant(sys), "default") == 0)
		line(out, "kernel_library libbhkernel.a");
	else
		line(out, "kernel_library libbhkernel-%s.a", info_variant(sys));
}

int bhcfg_emit_info(const struct bhcfg_system *sys, FILE *out)
{
	info_lines(out, sys, info_text_line);
	return emit_status(out);
}

void bhcfg_emit_info_section(const struct bhcfg_system *sys, FILE *out)
{
	fprintf(out, "/* `bhcfg info`, for bhrun: a section the loader never "
		     "reads. */\n");
	fprintf(out, "__asm__(\".pushsection .bulkhead.info, \\\"\\\", "
		     "@progbits\\n\"\n");
	info_lines(out, sys, info_asm_line);
	fprintf(out, "\t\".popsection\\n\");\n");
}
