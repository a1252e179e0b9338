/* port_api test partition: shared declarations of its phases. */
#ifndef PORT_API_H
#define PORT_API_H

#include <bhtest.h>
#include <bulkhead/apex.h>

#define RO_BASE 0x40100000u  /* read-only region */
#define RW_BASE 0x40200000u  /* 4K read-write region */
#define RW_END (RW_BASE + 0x1000u)
#define PEER_PORT 4u	      /* port_peer.s_in */
#define V_S_IN 8u
#define V_Q_IN 9u
#define V_Q_SPACE 10u

void pa_sampling(void);
void pa_queuing(void);
void pa_partition(void);
void pa_hostile(void);
void pa_validity(void);

/* Vector v's pending count as the vCPU page shows it (all masked here). */
uint32_t pa_count(uint32_t v);

#endif
