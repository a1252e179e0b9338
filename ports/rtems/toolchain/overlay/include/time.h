/* newlib's time.h, plus C11 timespec_get(). */
#include_next <time.h>

#ifndef TIME_UTC
#define TIME_UTC 1
int timespec_get(struct timespec *ts, int base);
#endif
