/*
 * The stand-in for a ported RTOS in the runners' reference runs and in
 * tests/qemu/port_watch: it spins through its windows (using all of its
 * time, as a busy RTOS would) and stops itself after IDLE_WINDOWS windows.
 */
#include <bhtest.h>

#define IDLE_WINDOWS 300u

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	while (bh_vstate->window_seq < IDLE_WINDOWS)
		;
	bh_printf("idle: done after %u windows\n", bh_vstate->window_seq);
	bh_exit();
}
