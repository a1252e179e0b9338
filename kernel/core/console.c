/*
 * The console's writing side (see bh/console.h): partition text and kernel
 * lines become records in the partition's ring. A write costs a copy and a
 * backwards look for its last newline; nothing here touches the UART.
 *
 * Record: a 2-byte header (payload length, bit 15 set for a kernel line),
 * then the payload; records wrap around the end of the ring.
 */
#include <bh/console.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <fmt.h>

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

/* Append one record, or count its bytes as dropped. */
static bool ring_record(struct con_ring *r, const char *s, uint32_t n, bool kernel)
{
	uint16_t hdr = (uint16_t)(n | (kernel ? REC_KERNEL : 0u));

	if (n + sizeof(hdr) > ring_free(r)) {
		r->dropped += n;
		r->dropped_total += n;
		return false;
	}
	ring_put(r, &hdr, sizeof(hdr));
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

void console_kline(struct partition *p, const char *fmt, ...)
{
	char line[CON_KLINE_MAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = bh_vsnprintf(line, sizeof(line) - 1u, fmt, ap);
	va_end(ap);
	n = BH_MIN(n, sizeof(line) - 2u);
	line[n++] = '\n';
	console_kline_text(p, line, (uint32_t)n);
}

void console_kline_text(struct partition *p, const char *line, uint32_t n)
{
	if (ring_record(&p->con, line, n, true)) {
		p->con.complete = p->con.head;
		console_publish_room(p);
	}
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
