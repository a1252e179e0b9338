/*
 * bhcfg command line: check, tables, image, dump, info and schedule
 * (docs/config.md). --image-dir DIR, which may be repeated, looks up
 * relative image paths in those directories in order (the build keeps
 * partition images apart from the config files); --no-images checks the
 * config alone. info and schedule never read the images.
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

/* What a subcommand prints and needs. */
struct main_command {
	const char *name;
	main_emit_t emit;	/* NULL: check only */
	bool to_file;		/* -o OUT required, else stdout */
	bool images;		/* reads the partition images */
	const char *option;	/* a further "--option FILE" it accepts */
	main_emit_t option_emit; /* what that FILE receives */
};

static const struct main_command main_commands[] = {
	{ "check", NULL, false, true, NULL, NULL },
	{ "tables", bhcfg_emit_tables, true, true, NULL, NULL },
	{ "image", bhcfg_emit_image, true, true, NULL, NULL },
	{ "dump", bhcfg_emit_dump, false, true, NULL, NULL },
	{ "info", bhcfg_emit_info, false, false, NULL, NULL },
	{ "schedule", bhcfg_emit_schedule, false, false, "--svg",
	  bhcfg_emit_schedule_svg },
};

#define MAIN_MAX_DIRS 16

struct main_args {
	const struct main_command *cmd;
	const char *input;
	const char *output;
	const char *option_file;
	const char *image_dirs[MAIN_MAX_DIRS];
	unsigned ndirs;
	bool no_images;
	char dirs[BHCFG_PATH_MAX * 4]; /* image_dirs joined with ':' */
};

static int main_usage(FILE *out, int status)
{
	fprintf(out,
		"usage: bhcfg check    [--image-dir DIR]... [--no-images] FILE\n"
		"       bhcfg tables   [--image-dir DIR]... FILE -o OUT.c\n"
		"       bhcfg image    [--image-dir DIR]... FILE -o OUT.S\n"
		"       bhcfg dump     [--image-dir DIR]... FILE\n"
		"       bhcfg info     FILE\n"
		"       bhcfg schedule FILE [--svg OUT.svg]\n"
		"Relative image paths start at each DIR in turn, by default "
		"the directory\nof FILE. --no-images checks the config "
		"without its images. info prints\nwhat bhrun and bh_system "
		"need; schedule draws the major frame.\n");
	return status;
}

static const struct main_command *main_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(main_commands) / sizeof(main_commands[0]); i++)
		if (strcmp(main_commands[i].name, name) == 0)
			return &main_commands[i];
	return NULL;
}

/* One option or operand at argv[*i]; false on a usage error. */
static bool main_option(int argc, char **argv, int *i, struct main_args *a)
{
	const char *arg = argv[*i];
	bool has_value = *i + 1 < argc;

	if (strcmp(arg, "-o") == 0 && has_value && !a->output) {
		a->output = argv[++*i];
	} else if (strcmp(arg, "--image-dir") == 0 && has_value &&
		   a->ndirs < MAIN_MAX_DIRS && strchr(argv[*i + 1], ':') == NULL) {
		a->image_dirs[a->ndirs++] = argv[++*i];
	} else if (strcmp(arg, "--no-images") == 0 && !a->no_images) {
		a->no_images = true;
	} else if (a->cmd->option && strcmp(arg, a->cmd->option) == 0 &&
		   has_value && !a->option_file) {
		a->option_file = argv[++*i];
	} else if (arg[0] != '-' && !a->input) {
		a->input = arg;
	} else {
		return false;
	}
	return true;
}

static bool main_join_dirs(struct main_args *a)
{
	size_t n = 0;
	unsigned i;

	a->dirs[0] = '\0';
	for (i = 0; i < a->ndirs; i++) {
		int w = snprintf(a->dirs + n, sizeof(a->dirs) - n, "%s%s",
				 i ? ":" : "", a->image_dirs[i]);

		if (w < 0 || (size_t)w >= sizeof(a->dirs) - n)
			return false;
		n += (size_t)w;
	}
	return true;
}

static bool main_parse(int argc, char **argv, struct main_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	if (argc < 3)
		return false;
	a->cmd = main_find(argv[1]);
	if (!a->cmd)
		return false;
	for (i = 2; i < argc; i++)
		if (!main_option(argc, argv, &i, a))
			return false;
	if (a->no_images && a->cmd->emit)
		return false; /* only check may skip the images */
	if (a->ndirs && !a->cmd->images)
		return false;
	return a->input && (a->output != NULL) == a->cmd->to_file &&
	       main_join_dirs(a);
}

static int main_write(const char *path, main_emit_t emit,
		      const struct bhcfg_system *sys)
{
	size_t n = strlen(path) + sizeof(".tmpXXXXXX");
	char *tmp = malloc(n);
	FILE *f = NULL;
	int fd, rc = -1;

	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd >= 0)
		f = fdopen(fd, "w");
	if (f) {
		rc = emit(sys, f);
		rc |= fclose(f);
		if (rc == 0)
			rc = rename(tmp, path);
	} else if (fd >= 0) {
		close(fd);
	}
	if (rc != 0) {
		fprintf(stderr, "bhcfg: cannot write %s: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int main_load(const struct main_args *a, struct bhcfg_system *sys,
		     struct bhcfg_diag *diag)
{
	if (!a->cmd->images || a->no_images)
		return bhcfg_load_config(a->input, sys, diag);
	return bhcfg_load(a->input, a->ndirs ? a->dirs : NULL, sys, diag);
}

int main(int argc, char **argv)
{
	static struct bhcfg_system sys;
	static struct bhcfg_diag diag;
	static struct main_args a;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "--help") == 0))
		return main_usage(stdout, 0);
	if (!main_parse(argc, argv, &a))
		return main_usage(stderr, 2);
	if (main_load(&a, &sys, &diag) != 0) {
		bhcfg_diag_print(&diag, stderr);
		return 1;
	}
	if (a.option_file && main_write(a.option_file, a.cmd->option_emit, &sys) != 0)
		return 1;
	if (!a.cmd->emit)
		return 0;
	if (a.cmd->to_file)
		return main_write(a.output, a.cmd->emit, &sys) == 0 ? 0 : 1;
	return a.cmd->emit(&sys, stdout) == 0 ? 0 : 1;
}
