/*
 * bhcfg: the Bulkhead configuration compiler, as a library.
 *
 * bhcfg_load() turns a system.cfg (docs/config.md) into a fully validated
 * model: every default filled in, every physical address placed, every
 * partition's ELF image read and checked against its regions, every time
 * converted to kernel ticks. The emitters only print that model; they never
 * fail on a model bhcfg_load() accepted.
 *
 * Errors go to a struct bhcfg_diag rather than to stderr, so that the unit
 * tests can look at the line and the text of each one.
 */
#ifndef BHCFG_H
#define BHCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bh/config.h"

#define BHCFG_NAME_MAX 15u	/* characters, without the NUL */
#define BHCFG_PATH_MAX 1024u
#define BHCFG_TEXT_MAX 128u	/* source text kept for review comments */
#define BHCFG_MAX_SHARED 16u
#define BHCFG_MAX_WINDOWS 64u
#define BHCFG_MAX_SEGMENTS 16u	/* loadable segments per image */
#define BHCFG_MAX_PART_PORTS 16u /* ports per partition */
#define BHCFG_MAX_DEPTH 256u	/* messages in a queuing port */

/* ---------------------------------------------------------- diagnostics */

#define BHCFG_DIAG_MAX 32u
#define BHCFG_MSG_MAX 512u

struct bhcfg_diag_item {
	unsigned line; /* 0: not tied to a line */
	char msg[BHCFG_MSG_MAX];
};

struct bhcfg_diag {
	char file[BHCFG_PATH_MAX];
	unsigned count; /* errors reported; only the first BHCFG_DIAG_MAX kept */
	struct bhcfg_diag_item items[BHCFG_DIAG_MAX];
};

