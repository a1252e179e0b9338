/* newlib's sys/stat.h, plus the futimens()/utimensat() special values. */
#include_next <sys/stat.h>

#ifndef UTIME_NOW
#define UTIME_NOW (-2L)
#define UTIME_OMIT (-1L)
#endif
