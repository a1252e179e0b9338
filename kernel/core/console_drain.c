/*
 * The console's draining side (see bh/console.h): records become output
 * lines, written to the UART a slice at a time and only when its FIFO has
 * room. One line is written at a time, whole, so lines never interleave;
 * the state below keeps a line that spans several slices.
 *
 * A partition's line may start only when its end is already in the ring
 * (a newline before `complete`, a kernel record, or PART_LINE_MAX
 * characters): a partition that writes half a line cannot hold the UART.
 */
#include <bh/arch.h>
#include <bh/console.h>
#include <bh/holdoff.h>
#include <bh/lib.h>
#include <bh/partition.h>

#define REC_KERNEL 0x8000u

enum { LS_NONE, LS_TEXT, LS_BODY, LS_CR, LS_LF };

static struct {
	struct partition *cur; /* whose line is being written (state != LS_NONE) */
	uint8_t state;
	bool kernel;	     /* the line is a kernel record */
	bool notice;	     /* the line is a drop notice: text only */
	uint32_t col;	     /* characters of the partition's text written */
	uint32_t text_pos, text_len;
	char text[80];	     /* a prefix, a drop notice or a number being written */
	uint32_t next;	     /* round robin of the idle drain */
	/* A kernel record being formatted (kline_commit() wrote it): */
	const char *fmt;     /* the format piece being printed */
	const char *str;     /* a %s argument being printed */
	uint32_t kwords;     /* words of the record not read yet */
	bool msg;	     /* printing the record's message (%m) */
} dr;

static bool ready; /* the partitions' rings exist */

static uint8_t ring_byte(const struct con_ring *r, uint32_t pos)
{
	return r->buf[pos & (CON_RING_SIZE - 1u)];
}

static uint32_t peek_header(const struct con_ring *r)
{
	return ring_byte(r, r->tail) | (uint32_t)ring_byte(r, r->tail + 1u) << 8;
}

/* Does the ring hold the whole of its next line? */
static bool line_ready(const struct con_ring *r)
{
	uint32_t avail = r->head - r->tail;

	if (!avail)
		return false;
	return r->complete - r->tail - 1u < avail || avail >= 3u * PART_LINE_MAX ||
	       (!r->rec_left && (peek_header(r) & REC_KERNEL));
}

static bool has_work(const struct partition *p)
{
	return p->con.dropped || line_ready(&p->con);
}

/* dr.text is built by hand, not by bh_snprintf: a slice must stay short
 * (docs/benchmarks.md, "Interrupts off"). */
static void text_add(const char *s)
{
	size_t n = BH_MIN(strlen(s), sizeof(dr.text) - dr.text_len);

	memcpy(dr.text + dr.text_len, s, n);
	dr.text_len += (uint32_t)n;
}

/* v in decimal or hexadecimal: one 64-bit division per 9 decimal digits
 * above 2^32 (a time in ns: at most two), 32-bit steps for the rest. */
static void text_add_num(uint64_t v, bool hex)
{
	char digits[24];
	uint32_t n = 0;

	if (hex) {
		do
			digits[n++] = "0123456789abcdef"[v & 15u];
		while ((v >>= 4) != 0);
	} else {
		for (; v > UINT32_MAX; v /= 1000000000u) {
			uint32_t low = (uint32_t)(v % 1000000000u);
			for (uint32_t i = 0; i < 9u; i++, low /= 10u)
				digits[n++] = (char)('0' + low % 10u);
		}
		uint32_t w = (uint32_t)v;
		do
			digits[n++] = (char)('0' + w % 10u);
		while ((w /= 10u) != 0);
	}
	while (n && dr.text_len < sizeof(dr.text))
		dr.text[dr.text_len++] = digits[--n];
}

static void text_start(void)
{
	dr.text_len = 0;
	dr.text_pos = 0;
	dr.state = LS_TEXT;
}

