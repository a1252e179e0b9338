/*
 * The console's writing side (see bh/console.h): partition text and kernel
 * lines become records in the partition's ring. A write costs a copy and a
 * backwards look for its last newline; nothing here touches the UART.
 *
 * Record: a 2-byte header (payload length, bit 15 set for a kernel line),
 * then the payload; records wrap around the end of the ring. A kernel
 * line's payload is unformatted (kline_commit()).
 */
#include <bh/console.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <stdarg.h>

#define REC_KERNEL 0x8000u

static uint32_t ring_free(const struct con_ring *r)
{
	return CON_RING_SIZE - (r->head - r->tail);
}

/* The partition sees how much it may write (bh_vcpu_state.console_room). */
void console_publish_room(struct partition *p)
{
	p->vstate->console_room = ring_free(&p->con);
}

static void ring_put(struct con_ring *r, const void *src, uint32_t n)
{
	uint32_t at = r->head & (CON_RING_SIZE - 1u);
	uint32_t first = BH_MIN(n, CON_RING_SIZE - at);

	memcpy(&r->buf[at], src, first);
	memcpy(&r->buf[0], (const uint8_t *)src + first, n - first);
	r->head += n;
}

/* Start a record of n payload bytes, or count them as dropped. */
static bool ring_open(struct con_ring *r, uint32_t n, bool kernel)
{
	uint16_t hdr = (uint16_t)(n | (kernel ? REC_KERNEL : 0u));

	if (n + sizeof(hdr) > ring_free(r)) {
		r->dropped += n;
		r->dropped_total += n;
		return false;
	}
	ring_put(r, &hdr, sizeof(hdr));
	return true;
}

/* Append one record, or count its bytes as dropped. */
static bool ring_record(struct con_ring *r, const char *s, uint32_t n, bool kernel)
{
	if (!ring_open(r, n, kernel))
		return false;
	ring_put(r, s, n);
	return true;
}

void console_write(struct partition *p, const char *s, uint32_t len)
{
	struct con_ring *r = &p->con;
	uint32_t start = r->head + 2u;

	if (!len || !ring_record(r, s, len, false))
		return;
	console_publish_room(p);
	/* Lines end in this write up to its last newline (usually its last
	 * byte): the drain may start them. */
	for (uint32_t i = len; i-- > 0;) {
		if (s[i] == '\n') {
			r->complete = start + i + 1u;
			break;
		}
	}
}

void kline_begin(struct kline *k)
{
	k->nw = 0;
	k->msg = NULL;
	k->msg_len = 0;
}

/*
 * One piece: fmt, then its arguments as words (a 64-bit one as two, low
 * first). Only what the drain formats is taken (bh/console.h). If the
 * piece does not fit, the line ends before it.
 */
static void kline_vadd(struct kline *k, const char *fmt, va_list ap)
{
	uint32_t nw = k->nw;

	if (k->msg || nw == KLINE_WORDS)
		return;
	k->w[nw++] = (uintptr_t)fmt;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		f += f[1] == '#';
		bool ll = f[1] == 'l' && f[2] == 'l';
		f += 1 + 2 * ll;
		if (!*f)
			break;
		if (*f != 's' && *f != 'u' && *f != 'x')
			continue; /* %% (the drain prints others as they are) */
		if (nw + 1u + ll > KLINE_WORDS)
			return;
		if (*f == 's') {
			k->w[nw++] = (uintptr_t)va_arg(ap, const char *);
		} else if (ll) {
			unsigned long long v = va_arg(ap, unsigned long long);
			k->w[nw++] = (uint32_t)v;
			k->w[nw++] = (uint32_t)(v >> 32);
		} else {
			k->w[nw++] = va_arg(ap, unsigned int);
		}
	}
	k->nw = nw;
}

void kline_add(struct kline *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kline_vadd(k, fmt, ap);
	va_end(ap);
}

/* The drain prints the record's bytes after its words at "%m". */
static const char kline_msg_fmt[] = " msg=\"%m\"";

void kline_msg(struct kline *k, const char *text, uint32_t len)
{
	if (k->msg || k->nw == KLINE_WORDS)
		return;
	k->w[k->nw++] = (uintptr_t)kline_msg_fmt;
	k->msg = text;
	k->msg_len = len;
}

/* Record: a byte with the number of words, the words, the message. */
void kline_commit(struct partition *p, const struct kline *k)
{
	struct con_ring *r = &p->con;
	uint8_t nw = (uint8_t)k->nw;

	if (!ring_open(r, 1u + k->nw * (uint32_t)sizeof(uintptr_t) + k->msg_len, true))
		return;
	ring_put(r, &nw, 1);
	ring_put(r, k->w, k->nw * (uint32_t)sizeof(uintptr_t));
	if (k->msg_len)
		ring_put(r, k->msg, k->msg_len);
	r->complete = r->head;
	console_publish_room(p);
}

void console_kline(struct partition *p, const char *fmt, ...)
{
	struct kline k;
	va_list ap;

	kline_begin(&k);
	va_start(ap, fmt);
	kline_vadd(&k, fmt, ap);
	va_end(ap);
	kline_commit(p, &k);
}

/* A newline ends what p left unfinished (dropped like any write if there
 * is no room: the line then ends where the data does). */
void console_end_line(struct partition *p)
{
	struct con_ring *r = &p->con;

	if (r->complete != r->head)
		ring_record(r, "\n", 1, false);
	r->complete = r->head;
	console_publish_room(p);
}
