/*
 * bhtrace command line (docs/trace.md):
 *   bhtrace summary DUMP [-o OUT]
 *   bhtrace svg     DUMP -o OUT.svg  [--from T] [--to T] [--width PX]
 *   bhtrace json    DUMP -o OUT.json [--from T] [--to T]
 *   bhtrace check   DUMP [--log KERNEL_LOG]
 *   bhtrace list    DUMP [-o OUT] [--from T] [--to T]
 * T is a time since boot with a unit: 250us, 1.5ms, 2s.
 * Exit status: 0 done, 1 a bad dump, a failed check or an unwritable
 * output, 2 a usage error. Outputs are written under a temporary name and
 * renamed, so a failed run leaves no partial file.
 */
#define _XOPEN_SOURCE 700

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bhtrace.h"

struct args {
	const char *cmd, *dump, *output, *log;
	struct bht_range range;
	unsigned width;
};

static int usage(void)
{
	fputs("usage: bhtrace summary DUMP [-o OUT]\n"
	      "       bhtrace svg     DUMP -o OUT.svg [--from T] [--to T] [--width PX]\n"
	      "       bhtrace json    DUMP -o OUT.json [--from T] [--to T]\n"
	      "       bhtrace check   DUMP [--log KERNEL_LOG]\n"
	      "       bhtrace list    DUMP [-o OUT] [--from T] [--to T]\n"
	      "T is a time since boot with a unit: 250us, 1.5ms, 2s.\n",
	      stderr);
	return 2;
}

/* "1.5ms" -> 1500000; -1 if malformed. */
static int64_t parse_time(const char *s)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
	};
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0 || v > 9e9)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].unit))
			return (int64_t)(v * units[i].ns + 0.5);
	return -1;
}

static int parse_opt(struct args *a, const char *opt, const char *val)
{
	if (!strcmp(opt, "-o") && !a->output)
		a->output = val;
	else if (!strcmp(opt, "--log") && !a->log)
		a->log = val;
	else if (!strcmp(opt, "--from"))
		return (a->range.from = parse_time(val)) < 0 ? -1 : 0;
	else if (!strcmp(opt, "--to"))
		return (a->range.to = parse_time(val)) < 0 ? -1 : 0;
	else if (!strcmp(opt, "--width"))
		return (a->width = (unsigned)strtoul(val, NULL, 10)) < 200 || a->width > 20000 ? -1 : 0;
	else
		return -1;
	return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof(*a));
	a->range.to = -1;
	if (argc < 3)
		return -1;
	a->cmd = argv[1];
	for (int i = 2; i < argc; i++) {
		if (argv[i][0] == '-' && i + 1 < argc) {
			if (parse_opt(a, argv[i], argv[i + 1]))
				return -1;
			i++;
		} else if (argv[i][0] != '-' && !a->dump) {
			a->dump = argv[i];
		} else {
			return -1;
		}
	}
	if (!a->dump || (a->range.to >= 0 && a->range.to <= a->range.from))
		return -1;
	if (!strcmp(a->cmd, "svg") || !strcmp(a->cmd, "json"))
		return a->output ? 0 : -1;
	return !strcmp(a->cmd, "summary") || !strcmp(a->cmd, "check") || !strcmp(a->cmd, "list")
		       ? 0
		       : -1;
}

static int emit(const struct args *a, const struct bht_model *m, FILE *out)
{
	struct bht_svg_opts o = { a->range, a->width };

	if (!strcmp(a->cmd, "svg"))
		return bht_write_svg(m, &o, out);
	if (!strcmp(a->cmd, "json"))
		return bht_write_json(m, &a->range, out);
	if (!strcmp(a->cmd, "list"))
		return bht_write_list(m->trace, &a->range, out);
	return bht_write_summary(m, out);
}

static int write_output(const struct args *a, const struct bht_model *m)
{
	char tmp[4096];
	FILE *out;

	if (!a->output)
		return emit(a, m, stdout) ? 1 : 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", a->output, (long)getpid());
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "bhtrace: cannot write %s\n", tmp);
		return 1;
	}
	if (emit(a, m, out) | fclose(out) || rename(tmp, a->output)) {
		fprintf(stderr, "bhtrace: cannot write %s\n", a->output);
		remove(tmp);
		return 1;
	}
	return 0;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		buf[fread(buf, 1, (size_t)n, f)] = '\0';
	}
	fclose(f);
	return buf;
}

static int run_check(const struct args *a, const struct bht_model *m)
{
	char *log = NULL;
	unsigned failures;

	if (a->log && !(log = read_text(a->log))) {
		fprintf(stderr, "bhtrace: cannot read %s\n", a->log);
		return 1;
	}
	failures = bht_check(m, log, stdout);
	free(log);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct args a;
	struct bht_trace t;
	struct bht_model m;
	char err[BHT_ERR_MAX];
	int ret;

	if (parse_args(argc, argv, &a))
		return usage();
	if (bht_load_file(a.dump, &t, err, sizeof(err))) {
		fprintf(stderr, "bhtrace: %s: %s\n", a.dump, err);
		return 1;
	}
	if (bht_analyze(&t, &m)) {
		fprintf(stderr, "bhtrace: out of memory\n");
		bht_free(&t);
		return 1;
	}
	ret = !strcmp(a.cmd, "check") ? run_check(&a, &m) : write_output(&a, &m);
	bht_model_free(&m);
	bht_free(&t);
	return ret;
}
