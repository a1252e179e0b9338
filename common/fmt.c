/*
 * printf-style formatting shared by the kernel and the guest library:
 * %s %c %d %u %x %p, the length modifiers l and ll, '#' for a 0x prefix and
 * a zero- or space-padded width. Output is always NUL-terminated; the return
 * value is the length the full output would have had.
 */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size, len;
};

static void out_c(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_num(struct out *o, uint64_t v, unsigned base, unsigned width, char pad,
		    bool neg)
{
	char tmp[24];
	unsigned n = 0;

	do {
		unsigned d;
		/* 32-bit division once the value fits: on i386 a 64-bit one is
		 * a libgcc call per digit (the kernel formats with interrupts
		 * off: docs/benchmarks.md, "Interrupts off"). */
		if (v >> 32) {
			d = (unsigned)(v % base);
			v /= base;
		} else {
			uint32_t w = (uint32_t)v;
			d = w % base;
			v = w / base;
		}
		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
	} while (v);
	/* Zeros go between the sign and the digits, spaces before the sign. */
	bool zeros = neg && pad == '0';
	if (neg && !zeros)
		tmp[n++] = '-';
	while (n + zeros < width && n < sizeof(tmp) - 1)
		tmp[n++] = pad;
	if (zeros)
		tmp[n++] = '-';
	while (n)
		out_c(o, tmp[--n]);
}

static uint64_t arg_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void out_conv(struct out *o, char c, int longs, unsigned width, char pad, bool alt,
		     va_list *ap)
{
	switch (c) {
	case 's': {
		const char *s = va_arg(*ap, const char *);
		for (s = s ? s : "(null)"; *s; s++)
			out_c(o, *s);
		break;
	}
	case 'c':
		out_c(o, (char)va_arg(*ap, int));
		break;
	case 'd': {
		int64_t v = arg_signed(ap, longs);
		/* 0 - (uint64_t)v: -v would overflow for INT64_MIN */
		out_num(o, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 10, width, pad, v < 0);
		break;
	}
	case 'u':
		out_num(o, arg_unsigned(ap, longs), 10, width, pad, false);
		break;
	case 'p':
		longs = sizeof(void *) == 8 ? 2 : 0;
		alt = true;
		/* fall through */
	case 'x':
		if (alt) {
			out_c(o, '0');
			out_c(o, 'x');
		}
		out_num(o, arg_unsigned(ap, longs), 16, width, pad, false);
		break;
	default:
		out_c(o, '%');
		out_c(o, c);
	}
}

size_t bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		fmt++;
		bool alt = *fmt == '#';
		fmt += alt;
		char pad = *fmt == '0' ? '0' : ' ';
		unsigned width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		int longs = 0;
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		if (!*fmt)
			break;
		if (*fmt == '%')
			out_c(&o, '%');
		else
			out_conv(&o, *fmt, longs, width, pad, alt, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

size_t bh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	size_t n = bh_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

