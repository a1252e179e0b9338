/*
 * Partition images. The kernel copies each loadable segment into the
 * partition's memory at start and restart, so every segment must fall inside
 * one `memory` region (not a shared `map`), with the permissions it needs;
 * errors name the partition's `image` line.
 */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "image.h"

static const struct bhcfg_region *image_region(const struct bhcfg_partition *p,
					       uint64_t base, uint64_t size)
{
	unsigned i;

	for (i = 0; i < p->nregions; i++) {
		const struct bhcfg_region *r = &p->regions[i];

		if (r->kind == BHCFG_REGION_MEMORY && base >= r->vaddr &&
		    base + size <= (uint64_t)r->vaddr + r->size)
			return r;
	}
	return NULL;
}

static void image_segment(const struct bhcfg_partition *p,
			  const struct bhcfg_segment *s, struct bhcfg_diag *d)
{
	const struct bhcfg_region *r = image_region(p, s->vaddr, s->memsz);
	unsigned long long end = (unsigned long long)s->vaddr + s->memsz;

	if (!r)
		bhcfg_diag_error(d, p->image_line,
				 "image '%s': segment 0x%x-0x%llx is not inside "
				 "one memory region",
				 p->image, s->vaddr, end);
	else if ((s->flags & ELF_PF_W) && !(r->perms & BH_PERM_W))
		bhcfg_diag_error(d, p->image_line,
				 "image '%s': writable segment 0x%x-0x%llx is in "
				 "the region at line %u, which has no w",
				 p->image, s->vaddr, end, r->line);
	else if ((s->flags & ELF_PF_X) && !(r->perms & BH_PERM_X))
		bhcfg_diag_error(d, p->image_line,
				 "image '%s': executable segment 0x%x-0x%llx is "
				 "in the region at line %u, which has no x",
				 p->image, s->vaddr, end, r->line);
}

static void image_overlaps(const struct bhcfg_partition *p,
			   struct bhcfg_diag *d)
{
	unsigned i, j;

	for (i = 0; i < p->nsegments; i++) {
		const struct bhcfg_segment *a = &p->segments[i];

		for (j = 0; j < i; j++) {
			const struct bhcfg_segment *b = &p->segments[j];

			if ((uint64_t)a->vaddr < (uint64_t)b->vaddr + b->memsz &&
			    (uint64_t)b->vaddr < (uint64_t)a->vaddr + a->memsz)
				bhcfg_diag_error(d, p->image_line,
						 "image '%s': segments at 0x%x "
						 "and 0x%x overlap",
						 p->image, b->vaddr, a->vaddr);
		}
	}
}

static void image_check(const struct bhcfg_partition *p, struct bhcfg_diag *d)
{
	const struct bhcfg_region *r = image_region(p, p->entry, 1);
	unsigned i;

	image_overlaps(p, d);
	for (i = 0; i < p->nsegments; i++)
		image_segment(p, &p->segments[i], d);
	if (!r || !(r->perms & BH_PERM_X))
		bhcfg_diag_error(d, p->image_line,
				 "image '%s': entry point 0x%x is not inside an "
				 "x memory region",
				 p->image, p->entry);
}

/* The first directory of the ':'-separated list `dirs` that holds `name`;
 * false if none does (abs then holds the last path tried). */
static bool image_search(const char *dirs, const char *name, char *abs)
{
	char joined[BHCFG_PATH_MAX * 2];
	const char *d = dirs[0] ? dirs : ".";

	for (;;) {
		size_t len = strcspn(d, ":");

		snprintf(joined, sizeof(joined), "%.*s/%s", (int)len,
			 len ? d : ".", name);
		if (realpath(joined, abs))
			return true;
		if (d[len] == '\0')
			return false;
		d += len + 1u;
	}
}

static bool image_resolve(struct bhcfg_partition *p, const char *basedir,
			  struct bhcfg_diag *d)
{
	char abs[PATH_MAX];
	bool found;

	if (p->image[0] == '/')
		found = realpath(p->image, abs) != NULL;
	else
		found = image_search(basedir, p->image, abs);
	if (!found) {
		bhcfg_diag_error(d, p->image_line,
				 "cannot read image '%s': %s (looked in %s; "
				 "--image-dir DIR says where images are, "
				 "--no-images checks the config alone)",
				 p->image, strerror(errno),
				 p->image[0] == '/' ? "/" : basedir[0] ? basedir : ".");
		return false;
	}
	if (strlen(abs) >= sizeof(p->image_abs)) {
		bhcfg_diag_error(d, p->image_line, "image path is too long");
		return false;
	}
	memcpy(p->image_abs, abs, strlen(abs) + 1);
	return true;
}

static void image_load(struct bhcfg_partition *p, const char *basedir,
		       struct bhcfg_diag *d)
{
	struct elf_image img;
	char err[256];

	if (!image_resolve(p, basedir, d))
		return;
	if (!elf_read(p->image_abs, &img, err, sizeof(err))) {
		bhcfg_diag_error(d, p->image_line, "image '%s': %s", p->image,
				 err);
		return;
	}
	p->entry = img.entry;
	p->nsegments = img.nseg;
	memcpy(p->segments, img.seg, sizeof(img.seg));
	image_check(p, d);
}

void image_load_all(struct bhcfg_system *sys, const char *basedir,
		    struct bhcfg_diag *d)
{
	unsigned i;

	for (i = 0; i < sys->npartitions; i++)
		image_load(&sys->partitions[i], basedir, d);
}
