/*
 * Demo partition: a CPU-bound loop that reports, at each of its windows,
 * how far it got and when its window started. It never yields; the kernel
 * still takes the processor away exactly at the end of each window.
 */
#include <bulkhead/bh.h>

int main(uint32_t cond, uint32_t id)
{
	uint32_t last = 0;
	uint64_t work = 0;

	bh_printf("partition %u up (start condition %u), spinning\n", id, cond);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint32_t s = bh_vcpu->window_seq;
		if (s != last && s % 10 == 1)
			bh_printf("window %u at %llu us: %llu loop iterations so far\n", s,
				  bh_vcpu->window_start_ns / 1000, work);
		last = s;
		work++;
	}
}
