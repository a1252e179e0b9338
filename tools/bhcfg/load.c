/*
 * The library entry points: parse, then validate, then read the images.
 * Each phase runs only if the previous one found nothing wrong, so that
 * later checks can rely on a complete model.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "parse.h"
#include "validate.h"

#define LOAD_MAX_FILE (1024u * 1024u)

/* basedir NULL: parse and validate only, read no image. */
static int load_string(const char *file, const char *text, size_t len,
		       const char *basedir, struct bhcfg_system *sys,
		       struct bhcfg_diag *d)
{
	struct parse_state *st = calloc(1, sizeof(*st));

	bhcfg_diag_init(d, file);
	memset(sys, 0, sizeof(*sys));
	snprintf(sys->file, sizeof(sys->file), "%s", file);
	if (!st) {
		bhcfg_diag_error(d, 0, "out of memory");
		return -1;
	}
	st->sys = sys;
	st->diag = d;
	parse_text(st, text, len);
	free(st);
	if (!d->count)
		validate_system(sys, d);
	if (!d->count && basedir)
		image_load_all(sys, basedir, d);
	return d->count ? -1 : 0;
}

int bhcfg_load_string(const char *file, const char *text, size_t len,
		      const char *basedir, struct bhcfg_system *sys,
		      struct bhcfg_diag *d)
{
	return load_string(file, text, len, basedir ? basedir : "", sys, d);
}

static void load_dirname(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* Reads the whole file; NULL with an error in d. */
static char *load_file(const char *path, size_t *len, struct bhcfg_diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f) {
		bhcfg_diag_error(d, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	buf = malloc(LOAD_MAX_FILE + 1u);
	if (!buf) {
		bhcfg_diag_error(d, 0, "out of memory");
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, LOAD_MAX_FILE + 1u, f);
	if (ferror(f) || *len > LOAD_MAX_FILE) {
		bhcfg_diag_error(d, 0, ferror(f) ? "read error"
						 : "file larger than 1 MiB");
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int load_path(const char *path, const char *image_dir, bool images,
		     struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	char dir[BHCFG_PATH_MAX * 4];
	size_t len = 0;
	char *text;
	int rc;

	bhcfg_diag_init(d, path);
	text = load_file(path, &len, d);
	if (!text) {
		memset(sys, 0, sizeof(*sys));
		return -1;
	}
	if (image_dir)
		snprintf(dir, sizeof(dir), "%s", image_dir);
	else
		load_dirname(path, dir, sizeof(dir));
	rc = load_string(path, text, len, images ? dir : NULL, sys, d);
	free(text);
	return rc;
}

int bhcfg_load(const char *path, const char *image_dir,
	       struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	return load_path(path, image_dir, true, sys, d);
}

int bhcfg_load_config(const char *path, struct bhcfg_system *sys,
		      struct bhcfg_diag *d)
{
	return load_path(path, NULL, false, sys, d);
}
