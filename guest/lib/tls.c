/*
 * Thread-local storage blocks (i386 variant II, as the toolchain lays out
 * __thread variables for a static image): the block is the template's
 * initialised part (.tdata), then zeros (.tbss), and the thread pointer
 * sits right after it, rounded up to the template's alignment; the word at
 * the thread pointer holds its own address (%gs:0 is how code finds the
 * block). The template's bounds come from the linker script
 * (partition.ld: __tls_start, __tdata_end, __tbss_end, __tls_align).
 */
#include <bulkhead/bh.h>
#include <string.h>

extern const char __tls_start[], __tdata_end[], __tbss_end[], __tls_align[];

static uint32_t tls_align(void)
{
	return BH_PTR(__tls_align); /* a linker-defined absolute value */
}

/* The template's size, rounded up to its alignment. */
static uint32_t tls_span(void)
{
	uint32_t a = tls_align();

	return ((uint32_t)(__tbss_end - __tls_start) + a - 1) & ~(a - 1);
}

/* 0 when the image has no __thread variable: nothing to set up. */
uint32_t bh_tls_area_size(void)
{
	if (BH_PTR(__tbss_end) == BH_PTR(__tls_start))
		return 0;
	return tls_span() + tls_align() - 1 + sizeof(uint32_t);
}

void *bh_tls_init(void *area, uint32_t size)
{
	uint32_t a = tls_align();
	uintptr_t block = ((uintptr_t)area + a - 1) & ~(uintptr_t)(a - 1);
	uint32_t *tp = (uint32_t *)(block + tls_span());
	uint32_t data = (uint32_t)(__tdata_end - __tls_start);

	if (size < bh_tls_area_size() || !bh_tls_area_size())
		return NULL;
	memcpy((void *)block, __tls_start, data);
	memset((char *)block + data, 0, tls_span() - data);
	*tp = BH_PTR(tp);
	return tp;
}
