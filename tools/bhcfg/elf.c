/*
 * ELF32 reader. Only the ELF header and the program headers are read; the
 * segment contents are pulled in later by the assembler's .incbin, at the
 * offsets checked here.
 */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "elf.h"

#define ELF_EHDR_SIZE 52u
#define ELF_PHDR_SIZE 32u
#define ELF_MAX_PHDRS 256u
#define ELF_CLASS32 1u
#define ELF_DATA_LSB 1u
#define ELF_ET_EXEC 2u
#define ELF_EM_386 3u
#define ELF_PT_LOAD 1u
#define ELF_PT_DYNAMIC 2u
#define ELF_PT_INTERP 3u

struct elf_file {
	FILE *f;
	uint64_t size;
	char *err;
	size_t errlen;
};

static bool elf_fail(struct elf_file *ef, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool elf_fail(struct elf_file *ef, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ef->err, ef->errlen, fmt, ap);
	va_end(ap);
	return false;
}

static uint32_t elf_u16(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8;
}

static uint32_t elf_u32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static bool elf_pread(struct elf_file *ef, uint64_t off, void *buf, size_t n)
{
	if (off + n > ef->size)
		return elf_fail(ef, "truncated file");
	if (fseek(ef->f, (long)off, SEEK_SET) != 0 ||
	    fread(buf, 1, n, ef->f) != n)
		return elf_fail(ef, "read error: %s", strerror(errno));
	return true;
}

static bool elf_ident(struct elf_file *ef, const uint8_t *h)
{
	if (memcmp(h, "\177ELF", 4) != 0)
		return elf_fail(ef, "not an ELF file");
	if (h[4] != ELF_CLASS32)
		return elf_fail(ef, "not an ELF32 file (class %u)", h[4]);
	if (h[5] != ELF_DATA_LSB)
		return elf_fail(ef, "not a little-endian ELF file");
	if (h[6] != 1)
		return elf_fail(ef, "unknown ELF version %u", h[6]);
	return true;
}

static bool elf_header(struct elf_file *ef, const uint8_t *h)
{
	if (!elf_ident(ef, h))
		return false;
	if (elf_u16(h + 16) != ELF_ET_EXEC)
		return elf_fail(ef, "not an executable (e_type %u)",
				elf_u16(h + 16));
	if (elf_u16(h + 18) != ELF_EM_386)
		return elf_fail(ef, "not an i386 ELF (e_machine %u)",
				elf_u16(h + 18));
	if (elf_u32(h + 20) != 1)
		return elf_fail(ef, "unknown ELF version %u", elf_u32(h + 20));
	if (elf_u16(h + 40) != ELF_EHDR_SIZE)
		return elf_fail(ef, "bad ELF header size %u", elf_u16(h + 40));
	return true;
}

static bool elf_phdr(struct elf_file *ef, const uint8_t *ph, unsigned idx,
		     struct elf_image *img)
{
	uint32_t type = elf_u32(ph);
	struct bhcfg_segment s;

	if (type == ELF_PT_DYNAMIC || type == ELF_PT_INTERP)
		return elf_fail(ef, "dynamically linked (program header %u)",
				idx);
	if (type != ELF_PT_LOAD)
		return true;
	s.offset = elf_u32(ph + 4);
	s.vaddr = elf_u32(ph + 8);
	s.filesz = elf_u32(ph + 16);
	s.memsz = elf_u32(ph + 20);
	s.flags = elf_u32(ph + 24);
	if ((uint64_t)s.offset + s.filesz > ef->size)
		return elf_fail(ef, "program header %u: data outside the file",
				idx);
	if (s.filesz > s.memsz)
		return elf_fail(ef, "program header %u: filesz > memsz", idx);
	if ((uint64_t)s.vaddr + s.memsz > 0x100000000ull)
		return elf_fail(ef, "program header %u: wraps past 4 GiB", idx);
	if (s.memsz == 0)
		return true;
	if (img->nseg == BHCFG_MAX_SEGMENTS)
		return elf_fail(ef, "more than %u loadable segments",
				BHCFG_MAX_SEGMENTS);
	img->seg[img->nseg++] = s;
	return true;
}

static bool elf_phdrs(struct elf_file *ef, const uint8_t *h,
		      struct elf_image *img)
{
	uint8_t tab[ELF_MAX_PHDRS * ELF_PHDR_SIZE];
	uint32_t phoff = elf_u32(h + 28);
	uint32_t phentsize = elf_u16(h + 42);
	uint32_t phnum = elf_u16(h + 44);
	unsigned i;

	if (phnum == 0)
		return elf_fail(ef, "no program headers");
	if (phentsize != ELF_PHDR_SIZE)
		return elf_fail(ef, "bad program header size %u", phentsize);
	if (phnum > ELF_MAX_PHDRS)
		return elf_fail(ef, "too many program headers (%u)", phnum);
	if ((uint64_t)phoff + (uint64_t)phnum * ELF_PHDR_SIZE > ef->size)
		return elf_fail(ef, "program headers outside the file");
	if (!elf_pread(ef, phoff, tab, phnum * ELF_PHDR_SIZE))
		return false;
	for (i = 0; i < phnum; i++) {
		if (!elf_phdr(ef, tab + i * ELF_PHDR_SIZE, i, img))
			return false;
	}
	if (img->nseg == 0)
		return elf_fail(ef, "no loadable segment");
	return true;
}

static bool elf_parse(struct elf_file *ef, struct elf_image *img)
{
	uint8_t h[ELF_EHDR_SIZE];

	if (ef->size < ELF_EHDR_SIZE)
		return elf_fail(ef, "truncated ELF header (%llu bytes)",
				(unsigned long long)ef->size);
	if (!elf_pread(ef, 0, h, sizeof(h)) || !elf_header(ef, h))
		return false;
	img->entry = elf_u32(h + 24);
	return elf_phdrs(ef, h, img);
}

bool elf_read(const char *path, struct elf_image *img, char *err,
	      size_t errlen)
{
	struct elf_file ef = { NULL, 0, err, errlen };
	struct stat sb;
	bool ok;

	memset(img, 0, sizeof(*img));
	if (stat(path, &sb) != 0)
		return elf_fail(&ef, "%s", strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return elf_fail(&ef, "not a regular file");
	if ((uint64_t)sb.st_size > 0x7FFFFFFFu) /* fits a long */
		return elf_fail(&ef, "file too large");
	ef.size = (uint64_t)sb.st_size;
	ef.f = fopen(path, "rb");
	if (!ef.f)
		return elf_fail(&ef, "%s", strerror(errno));
	ok = elf_parse(&ef, img);
	fclose(ef.f);
	return ok;
}
