/* pf_spin: the fuzzer's stand-in in tests/qemu/port_fuzz_ref: no calls. */
#include <bulkhead/bh.h>

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	for (;;)
		;
}
