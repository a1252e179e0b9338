/* A destination of bench_port's multicast channel: it only has to exist. */
#include <bulkhead/bh.h>

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	for (;;)
		bh_yield();
}
