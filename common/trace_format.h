/*
 * The kernel trace's record and dump format, shared by the kernel (which
 * writes it, kernel/core/trace*.c) and the host tool bhtrace (which reads
 * it, tools/bhtrace). Versioned on its own: a change to any layout below
 * bumps BH_TRACE_VERSION_MAJOR (breaking) or _MINOR (new event types or
 * fields appended where old readers ignore them).
 *
 * Everything is little-endian with the i386 kernel's layout; the offsets
 * are asserted at the bottom, and the host build compiles this header too,
 * so both sides agree. bhtrace decodes byte by byte, never by casting.
 *
 * A dump, written once at the end of a run (and on a panic) to the debug
 * console port 0xE9, is:
 *   struct bh_trace_header
 *   struct bh_trace_part  [npartitions]
 *   struct bh_trace_window[nwindows]      the configured schedule
 *   struct bh_trace_rec   [min(written, ring_records)]  the ring, raw
 *   struct bh_trace_trailer
 * The ring keeps the newest events (overwrite-oldest): when written >
 * ring_records, the oldest kept record sits at index written % ring_records
 * and written - ring_records events were lost. Timestamps are the CPU's
 * time-stamp counter; see tsc_hz and tsc_zero.
 */
#ifndef BH_TRACE_FORMAT_H
#define BH_TRACE_FORMAT_H

#include <stdint.h>

#define BH_TRACE_VERSION_MAJOR 1u
#define BH_TRACE_VERSION_MINOR 1u

#define BH_TRACE_MAGIC "BHTRACE"  /* 8 bytes with the NUL */
#define BH_TRACE_TRAILER "BHTREND" /* 8 bytes with the NUL */
#define BH_TRACE_NAME_LEN 16u

/* Partition number of a record that belongs to no partition (the kernel). */
#define BH_TRACE_KERNEL 0xFFu

/* The debug console port the dump goes to (QEMU: -debugcon file:F). */
#define BH_TRACE_PORT 0xE9u

/*
 * Event classes, chosen per system by the configuration's `trace`
 * statement: X(NAME, bit, "config word").
 */
#define BH_TRACE_CLASSES(X)          \
	X(SCHED, 0, "sched")         \
	X(TICK, 1, "tick")           \
	X(IRQ, 2, "irq")             \
	X(VIRQ, 3, "virq")           \
	X(HYPERCALL, 4, "hypercall") \
	X(HM, 5, "hm")               \
	X(PARTITION, 6, "partition") \
	X(PORT, 7, "port")

#define BH_TRACE_CLASS_ENUM(n, bit, word) BH_TRACE_C_##n = 1u << (bit),
enum bh_trace_class { BH_TRACE_CLASSES(BH_TRACE_CLASS_ENUM) };
#undef BH_TRACE_CLASS_ENUM
#define BH_TRACE_C_ALL 0xFFu

/*
 * Event types: X(NAME, value, CLASS, "name", "meaning of a", "meaning of b").
 * `part` is the partition concerned (BH_TRACE_KERNEL: none). Ticks are the
 * low 32 bits of the kernel tick count.
 */
#define BH_TRACE_EVENTS(X)                                                        \
	X(TICK, 1, TICK, "tick", "-", "kernel tick")                              \
	X(WINDOW_START, 2, SCHED, "window_start", "window index (+0x8000: owner stopped)", "kernel tick") \
	X(WINDOW_END, 3, SCHED, "window_end", "window index", "kernel tick")     \
	X(SWITCH, 4, SCHED, "switch", "-", "-") /* part: now on the CPU, or idle */ \
	X(IRQ, 5, IRQ, "irq", "line", "-") /* part: the line's owner */           \
	X(VIRQ_RAISE, 6, VIRQ, "virq_raise", "vector", "arrivals")                \
	X(VIRQ_PENDING, 7, VIRQ, "virq_pending", "vector", "count pending")       \
	X(VIRQ_DELIVER, 8, VIRQ, "virq_deliver", "vector (+0x8000: direct)", "count") \
	X(VIRQ_RETURN, 9, VIRQ, "virq_return", "vector", "virtual flag restored") \
	X(VIRQ_DISCARD, 10, VIRQ, "virq_discard", "vector", "count dropped")      \
	X(HC_ENTRY, 11, HYPERCALL, "hc_entry", "number", "argument 0")            \
	X(HC_EXIT, 12, HYPERCALL, "hc_exit", "number", "result")                  \
	X(HM_EVENT, 13, HM, "hm", "event + action << 8", "pc")                    \
	X(MODE, 14, PARTITION, "mode", "new mode", "start condition")             \
	X(RESTART, 15, PARTITION, "restart", "1: cold, 0: warm", "start condition") \
	X(PORT_MSG, 16, PORT, "port_msg", "port", "length") /* part: the writer */ \
	X(PORT_RECV, 17, PORT, "port_recv", "port", "length") /* part: the reader */

