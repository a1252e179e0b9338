/*
 * The RTEMS_PARAVIRT i386 interrupt functions (see rtems_paravirt.h for
 * what "level" means). Each is a thin virtual-interrupt operation: a store
 * to the vCPU page, and a hypercall only when something is pending.
 *
 * i386_flash_interrupts() lets in exactly the interrupts that are pending
 * and unmasked when it is called, and nothing else: for the duration of the
 * flash the mask admits only that snapshot, and a stand-in handler of each
 * snapshot vector (bh_flash_handlers, virq.c), just before running the
 * handler of the last snapshot vector, sets the flag its frame returns to
 * to "disabled" (bh_flash_account): the upcall return
 * restores it in the same step, so no arrival can slip in behind it. As
 * with popf; cli, interrupts are disabled when it returns.
 */
#include <bulkhead/rtems_paravirt.h>

volatile uint32_t bh_flash_left[2];

uint32_t i386_disable_interrupts(void)
{
	return bh_rtems_level_disable();
}

void i386_enable_interrupts(uint32_t level)
{
	bh_rtems_level_restore(level);
}

void i386_set_interrupt_level(uint32_t new_level)
{
	if (new_level)
		bh_irq_disable();
	else
		bh_irq_enable();
}

uint32_t i386_get_interrupt_level(void)
{
	return bh_irq_enabled() ? 0u : 1u;
}

/*
 * Mask bits of words the flash admits: only the snapshot's vectors. What
 * the restore unmasks by a plain store may be pending (arrived during the
 * flash, masked then): the summary hint must say so (abi.h).
 */
static void flash_restore_mask(const uint32_t saved[2], const uint32_t snap[2])
{
	/* Keep what handlers did to snapshot vectors; restore the others. */
	for (uint32_t w = 0; w < 2; w++)
		bh_vcpu->mask[w] = (bh_vcpu->mask[w] & snap[w]) | (saved[w] & ~snap[w]);
	if (bh_irq_pending_unmasked())
		bh_vcpu->summary = 1;
}

void i386_flash_interrupts(uint32_t level)
{
	uint32_t snap[2], saved[2];

	if (bh_irq_enabled()) {
		bh_irq_disable(); /* popf; cli: whatever the level, they end disabled */
		return;
	}
	if (!(level & BH_RTEMS_LEVEL_IF))
		return; /* popf with IF clear lets nothing in */
	saved[0] = bh_vcpu->mask[0];
	saved[1] = bh_vcpu->mask[1];
	snap[0] = bh_vstate->pending[0] & ~saved[0];
	snap[1] = bh_vstate->pending[1] & ~saved[1];
	if (!(snap[0] | snap[1]))
		return;
	bh_vcpu->mask[0] = ~snap[0];
	bh_vcpu->mask[1] = ~snap[1];
	bh_flash_left[0] = snap[0];
	bh_flash_left[1] = snap[1];
	bh_flash_handlers(snap, true);
	BH_BARRIER();
	bh_vcpu->enabled = 1;
	bh_virq_sync(); /* every snapshot vector is delivered before this returns */
	bh_vcpu->enabled = 0;
	BH_BARRIER();
	bh_flash_handlers(snap, false);
	bh_flash_left[0] = bh_flash_left[1] = 0;
	flash_restore_mask(saved, snap);
	BH_BARRIER();
}

void bh_flash_account(struct bh_upcall_frame *f, uint32_t v)
{
	if (v >= BH_NR_VECTORS || !(bh_flash_left[v >> 5] & (1u << (v & 31u))))
		return;
	bh_flash_left[v >> 5] &= ~(1u << (v & 31u));
	if (!(bh_flash_left[0] | bh_flash_left[1]))
		f->enabled = 0; /* the last one: return straight to "disabled" */
}
