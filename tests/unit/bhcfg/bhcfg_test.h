/*
 * Shared helpers of the bhcfg unit tests (tests/unit/test_bhcfg*.c).
 *
 * Every test runs in one temporary directory, bt_dir, that holds a good
 * synthetic ELF image "good.elf"; configs are fed as text with the pretend
 * name "system.cfg" and bt_dir as the base of image paths.
 */
#ifndef BHCFG_TEST_H
#define BHCFG_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bhcfg.h"

#define BT_PF_X 1u
#define BT_PF_W 2u
#define BT_PF_R 4u
#define BT_MAX_SEGS 8u

/* A synthetic ELF: fields default to a good i386 executable. */
struct bt_seg {
	uint32_t type;
	uint32_t vaddr;
	uint32_t filesz;
	uint32_t memsz;
	uint32_t flags;
	uint32_t offset; /* set by bt_write_elf unless bt_elf.fixed_offsets */
};

struct bt_elf {
	uint8_t cls;
	uint8_t data;
	uint16_t type;
	uint16_t machine;
	uint16_t ehsize;
	uint16_t phentsize;
	uint32_t phoff;
	uint32_t entry;
	unsigned nseg;
	struct bt_seg seg[BT_MAX_SEGS];
	bool fixed_offsets;
	long truncate; /* > 0: keep only this many bytes */
};

extern char bt_dir[];
extern struct bhcfg_system *bt_sys;
extern struct bhcfg_diag bt_diag;

/* bt_dir/name into out. */
void bt_path(char *out, size_t size, const char *name);
void bt_write_file(const char *name, const char *text);
/* Reads a whole file; the caller frees. */
char *bt_read_file(const char *path, size_t *len);

/* The ELF of good.elf: rx text at 0x40000000 (entry), rw data at
 * 0x40001000 with bss, an empty PT_LOAD and a PT_NOTE. */
void bt_elf_good(struct bt_elf *e);
void bt_write_elf(const char *name, struct bt_elf *e);
/* The content byte i of segment s in every ELF the tests write. */
uint8_t bt_elf_byte(unsigned s, uint32_t i);

/* Lines 1-3 of most test configs. */
#define HDR "system s\ntick 1ms\nmajor_frame 20ms\n"
/* Partition a, 4 lines. */
#define PART_A "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\nend\n"
/* A schedule for partition a alone, 3 lines. */
#define SCHED_A "schedule\nwindow a 0ms 10ms\nend\n"

/* A config with every kind of statement (test_bhcfg_emit.c). */
extern const char bt_full[];

/* Loads config text as "system.cfg" from bt_dir into bt_sys. */
int bt_load(const char *text);
/* The same, failing the test (with the errors shown) if it is rejected. */
void bt_load_ok(const char *text);
/* Asserts that text is rejected, first error at line with phrase in it. */
void bt_reject(const char *text, unsigned line, const char *phrase);
/* HDR, partition a (lines 4-6), `line` as line 7, end, SCHED_A: asserts
 * that the first error is at line 7 and contains phrase. */
void bt_reject_in_a(const char *line, const char *phrase);
/* Emitter output as a malloc'd string. */
char *bt_emit(int (*emit)(const struct bhcfg_system *, FILE *),
	      const struct bhcfg_system *sys);
/* Runs a shell command, returns its exit status (-1 if it did not exit). */
int bt_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int bt_group_reject(void);
int bt_group_layout(void);
int bt_group_cli(void);
int bt_group_elf(void);
int bt_group_emit(void);
int bt_group_model(void);
int bt_group_port(void);
int bt_group_schedule(void);
int bt_group_trace(void);

#endif /* BHCFG_TEST_H */