#define BH_TRACE_EVENT_ENUM(n, v, c, name, a, b) BH_TRACE_##n = (v),
enum bh_trace_event { BH_TRACE_EVENTS(BH_TRACE_EVENT_ENUM) BH_TRACE_EVENT_END };
#undef BH_TRACE_EVENT_ENUM

/* VIRQ_DELIVER: the arrival went straight to the handler, never pending. */
#define BH_TRACE_DIRECT 0x8000u
/* VIRQ_DELIVER: handed over in the same (batch) upcall as the delivery
 * before it (abi.h: struct bh_upcall_frame_batch), not an upcall of its own. */
#define BH_TRACE_BATCH 0x4000u
#define BH_TRACE_VEC_FLAGS (BH_TRACE_DIRECT | BH_TRACE_BATCH)
/* WINDOW_START: the owner is stopped (mode idle); nothing runs in it. */
#define BH_TRACE_WIN_IDLE 0x8000u

/* One event: 16 bytes, so the ring index is a shift. */
struct bh_trace_rec {
	uint64_t tsc;  /* time-stamp counter when recorded */
	uint8_t type;  /* enum bh_trace_event */
	uint8_t part;  /* partition id, or BH_TRACE_KERNEL */
	uint16_t a;    /* per type, see BH_TRACE_EVENTS */
	uint32_t b;
};

/* Why the dump was written (the kernel's exit code, arch.h BH_EXIT_*). */
struct bh_trace_header {
	char magic[8];		/* BH_TRACE_MAGIC */
	uint16_t version_major; /* BH_TRACE_VERSION_* */
	uint16_t version_minor;
	uint32_t header_size;	/* this struct */
	uint32_t part_size;	/* struct bh_trace_part */
	uint32_t window_size;	/* struct bh_trace_window */
	uint32_t rec_size;	/* struct bh_trace_rec */
	uint32_t ring_records;	/* ring capacity, a power of two */
	uint64_t written;	/* events recorded since boot */
	uint64_t tsc_hz;	/* measured TSC rate (calibrated at boot) */
	uint64_t tsc_zero;	/* TSC when kernel time was 0 (timer start) */
	uint64_t end_tsc;	/* TSC when the dump began */
	uint64_t end_tick;	/* kernel ticks at the dump */
	uint32_t tick_clocks;	/* timer period: tick_clocks / tick_hz seconds */
	uint32_t tick_hz;
	uint32_t tick_us;	/* the configured tick */
	uint32_t major_frame;	/* ticks */
	uint32_t classes;	/* BH_TRACE_C_* recorded */
	uint32_t npartitions;
	uint32_t nwindows;
	uint32_t exit_code;	/* why the run ended */
	char system[BH_TRACE_NAME_LEN];
};

/* A partition's name and its virtual interrupt state at the dump. */
struct bh_trace_part {
	char name[BH_TRACE_NAME_LEN];
	uint32_t mode;	     /* enum bh_partition_mode */
	uint32_t pending[2]; /* vectors still pending */
	uint32_t count[64];  /* their counts (0 where not pending) */
};

struct bh_trace_window {
	uint32_t partition;
	uint32_t start;	   /* ticks into the major frame */
	uint32_t duration; /* ticks */
};

struct bh_trace_trailer {
	char magic[8];	  /* BH_TRACE_TRAILER */
	uint64_t records; /* records in the dump, to detect truncation */
};

#define BH_TRACE_ASSERT(c, m) _Static_assert(c, "trace format: " m)
BH_TRACE_ASSERT(sizeof(struct bh_trace_rec) == 16, "record size");
BH_TRACE_ASSERT(__builtin_offsetof(struct bh_trace_rec, type) == 8, "record type");
BH_TRACE_ASSERT(__builtin_offsetof(struct bh_trace_rec, b) == 12, "record b");
BH_TRACE_ASSERT(__builtin_offsetof(struct bh_trace_header, written) == 32, "written");
BH_TRACE_ASSERT(__builtin_offsetof(struct bh_trace_header, end_tick) == 64, "end_tick");
BH_TRACE_ASSERT(__builtin_offsetof(struct bh_trace_header, exit_code) == 100, "exit_code");
BH_TRACE_ASSERT(sizeof(struct bh_trace_header) == 120, "header size");
BH_TRACE_ASSERT(sizeof(struct bh_trace_part) == 284, "partition size");
BH_TRACE_ASSERT(sizeof(struct bh_trace_window) == 12, "window size");
BH_TRACE_ASSERT(sizeof(struct bh_trace_trailer) == 16, "trailer size");

#endif /* BH_TRACE_FORMAT_H */
