/*
 * port_api: the APEX services and the raw port hypercalls, phase by phase
 * (one RESULT line each): sampling, queuing, partition/time/health, hostile
 * arguments, validity at the refresh boundary. Ports (system.cfg), ids
 * 0..3 in order: s_out -> s_in (and port_peer.s_in, id 4), q_out -> q_in.
 */
#include "port_api.h"

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	if (cond != BH_START_NORMAL)
		bht_error("unexpected restart (condition %u)", cond);
	pa_sampling();
	pa_queuing();
	pa_hostile();
	pa_partition(); /* ends in NORMAL mode */
	pa_validity();
	bh_printf("done\n");
	for (;;)
		bh_yield();
}
