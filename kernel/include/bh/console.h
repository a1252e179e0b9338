/*
 * The console: partition output and the kernel's lines about partitions,
 * buffered per partition and drained to the UART in bounded slices, so that
 * no output (a partition's own, or health-monitor lines it causes) can hold
 * interrupts off for long or cost another partition time.
 *
 * Each partition has a ring (CON_RING_SIZE bytes, static) of records: a
 * chunk of its own text as written (CONSOLE_WRITE), or a whole kernel line
 * charged to it ("[hm] ...", "[bh] ..."). A write that does not fit is
 * dropped and its bytes are counted; the drain reports them in a line of
 * their own ("[bh] partition P: N bytes of output dropped") and the
 * end-of-run summary gives the total. Nothing is lost silently.
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
#define CON_KLINE_MAX 400u   /* longest kernel line (an HM line with a 256-byte message) */

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
/* A whole kernel line charged to p; fmt ends without a newline. */
void console_kline(struct partition *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same, formatted already: n bytes ending with the newline. */
void console_kline_text(struct partition *p, const char *line, uint32_t n);
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
