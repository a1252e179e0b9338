/*
 * SDK tests: a partition that divides by zero at once; its configuration
 * makes that halt the module (QEMU exit status 37, bhrun exit status 4).
 */
#include <bulkhead/bh.h>

int main(uint32_t start_condition, uint32_t partition_id)
{
	volatile uint32_t zero = 0;

	(void)start_condition;
	bh_printf("dividing by zero\n");
	bh_printf("never printed: %u\n", partition_id / zero);
	for (;;)
		bh_idle();
}
