/*
 * hc_spin: stands in for hc_fuzz in tests/qemu/hc_fuzz_ref, the run without
 * the fuzzer. It makes no hypercall and spins through its windows.
 */
#include <bhtest.h>

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	for (;;)
		;
}