void bhcfg_diag_init(struct bhcfg_diag *d, const char *file);
void bhcfg_diag_error(struct bhcfg_diag *d, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints "FILE:LINE: error: MSG" for each kept error. */
void bhcfg_diag_print(const struct bhcfg_diag *d, FILE *out);

/* ---------------------------------------------------------------- model */

typedef char bhcfg_name_t[BHCFG_NAME_MAX + 1u];

struct bhcfg_shared {
	bhcfg_name_t name;
	uint32_t size;
	uint32_t paddr;
	bool paddr_given; /* `at` was written */
	unsigned line;
};

enum bhcfg_region_kind { BHCFG_REGION_MEMORY, BHCFG_REGION_MAP };

struct bhcfg_region {
	enum bhcfg_region_kind kind;
	uint32_t vaddr;
	uint32_t size;	    /* map: the shared object's, once resolved */
	uint32_t paddr;	    /* once placed */
	bool paddr_given;   /* memory: `at` was written */
	unsigned perms;	    /* BH_PERM_* */
	bhcfg_name_t shared_name; /* map only */
	unsigned shared;    /* map: 1 + shared index once resolved; memory: 0 */
	unsigned line;
};

struct bhcfg_ioport {
	uint32_t base;
	uint32_t count;
	unsigned line;
};

struct bhcfg_segment {
	uint32_t vaddr;
	uint32_t offset; /* in the ELF file */
	uint32_t filesz;
	uint32_t memsz;
	uint32_t flags;	 /* ELF PF_X 1, PF_W 2, PF_R 4 */
};

/* A port of a partition (docs/config.md "Ports and channels"). */
struct bhcfg_port {
	bhcfg_name_t name;
	unsigned kind;	     /* BH_PORT_SAMPLING or BH_PORT_QUEUING */
	unsigned direction;  /* BH_PORT_SOURCE or BH_PORT_DESTINATION */
	uint32_t max_size;   /* bytes */
	uint32_t depth;	     /* queuing: messages; sampling: 1 */
	uint64_t refresh_us; /* sampling destination; 0 otherwise */
	uint32_t refresh;    /* ticks, once checked */
	unsigned vector;     /* BH_PORT_NO_VECTOR or 8..23 */
	unsigned line;
	unsigned id;	     /* system-wide index, once numbered */
	unsigned channel;    /* index, once connected */
	bool connected;
};

/* One end of a channel as written: `<partition>.<port>`. */
struct bhcfg_channel_end {
	bhcfg_name_t partition;
	bhcfg_name_t port;
	unsigned line;
	unsigned id; /* system-wide port index, once resolved */
	bool resolved;
};

struct bhcfg_channel {
	bhcfg_name_t name;
	unsigned line;
	struct bhcfg_channel_end source;
	bool has_source;
	struct bhcfg_channel_end dests[BH_CFG_MAX_DESTS];
	unsigned ndests;
};

struct bhcfg_partition {
	bhcfg_name_t name;
	unsigned line;
	char text[BHCFG_TEXT_MAX]; /* the `partition` line, for comments */

	char image[BHCFG_PATH_MAX];	/* as written */
	char image_abs[BHCFG_PATH_MAX]; /* resolved, once read */
	unsigned image_line;

	struct bhcfg_region regions[BH_CFG_MAX_REGIONS];
	unsigned nregions;
	struct bhcfg_ioport ioports[BH_CFG_MAX_IOPORTS];
	unsigned nioports;
	uint32_t irq_lines;		       /* bit n: owns line n */
	unsigned irq_line[BH_NR_IRQ_LINES];    /* source line of each `irq` */

	uint32_t tick_hz;	/* 0: no virtual tick */
	unsigned tick_line;
	uint32_t tick_period;	/* kernel ticks per virtual tick, once checked */
	bool privileged;
	unsigned privileged_line;

	uint8_t hm_action[BH_HM_EVENT_COUNT]; /* enum bh_hm_action */
	unsigned hm_line[BH_HM_EVENT_COUNT];  /* 0: default */
	uint32_t bad_hypercall_limit;	      /* 0: none */

	struct bhcfg_port ports[BHCFG_MAX_PART_PORTS];
	unsigned nports;

	uint32_t entry; /* from the image */
	struct bhcfg_segment segments[BHCFG_MAX_SEGMENTS];
	unsigned nsegments;
	bool has_window;
};

struct bhcfg_window {
	bhcfg_name_t partition_name;
	unsigned partition; /* index, once resolved */
	uint64_t start_us;
	uint64_t duration_us;
	uint32_t start;	    /* ticks, once checked */
	uint32_t duration;  /* ticks, once checked */
	unsigned line;
	char text[BHCFG_TEXT_MAX];
};

/* The kernel trace (`trace` statement); line 0: not given, off. */
struct bhcfg_trace {
	bool on;
	uint32_t size;	  /* ring bytes, a power of two */
	uint32_t classes; /* BH_TRACE_C_* */
	unsigned line;
};

struct bhcfg_system {
	char file[BHCFG_PATH_MAX]; /* the config's name, for messages/comments */
	bhcfg_name_t name;
	unsigned line;

	uint64_t tick_us;
	unsigned tick_line;
	uint64_t major_frame_us;
	unsigned major_frame_line;
	uint32_t major_frame; /* ticks, once checked */

	struct bhcfg_shared shared[BHCFG_MAX_SHARED];
	unsigned nshared;
	struct bhcfg_partition partitions[BH_CFG_MAX_PARTITIONS];
	unsigned npartitions;
	struct bhcfg_window windows[BHCFG_MAX_WINDOWS]; /* in file order */
	unsigned nwindows;
	unsigned schedule_line;
	struct bhcfg_channel channels[BH_CFG_MAX_CHANNELS];
	unsigned nchannels;
	unsigned nports; /* in all partitions, once numbered */
	struct bhcfg_trace trace;
};

/* ------------------------------------------------------------------ API */

/*
 * Parse, validate and read the images of the config file at `path`.
 * Relative image paths start at image_dir (a ':'-separated list of
 * directories, searched in order), or at the config file's directory when
 * image_dir is NULL. Returns 0, or -1 with d->count > 0.
 * `sys` is large: allocate it statically or on the heap.
 */
int bhcfg_load(const char *path, const char *image_dir,
	       struct bhcfg_system *sys, struct bhcfg_diag *d);

/*
 * The same without reading the images: the config alone, parsed and
 * validated (segments and entry points stay empty). For `check
 * --no-images`, `schedule` and `info`.
 */
int bhcfg_load_config(const char *path, struct bhcfg_system *sys,
		      struct bhcfg_diag *d);

/*
 * The same for config text in memory. `file` names it in messages and
 * comments; `basedir` is where relative image paths start.
 */
int bhcfg_load_string(const char *file, const char *text, size_t len,
		      const char *basedir, struct bhcfg_system *sys,
		      struct bhcfg_diag *d);

/* Emitters: only for a model bhcfg_load accepted. Return 0 or -1 (I/O). */
int bhcfg_emit_tables(const struct bhcfg_system *sys, FILE *out);
int bhcfg_emit_image(const struct bhcfg_system *sys, FILE *out);
int bhcfg_emit_dump(const struct bhcfg_system *sys, FILE *out);
/* `bhcfg info`: "key value..." lines (info.c); the same lines as a
 * top-level asm statement putting them in section .bulkhead.info. */
int bhcfg_emit_info(const struct bhcfg_system *sys, FILE *out);
void bhcfg_emit_info_section(const struct bhcfg_system *sys, FILE *out);
/* `bhcfg schedule`: the major frame as a text chart with each partition's
 * share (schedule_text.c), and as an SVG picture (schedule_svg.c). */
int bhcfg_emit_schedule(const struct bhcfg_system *sys, FILE *out);
int bhcfg_emit_schedule_svg(const struct bhcfg_system *sys, FILE *out);

/* Names used in the config file, NULL when out of range. */
const char *bhcfg_hm_event_name(unsigned event);
const char *bhcfg_hm_action_name(unsigned action);
const char *bhcfg_perms_name(unsigned perms);
const char *bhcfg_trace_class_name(unsigned bit);

#endif /* BHCFG_H */
