/* Freestanding string functions for the kernel and guest images (not host). */
#include <stdint.h>

#include "bh_string.h"

/*
 * In the guest library (built with BH_GUEST_LIBC) they are weak: a C
 * library linked beside it (an RTOS port's newlib) may define the same
 * names, and its definitions then win without a clash. There they also
 * meet the SDK's <string.h> (guest/libc), which must declare them alike.
 */
#ifdef BH_GUEST_LIBC
#include <string.h>
#define BH_LIBC_FN __attribute__((weak))
#else
#define BH_LIBC_FN
#endif

/* Words first, then the 0-3 byte tail: a 60-byte frame is 15 moves, not 60. */
BH_LIBC_FN void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n >> 2;

	__asm__ volatile("rep movsl\n\t"
			 "mov %3, %%ecx\n\t"
			 "rep movsb"
			 : "+D"(d), "+S"(src), "+c"(words)
			 : "r"(n & 3u)
			 : "memory");
	return dst;
}

BH_LIBC_FN void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	size_t words = n >> 2;
	uint32_t pattern = (uint8_t)c * 0x01010101u;

	__asm__ volatile("rep stosl\n\t"
			 "mov %3, %%ecx\n\t"
			 "rep stosb"
			 : "+D"(d), "+c"(words)
			 : "a"(pattern), "r"(n & 3u)
			 : "memory");
	return dst;
}

BH_LIBC_FN int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

BH_LIBC_FN size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

BH_LIBC_FN int strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
		if (!a[i])
			return 0;
	}
	return 0;
}

BH_LIBC_FN int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}
