/* newlib's sys/resource.h, plus getrusage() for the calling thread. */
#include_next <sys/resource.h>

#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1
#endif
