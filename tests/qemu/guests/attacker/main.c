/*
 * One attack per partition, chosen by partition id in
 * tests/qemu/isolation/system.cfg. Each must be stopped by the kernel at the
 * first faulting instruction; reaching the line after it is a failure.
 */
#include <bhtest.h>

#define KERNEL_IMAGE 0x00100000u  /* kernel text, supervisor-only */
#define PEER_PHYS 0x01000000u	  /* the victim's physical memory, first region */

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bht_init("attacker");
	switch (id) {
	case 1: /* write kernel memory */
		*(volatile uint32_t *)KERNEL_IMAGE = 0xDEADBEEF;
		break;
	case 2: /* read another partition's memory through the kernel's map */
		(void)*(volatile uint32_t *)PEER_PHYS;
		break;
	case 3: /* a privileged instruction */
		__asm__ volatile("cli");
		break;
	}
	bht_fail(__FILE__, __LINE__, "attack %u was not stopped", id);
	bht_finish(false);
	for (;;)
		bh_yield();
}