/* Begin p's next line: a drop notice first, else its next record. */
static void start_line(struct partition *p)
{
	struct con_ring *r = &p->con;

	dr.cur = p;
	dr.col = 0;
	dr.notice = r->dropped != 0;
	if (dr.notice) {
		text_start();
		text_add("[bh] partition ");
		text_add(p->cfg->name);
		text_add(": ");
		text_add_num(r->dropped, false);
		text_add(" bytes of output dropped\r\n");
		r->dropped = 0;
		return;
	}
	if (!r->rec_left) {
		uint32_t hdr = peek_header(r);
		r->tail += 2u;
		r->rec_left = hdr & ~REC_KERNEL;
		r->rec_kernel = (hdr & REC_KERNEL) != 0;
	}
	dr.kernel = r->rec_kernel;
	if (dr.kernel) {
		dr.kwords = ring_byte(r, r->tail); /* kline_commit()'s layout */
		r->tail++;
		r->rec_left--;
		dr.fmt = dr.str = NULL;
		dr.msg = false;
		dr.text_len = dr.text_pos = 0;
		dr.state = LS_BODY;
		return;
	}
	text_start();
	text_add("[");
	text_add(p->cfg->name);
	text_add("] ");
}

/* The next payload byte of a user record, if one is there (-1: the end of
 * the data, or a kernel record next). */
static int peek_user(const struct con_ring *r)
{
	if (r->rec_left)
		return ring_byte(r, r->tail);
	if (r->tail == r->head || (peek_header(r) & REC_KERNEL))
		return -1;
	return ring_byte(r, r->tail + 2u); /* records are never empty */
}

static uint8_t take_user(struct con_ring *r)
{
	if (!r->rec_left) {
		r->rec_left = peek_header(r);
		r->tail += 2u;
	}
	r->rec_left--;
	return ring_byte(r, r->tail++);
}

/* The next byte of the user line being written from ring r, or -1 when
 * the line ends there: at its newline (taken), before a kernel record or
 * the end of the data, or after PART_LINE_MAX characters (a newline right
 * there is taken too: it ends this line, not the next). */
static int user_byte(struct con_ring *r)
{
	for (;;) {
		int c = peek_user(r);
		if (dr.col == PART_LINE_MAX) {
			if (c == '\n')
				take_user(r);
			return -1;
		}
		if (c < 0)
			return -1;
		take_user(r);
		if (c == '\n') {
			if (dr.col)
				return -1;
			dr.col = 1; /* an empty line still shows */
			r->tail--;  /* ... and ends at this newline, taken again */
			r->rec_left++;
			return ' ';
		}
		if (c == '\r')
			continue;
		dr.col++;
		/* Control characters could forge other partitions' lines. */
		if (c < 0x20 && c != '\t')
			return '.';
		return c >= 0x7F ? '?' : c;
	}
}

/* The next word of the kernel record at tail (0 if it has none left). */
static uintptr_t take_word(struct con_ring *r)
{
	uintptr_t w = 0;

	if (!dr.kwords)
		return 0;
	for (uint32_t i = 0; i < sizeof(w); i++)
		w |= (uintptr_t)ring_byte(r, r->tail + i) << (8u * i);
	r->tail += (uint32_t)sizeof(w);
	r->rec_left -= (uint32_t)sizeof(w);
	dr.kwords--;
	return w;
}

/* dr.fmt is just past a '%': take the conversion and what it prints. */
static void convert(struct con_ring *r)
{
	bool alt = *dr.fmt == '#';
	dr.fmt += alt;
	bool ll = dr.fmt[0] == 'l' && dr.fmt[1] == 'l';
	dr.fmt += 2 * ll;
	char c = *dr.fmt;

	if (!c)
		return;
	dr.fmt++;
	dr.text_len = dr.text_pos = 0;
	switch (c) {
	case 's':
		dr.str = (const char *)take_word(r);
		if (!dr.str)
			dr.str = "(null)";
		break;
	case 'u':
	case 'x': {
		uint64_t v = (uint32_t)take_word(r);
		if (ll)
			v |= (uint64_t)(uint32_t)take_word(r) << 32;
		if (alt && c == 'x')
			text_add("0x");
		text_add_num(v, c == 'x');
		break;
	}
	case 'm':
		dr.msg = true;
		break;
	default: /* %% */
		dr.text[dr.text_len++] = '%';
		if (c != '%')
			dr.text[dr.text_len++] = c;
	}
}

/* The next byte of the kernel line being formatted from ring r, or -1 at
 * its end. A few steps a byte at most: a number is formatted whole. */
