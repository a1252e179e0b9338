/*
 * The messages the demo partitions exchange over their ports
 * (demo/system.cfg): one definition for every partition that sends or
 * receives them. Sizes match the configured maximum message sizes.
 */
#ifndef DEMO_MSGS_H
#define DEMO_MSGS_H

#include <stdint.h>

/* nav -> control, sampling port `estimate` (16 bytes). */
struct demo_estimate {
	uint32_t seq;	  /* readings filtered so far */
	uint32_t reading; /* the last reading */
	uint32_t value;	  /* filtered value, x1000 */
	uint32_t gain;	  /* filter gain in use, /16 */
};

/* control -> nav, queuing port `commands` (8 bytes). */
struct demo_command {
	uint32_t seq;
	uint32_t gain; /* new filter gain, /16 */
};

/* nav and control -> monitor, queuing ports `status` (32 bytes). */
struct demo_status {
	uint32_t t_ms;
	uint32_t counters[7]; /* what each partition reports, see its code */
};

#endif /* DEMO_MSGS_H */
