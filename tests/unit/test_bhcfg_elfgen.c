/*
 * bhcfg unit tests: a writer of small synthetic ELF32 files, so that the
 * image tests need no cross toolchain and can break any header field.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

static void bt_put16(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static void bt_put32(uint8_t *b, uint32_t v)
{
	bt_put16(b, v & 0xFFFFu);
	bt_put16(b + 2, v >> 16);
}

uint8_t bt_elf_byte(unsigned s, uint32_t i)
{
	return (uint8_t)(i * 31u + s * 7u + 1u);
}

void bt_elf_good(struct bt_elf *e)
{
	static const struct bt_seg segs[] = {
		{ 1, 0x40000000, 0x80, 0x80, BT_PF_R | BT_PF_X, 0 },
		{ 4, 0, 0x10, 0x10, BT_PF_R, 0 }, /* PT_NOTE */
		{ 1, 0x40001000, 0x40, 0x2000, BT_PF_R | BT_PF_W, 0 },
		{ 1, 0x40004000, 0, 0, BT_PF_R, 0 }, /* skipped: memsz 0 */
		{ 1, 0x40005000, 0, 0x1000, BT_PF_R | BT_PF_W, 0 },
	};

	memset(e, 0, sizeof(*e));
	e->cls = 1;
	e->data = 1;
	e->type = 2;
	e->machine = 3;
	e->ehsize = 52;
	e->phentsize = 32;
	e->phoff = 52;
	e->entry = 0x40000010;
	e->nseg = sizeof(segs) / sizeof(segs[0]);
	memcpy(e->seg, segs, sizeof(segs));
}

static size_t bt_elf_layout(struct bt_elf *e)
{
	size_t size = 0x200;
	unsigned k;

	for (k = 0; k < e->nseg; k++) {
		struct bt_seg *s = &e->seg[k];

		if (!e->fixed_offsets)
			s->offset = 0x200u + 0x1000u * k;
		if ((size_t)s->offset + s->filesz > size &&
		    (size_t)s->offset + s->filesz < 0x100000u)
			size = (size_t)s->offset + s->filesz;
	}
	return size;
}

static void bt_elf_headers(uint8_t *b, size_t size, const struct bt_elf *e)
{
	unsigned k;

	memcpy(b, "\177ELF", 4);
	b[4] = e->cls;
	b[5] = e->data;
	b[6] = 1;
	bt_put16(b + 16, e->type);
	bt_put16(b + 18, e->machine);
	bt_put32(b + 20, 1);
	bt_put32(b + 24, e->entry);
	bt_put32(b + 28, e->phoff);
	bt_put16(b + 40, e->ehsize);
	bt_put16(b + 42, e->phentsize);
	bt_put16(b + 44, e->nseg);
	for (k = 0; k < e->nseg; k++) {
		const struct bt_seg *s = &e->seg[k];
		uint8_t *ph = b + e->phoff + 32u * k;

		if ((size_t)e->phoff + 32u * (k + 1u) > size)
			break;
		bt_put32(ph, s->type);
		bt_put32(ph + 4, s->offset);
		bt_put32(ph + 8, s->vaddr);
		bt_put32(ph + 12, s->vaddr);
		bt_put32(ph + 16, s->filesz);
		bt_put32(ph + 20, s->memsz);
		bt_put32(ph + 24, s->flags);
		bt_put32(ph + 28, 0x1000);
	}
}

void bt_write_elf(const char *name, struct bt_elf *e)
{
	size_t size = bt_elf_layout(e);
	uint8_t *b = calloc(1, size);
	char path[1024];
	unsigned k;
	uint32_t i;
	FILE *f;

	assert_non_null(b);
	bt_elf_headers(b, size, e);
	for (k = 0; k < e->nseg; k++) {
		for (i = 0; i < e->seg[k].filesz; i++) {
			if ((size_t)e->seg[k].offset + i < size)
				b[e->seg[k].offset + i] = bt_elf_byte(k, i);
		}
	}
	if (e->truncate > 0 && (size_t)e->truncate < size)
		size = (size_t)e->truncate;
	bt_path(path, sizeof(path), name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	free(b);
}