static int kernel_byte(struct con_ring *r)
{
	for (;;) {
		if (dr.text_pos < dr.text_len)
			return (uint8_t)dr.text[dr.text_pos++];
		if (dr.str) {
			if (*dr.str)
				return (uint8_t)*dr.str++;
			dr.str = NULL;
		} else if (dr.msg) {
			if (r->rec_left) {
				uint8_t c = ring_byte(r, r->tail++);
				r->rec_left--;
				return c >= 0x20 && c < 0x7F && c != '"' ? c : '.';
			}
			dr.msg = false;
		} else if (dr.fmt && *dr.fmt) {
			char c = *dr.fmt++;
			if (c != '%')
				return (uint8_t)c;
			convert(r);
		} else if (dr.kwords) {
			dr.fmt = (const char *)take_word(r);
		} else {
			r->tail += r->rec_left; /* nothing is left: kline_commit() */
			r->rec_left = 0;
			return -1;
		}
	}
}

/* The next output byte of the line in progress; LS_NONE once it is done. */
static int next_byte(void)
{
	struct con_ring *r = &dr.cur->con;
	int c;

	switch (dr.state) {
	case LS_TEXT:
		c = (uint8_t)dr.text[dr.text_pos++];
		if (dr.text_pos == dr.text_len)
			dr.state = dr.notice ? LS_NONE : LS_BODY;
		return c;
	case LS_BODY:
		if (dr.kernel) {
			c = kernel_byte(r);
			if (c >= 0)
				return c;
		} else {
			c = user_byte(r);
			if (c >= 0)
				return c;
		}
		dr.state = LS_LF;
		return '\r';
	case LS_LF:
		dr.state = LS_NONE;
		return '\n';
	default:
		dr.state = LS_NONE;
		return -1;
	}
}

/* Pick the next line: only `only`'s, or any partition's in turn. */
static bool pick(struct partition *only)
{
	if (only) {
		if (!has_work(only))
			return false;
		start_line(only);
		return true;
	}
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		struct partition *p = &bh_partitions[(dr.next + i) % bh_cfg.npartitions];
		if (has_work(p)) {
			dr.next = (p->id + 1u) % bh_cfg.npartitions;
			start_line(p);
			return true;
		}
	}
	return false;
}

/* Up to `room` bytes of output: of the line in progress, then (if `more`)
 * of further lines, picked from `only` or from every partition in turn. */
static uint32_t fill(char *out, uint32_t room, struct partition *only, bool more)
{
	uint32_t n = 0;

	while (n < room) {
		if (dr.state == LS_NONE && (!more || !pick(only)))
			break;
		int c = next_byte();
		if (c >= 0)
			out[n++] = (char)c;
	}
	return n;
}

/* Write at most one FIFO's worth; true if it filled it (more may follow). */
static bool slice(struct partition *only, uint32_t room)
{
	char out[CON_SLICE];
	uint32_t n;

	room = BH_MIN(room, CON_SLICE);
	n = fill(out, room, only, true);
	if (n) {
		arch_console_put(out, n);
		console_publish_room(dr.cur);
	}
	return n == room && room;
}

bool console_tick_slice(struct partition *owner)
{
	if (dr.state != LS_NONE && dr.cur != owner)
		return false; /* another partition's line: not in owner's time */
	HOLDOFF_STEP(HO_CONSOLE);
	return slice(owner, arch_console_room());
}

static bool any_work(void)
{
	if (dr.state != LS_NONE)
		return true;
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++)
		if (has_work(&bh_partitions[i]))
			return true;
	return false;
}

/* The idle loop calls this again at once while it answers true: output
 * waits, so the UART is kept busy at its own rate, not a slice a tick. */
bool console_idle_slice(void)
{
	if (!ready)
		return false;
	slice(NULL, arch_console_room());
	return any_work();
}

void console_boot(void)
{
	memset(&dr, 0, sizeof(dr));
	ready = false;
}

void console_init(void)
{
	memset(&dr, 0, sizeof(dr));
	ready = true;
}

/* Before the kernel writes synchronously: end the line in progress, so
 * that the kernel's text does not land inside it. */
void console_finish_line(void)
{
	char out[CON_SLICE];
	uint32_t n;

	if (!ready)
		return;
	while ((n = fill(out, sizeof(out), NULL, false)) != 0)
		arch_console_put_sync(out, n);
}

/* The run ends (or the kernel panics): everything out, the UART waited
 * for (its emulated byte time is not: nothing else runs any more). */
void console_flush_all(void)
{
	char out[CON_SLICE];
	uint32_t n;

	if (!ready)
		return;
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++)
		console_end_line(&bh_partitions[i]);
	while ((n = fill(out, sizeof(out), NULL, true)) != 0) {
		arch_console_put_sync(out, n);
		console_publish_room(dr.cur);
	}
}
