/* newlib's bitset operations, plus the ones RTEMS 7 uses that it lacks. */
#include_next <sys/bitset.h>

#ifndef __BIT_ANDNOT2
#define __BIT_ANDNOT2(_s, d, s1, s2) \
	do { \
		unsigned long __i; \
		for (__i = 0; __i < __bitset_words((_s)); __i++) \
			(d)->__bits[__i] = (s1)->__bits[__i] & ~(s2)->__bits[__i]; \
	} while (0)
#endif
