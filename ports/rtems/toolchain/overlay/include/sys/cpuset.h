/* newlib's sys/cpuset.h, plus CPU_ANDNOT() (RTEMS 7's tests use it). */
#include_next <sys/cpuset.h>

#ifndef CPU_ANDNOT
#define CPU_ANDNOT(d, s1, s2) __BIT_ANDNOT2(CPU_SETSIZE, d, s1, s2)
#endif
