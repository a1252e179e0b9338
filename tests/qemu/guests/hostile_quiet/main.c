/*
 * The stand-in for every attacker in a hostile test's reference run
 * (tests/qemu/mkref.sh): it runs its windows and does nothing else, no
 * hypercall, no fault, no output.
 */
#include <bulkhead/bh.h>

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	for (;;)
		__asm__ volatile("" ::: "memory");
}
