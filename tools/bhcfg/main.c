/*
 * bhcfg command line: check, tables, image and dump (docs/config.md), and
 * --image-dir DIR to look up relative image paths in DIR (the build keeps
 * partition images apart from the config files).
 * Exit status: 0 done, 1 the config (or the output file) is bad, 2 usage.
 * Output files are written under a temporary name and renamed, so a failed
 * run never leaves a partial file behind.
 */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bhcfg.h"

typedef int (*main_emit_t)(const struct bhcfg_system *sys, FILE *out);

struct main_args {
	const char *cmd;
	const char *input;
	const char *output;
	const char *image_dir;
	main_emit_t emit;
	bool needs_output;
};

static int main_usage(FILE *out, int status)
{
	fprintf(out, "usage: bhcfg check  [--image-dir DIR] FILE\n"
		     "       bhcfg tables [--image-dir DIR] FILE -o OUT.c\n"
		     "       bhcfg image  [--image-dir DIR] FILE -o OUT.S\n"
		     "       bhcfg dump   [--image-dir DIR] FILE\n"
		     "Relative image paths start at DIR, by default the "
		     "directory of FILE.\n");
	return status;
}

static bool main_command(struct main_args *a)
{
	if (strcmp(a->cmd, "check") == 0)
		a->emit = NULL;
	else if (strcmp(a->cmd, "dump") == 0)
		a->emit = bhcfg_emit_dump;
	else if (strcmp(a->cmd, "tables") == 0)
		a->emit = bhcfg_emit_tables;
	else if (strcmp(a->cmd, "image") == 0)
		a->emit = bhcfg_emit_image;
	else
		return false;
	a->needs_output = a->emit == bhcfg_emit_tables ||
			  a->emit == bhcfg_emit_image;
	return true;
}

static bool main_parse(int argc, char **argv, struct main_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	if (argc < 3)
		return false;
	a->cmd = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc && !a->output)
			a->output = argv[++i];
		else if (strcmp(argv[i], "--image-dir") == 0 && i + 1 < argc &&
			 !a->image_dir)
			a->image_dir = argv[++i];
		else if (argv[i][0] != '-' && !a->input)
			a->input = argv[i];
		else
			return false;
	}
	return main_command(a) && a->input &&
	       (a->output != NULL) == a->needs_output;
}

static int main_write(const struct main_args *a, const struct bhcfg_system *sys)
{
	size_t n = strlen(a->output) + sizeof(".tmpXXXXXX");
	char *tmp = malloc(n);
	FILE *f = NULL;
	int fd, rc = -1;

	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.tmpXXXXXX", a->output);
	fd = mkstemp(tmp);
	if (fd >= 0)
		f = fdopen(fd, "w");
	if (f) {
		rc = a->emit(sys, f);
		rc |= fclose(f);
		if (rc == 0)
			rc = rename(tmp, a->output);
	} else if (fd >= 0) {
		close(fd);
	}
	if (rc != 0) {
		fprintf(stderr, "bhcfg: cannot write %s: %s\n", a->output,
			strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return rc;
}

int main(int argc, char **argv)
{
	static struct bhcfg_system sys;
	static struct bhcfg_diag diag;
	struct main_args a;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "--help") == 0))
		return main_usage(stdout, 0);
	if (!main_parse(argc, argv, &a))
		return main_usage(stderr, 2);
	if (bhcfg_load(a.input, a.image_dir, &sys, &diag) != 0) {
		bhcfg_diag_print(&diag, stderr);
		return 1;
	}
	if (a.emit == bhcfg_emit_dump)
		return bhcfg_emit_dump(&sys, stdout) == 0 ? 0 : 1;
	if (a.emit && main_write(&a, &sys) != 0)
		return 1;
	return 0;
}
