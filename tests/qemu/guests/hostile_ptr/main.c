/*
 * Hostile class: pointer and length edges for every pointer-taking
 * hypercall (tests/qemu/hostile_ptr): console_write, hm_raise,
 * window_info, partition_status, port_info, port_status (this partition
 * has no port: ENOENT once the pointer passes), virq_register,
 * upcall_return. (port_write and port_read check the port first: the
 * port tests, tests/qemu/port_*, aim at their buffers.) Pointers at, just inside and just
 * outside both ends of each of the partition's regions (for the length the
 * call uses), into the kernel, the vCPU page, the hole below the user
 * limit and the top of the address space, with lengths around every limit,
 * against a model of the rule (docs/internals.md, "Hypercalls"): a buffer
 * is accepted only if all of it lies in one of the caller's regions with
 * the right permission; a zero length with any pointer; a length over the
 * call's maximum is E2BIG first. Results must be exactly the model's, and a
 * call that writes must write its bytes and not one byte around them (a
 * guard pattern around every output buffer). Repeated until the victim is
 * done.
 */
#include <hx.h>

#include "ptr.h"

uint32_t ptr_calls, ptr_passes;

/* Pointers near the edges of [base, base + size) for a buffer of len. */
static uint32_t edge_ptrs(uint32_t base, uint32_t size, uint32_t len, uint32_t *out)
{
	static const int32_t d[] = { -1, 0, 1 };
	uint32_t n = 0, end = base + size;

	for (uint32_t i = 0; i < 3; i++) {
		out[n++] = base + (uint32_t)d[i];
		out[n++] = end - len + (uint32_t)d[i];
		out[n++] = end + (uint32_t)d[i];
	}
	return n;
}

/* Every pointer tried for a buffer of len bytes. */
uint32_t ptr_candidates(uint32_t len, uint32_t *out)
{
	static const uint32_t fixed[] = { 0, 1, 0x1000, KERNEL_VA, BH_USER_BASE - 1,
					  0x80000000u, BH_USER_LIMIT - 1, BH_USER_LIMIT,
					  BH_VCPU_VADDR, BH_VCPU_VADDR + 8, 0xFFFFFFF0u,
					  0xFFFFFFFFu };
	uint32_t n = 0;

	for (uint32_t i = 0; i < PTR_NREGIONS; i++)
		n += edge_ptrs(ptr_regions[i].base, ptr_regions[i].size, len ? len : 1, out + n);
	n += edge_ptrs(BH_VCPU_VADDR, BH_PAGE_SIZE, len ? len : 1, out + n);
	for (uint32_t i = 0; i < sizeof(fixed) / 4; i++)
		out[n++] = fixed[i];
	return n;
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_ptr");
	bh_irq_enable();
	while (hx_attacking()) {
		ptr_in_calls();
		ptr_out_calls();
		ptr_register_calls();
		ptr_upcall_return_calls();
		ptr_passes++;
	}
	bh_printf("%u passes, %u calls checked against the model\n", ptr_passes, ptr_calls);
	bht_finish(false);
	for (;;)
		;
}
