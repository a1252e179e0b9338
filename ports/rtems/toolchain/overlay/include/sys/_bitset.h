/* Bitset type with unsigned words (RTEMS's processor masks need them). */
#ifndef _SYS__BITSET_H_
#define _SYS__BITSET_H_

#define _BITSET_BITS (sizeof(long) * 8)
#define __howmany(x, y) (((x) + ((y) - 1)) / (y))
#define __bitset_words(_s) (__howmany(_s, _BITSET_BITS))

#define BITSET_DEFINE(t, _s) \
	struct t { \
		unsigned long __bits[__bitset_words((_s))]; \
	}
#define BITSET_DEFINE_VAR(t) BITSET_DEFINE(t, 1)

BITSET_DEFINE(bitset, 1);

#endif /* _SYS__BITSET_H_ */
