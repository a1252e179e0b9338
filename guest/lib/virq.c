/*
 * Guest side of the virtual interrupt layer: the handler table, the
 * dispatcher called by the upcall entry, and registration. An interrupt
 * vector with no handler is dropped after being counted; a trap with no
 * handler stops the partition (as a fault would without one).
 */
#include <bulkhead/rtems_paravirt.h>

#define IRQ_STACK_SIZE 8192u

_Static_assert(BH_NR_UPCALL_VECTORS == 96 && BH_VEC_TRAP_BASE + 32 == 96,
	       "upcall.S indexes the table with any vector the kernel delivers");

/* Read by the upcall entry's fast path too (upcall.S). */
bh_handler_t bh_upcall_handlers[BH_NR_UPCALL_VECTORS];
static uint8_t irq_stack[IRQ_STACK_SIZE] __attribute__((aligned(16)));
static uint32_t unhandled;

/*
 * Also after a warm restart, when memory is kept: start from no handlers
 * and no flash in progress, as at power-on.
 */
int32_t bh_virq_init(void)
{
	for (uint32_t v = 0; v < BH_NR_UPCALL_VECTORS; v++)
		bh_upcall_handlers[v] = NULL;
	unhandled = 0;
	bh_flash_left[0] = bh_flash_left[1] = 0;
	return bh_virq_register(bh_upcall_entry, irq_stack, sizeof(irq_stack));
}

int32_t bh_set_handler(uint32_t v, bh_handler_t h)
{
	if (v >= BH_NR_UPCALL_VECTORS)
		return BH_EINVAL;
	bh_upcall_handlers[v] = h;
	return BH_OK;
}

bool bh_bsp_frame_nested(const struct bh_upcall_frame *f)
{
	uint32_t lo = BH_PTR(irq_stack);

	/* The kernel's own test for "already on the interrupt stack". */
	return f->esp > lo && f->esp <= lo + IRQ_STACK_SIZE;
}

void bh_upcall_dispatch(struct bh_upcall_frame *f)
{
	uint32_t v = f->vector;
	bh_handler_t h = v < BH_NR_UPCALL_VECTORS ? bh_upcall_handlers[v] : NULL;

	if (bh_flash_left[0] | bh_flash_left[1])
		bh_flash_account(f); /* before the handler: it sees the flag it returns to */
	if (h) {
		h(v, f->count, f);
		return;
	}
	unhandled++;
	if (v >= BH_VEC_TRAP_BASE) {
		bh_printf("unhandled trap %u at %#x (addr %#x), stopping\n",
			  v - BH_VEC_TRAP_BASE, f->eip, f->fault_addr);
		bh_exit();
	}
}
