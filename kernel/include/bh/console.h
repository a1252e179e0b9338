/*
 * The console: partition output and the kernel's lines about partitions,
 * buffered per partition and drained to the UART in bounded slices, so that
 * no output (a partition's own, or health-monitor lines it causes) can hold
 * interrupts off for long or cost another partition time.
 *
 * Each partition has a ring (CON_RING_SIZE bytes, static) of records: a
 * chunk of its own text as written (CONSOLE_WRITE), or a whole kernel line
 * charged to it ("[hm] ...", "[bh] ..."). A kernel line is recorded
 * unformatted: its format strings and their arguments as words, and a
 * guest message as bytes (struct kline); the drain formats it a byte at a
 * time, so that an event costs a copy, not a formatting with interrupts
 * off. A record that does not fit is dropped and its bytes are counted
 * (for a kernel line, the bytes of its record); the drain reports them in
 * a line of their own ("[bh] partition P: N bytes of output dropped") and
 * the end-of-run summary gives the total. Nothing is lost silently.
 *
 * The drain turns records into lines "[name] text" (control characters
 * replaced, at most PART_LINE_MAX characters a line) and writes whole lines
 * one at a time, so lines never interleave. It runs:
 *   - on each kernel tick inside a window (never the tick that starts or
 *     ends one), for the window owner's ring only: at most one UART FIFO
 *     (CON_SLICE bytes), paid for by that partition;
 *   - in the idle loop, with interrupts enabled between slices, for any
 *     partition, round robin;
 *   - synchronously only at the end of a run (summary, halt) and on panic.
 * It writes only when the UART's FIFO is empty, never waiting for it.
 */
#ifndef BH_CONSOLE_H
#define BH_CONSOLE_H

#include <bh/types.h>

struct partition;

#define CON_RING_SIZE 4096u /* per partition; a power of two */
#define CON_SLICE 16u	     /* bytes a drain slice may write: one 16550 FIFO */
#define KLINE_WORDS 16u	     /* format strings and arguments of one kernel line */

struct con_ring {
	uint8_t buf[CON_RING_SIZE];
	uint32_t head, tail; /* stream positions; head - tail <= CON_RING_SIZE */
	uint32_t complete;   /* the text before this position ends in whole lines */
	uint32_t rec_left;   /* payload bytes left in the record at tail */
	uint8_t rec_kernel;  /* that record is a kernel line */
	uint32_t dropped;    /* bytes dropped and not yet reported */
	uint32_t dropped_total;
};

/* At boot, once the partitions exist (their rings are zero). */
/* At boot, before any line: nothing drains until console_init(). */
void console_boot(void);
void console_init(void);

/* Rewrite p's vCPU console_room (after its ring changed). */
void console_publish_room(struct partition *p);

/* A partition's text (CONSOLE_WRITE): buffered, or dropped and counted. */
void console_write(struct partition *p, const char *s, uint32_t len);
/*
 * A whole kernel line charged to p; fmt ends without a newline. Formats
 * and their arguments are kept until the drain writes the line, so every
 * format and every %s argument must be static (string literals, names in
 * the configuration). Conversions: %s, %u, %x, %#x (always "0x"), %llu,
 * %llx, %%.
 */
void console_kline(struct partition *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A kernel line built in pieces (the health monitor's): kline_add() as
 * console_kline() (same rules), kline_msg() last: ` msg="TEXT"` with TEXT
 * (copied into the record) printed as printable ASCII, '"' and others as
 * '.'. A line with more than KLINE_WORDS words is cut after its last whole
 * piece. */
struct kline {
	uintptr_t w[KLINE_WORDS];
	uint32_t nw;
	const char *msg;
	uint32_t msg_len;
};
void kline_begin(struct kline *k);
void kline_add(struct kline *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kline_msg(struct kline *k, const char *text, uint32_t len);
void kline_commit(struct partition *p, const struct kline *k);
/* p (re)starts or stops: a line it left unfinished ends here. */
void console_end_line(struct partition *p);

/* Drain slices. The tick's returns true if it filled the UART's room; the
 * idle loop's true while output waits (the UART may be busy). */
bool console_tick_slice(struct partition *owner);
bool console_idle_slice(void);
/* End of the run or panic: write everything out, waiting for the UART. */
void console_flush_all(void);
/* Before a synchronous kernel write: finish the line being written. */
void console_finish_line(void);

#endif /* BH_CONSOLE_H */
