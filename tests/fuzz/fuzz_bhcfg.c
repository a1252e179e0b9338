/*
 * Shared by the bhcfg fuzz targets: a temporary directory with a good
 * partition image, and loading a config text the way `bhcfg tables` and
 * `bhcfg image` do, emitters included.
 */
#define _GNU_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_bhcfg.h"

static char dir[160];

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

/* An ELF32 i386 executable: header, two PT_LOAD headers, 32 bytes each. */
static void write_good_elf(void)
{
	uint8_t f[52 + 2 * 32 + 64] = { 0x7F, 'E', 'L', 'F', 1, 1, 1 };
	static const uint32_t seg[2][4] = { /* offset, vaddr, size, flags */
					    { 116, 0x40000000u, 32, 5 },
					    { 148, 0x40001000u, 32, 6 } };

	put16(f + 16, 2);  /* ET_EXEC */
	put16(f + 18, 3);  /* EM_386 */
	put32(f + 20, 1);
	put32(f + 24, 0x40000000u);
	put32(f + 28, 52); /* program headers */
	put16(f + 40, 52);
	put16(f + 42, 32);
	put16(f + 44, 2);
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *ph = f + 52 + 32 * i;
		put32(ph, 1); /* PT_LOAD */
		put32(ph + 4, seg[i][0]);
		put32(ph + 8, seg[i][1]);
		put32(ph + 16, seg[i][2]);
		put32(ph + 20, seg[i][2] + 64);
		put32(ph + 24, seg[i][3]);
	}
	memset(f + 116, 0x90, 64);
	fz_write("good.elf", f, sizeof(f));
}

static void remove_dir(void)
{
	char path[192];

	snprintf(path, sizeof(path), "%s/good.elf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fz.elf", dir);
	unlink(path);
	rmdir(dir);
}

const char *fz_dir(void)
{
	if (!dir[0]) {
		/* In memory if possible: the ELF target writes a file per input. */
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp)
			tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof(dir), "%s/bhfuzz-XXXXXX", tmp);
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
		write_good_elf();
	}
	return dir;
}

void fz_write(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fz_dir(), name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

static void emit_all(const struct bhcfg_system *sys)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	if (bhcfg_emit_tables(sys, out) || bhcfg_emit_image(sys, out) || bhcfg_emit_dump(sys, out))
		abort(); /* only I/O can fail, and memory does not */
	fclose(out);
	free(buf);
}

int fz_load_and_emit(const char *text, size_t len)
{
	static struct bhcfg_system sys;
	struct bhcfg_diag d;
	char *buf = NULL;
	size_t blen = 0;
	int r = bhcfg_load_string("fuzz.cfg", text, len, fz_dir(), &sys, &d);

	if (r == 0) {
		emit_all(&sys);
	} else {
		FILE *out = open_memstream(&buf, &blen); /* the messages must print too */
		if (!out)
			abort();
		bhcfg_diag_print(&d, out);
		fclose(out);
		free(buf);
	}
	return r;
}
