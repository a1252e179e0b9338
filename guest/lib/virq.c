/*
 * Guest side of the virtual interrupt layer: the handler table, the
 * dispatcher called by the upcall entry, and registration. An interrupt
 * vector with no handler is dropped after being counted; a trap with no
 * handler stops the partition (as a fault would without one).
 */
#include <bulkhead/rtems_paravirt.h>

_Static_assert(BH_NR_UPCALL_VECTORS == 96 && BH_VEC_TRAP_BASE + 32 == 96,
	       "upcall.S indexes the table with any vector the kernel delivers");
_Static_assert(BH_VSTATE_VADDR + __builtin_offsetof(struct bh_vcpu_state, virq_options) ==
			       0xFFFFE164u &&
		       BH_VIRQ_OPT_BATCH == 1u &&
		       __builtin_offsetof(struct bh_upcall_frame_batch, count) == 60 &&
		       __builtin_offsetof(struct bh_upcall_hooks, exit) == 4,
	       "upcall.S: its constants");

/* Read by the upcall entry's fast path too (upcall.S). */
bh_handler_t bh_upcall_handlers[BH_NR_UPCALL_VECTORS];
uint8_t bh_virq_stack[BH_VIRQ_STACK_SIZE] __attribute__((aligned(16)));
static uint32_t unhandled;

/*
 * The handler of every vector without one: an interrupt is counted and
 * dropped, a trap stops the partition (as a fault would without one).
 */
static void unhandled_vector(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)count;
	unhandled++;
	if (v >= BH_VEC_TRAP_BASE) {
		bh_printf("unhandled trap %u at %#x (addr %#x), stopping\n",
			  v - BH_VEC_TRAP_BASE, f->eip, f->fault_addr);
		bh_exit();
	}
}

static void flash_handler(uint32_t v, uint32_t count, struct bh_upcall_frame *f);
/* A flash's snapshot vectors' own handlers while flash_handler stands in. */
static bh_handler_t flash_saved[BH_NR_VECTORS];

/* The BSP's enter and exit calls around each upcall (upcall.S). */
struct bh_upcall_hooks bh_upcall_hooks;

/*
 * Also after a warm restart, when memory is kept: start from no handlers
 * and no flash in progress, as at power-on. Upcalls come in batches
 * (abi.h: struct bh_upcall_frame_batch): one per enable, however many vectors
 * are pending.
 */
static int32_t virq_init_entry(void (*entry)(void))
{
	int32_t r;

	for (uint32_t v = 0; v < BH_NR_UPCALL_VECTORS; v++)
		bh_upcall_handlers[v] = unhandled_vector;
	unhandled = 0;
	bh_flash_left[0] = bh_flash_left[1] = 0;
	r = bh_virq_options(BH_VIRQ_OPT_BATCH);
	if (r != BH_OK)
		return r;
	return bh_virq_register(entry, bh_virq_stack, sizeof(bh_virq_stack));
}

int32_t bh_virq_init(void)
{
	bh_upcall_hooks = (struct bh_upcall_hooks){ NULL, NULL };
	return virq_init_entry(bh_upcall_entry_batch);
}

int32_t bh_virq_init_hooked(const struct bh_upcall_hooks *hooks)
{
	if (!hooks->enter || !hooks->exit)
		return BH_EINVAL;
	bh_upcall_hooks = *hooks;
	return virq_init_entry(bh_upcall_entry_hooked);
}

int32_t bh_set_handler(uint32_t v, bh_handler_t h)
{
	if (v >= BH_NR_UPCALL_VECTORS)
		return BH_EINVAL;
	if (!h)
		h = unhandled_vector;
	if (bh_upcall_handlers[v] == flash_handler)
		flash_saved[v] = h; /* a handler of a flash's vector, mid-flash */
	else
		bh_upcall_handlers[v] = h;
	return BH_OK;
}

static void run_one(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	bh_handler_t h = v < BH_NR_UPCALL_VECTORS ? bh_upcall_handlers[v] : NULL;

	(h ? h : unhandled_vector)(v, count, f);
}

/*
 * A flash in progress (rtems_paravirt.c): flash_handler stands in the
 * table for each snapshot vector's handler, kept in flash_saved, so that
 * the entries need no test of their own for it.
 */
static void flash_handler(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	bh_handler_t h = flash_saved[v];

	bh_flash_account(f, v); /* before the handler: it sees the flag it returns to */
	(h ? h : unhandled_vector)(v, count, f);
}

void bh_flash_handlers(const uint32_t snap[2], bool on)
{
	for (uint32_t w = 0; w < 2; w++) {
		for (uint32_t bits = snap[w]; bits; bits &= bits - 1u) {
			uint32_t v = w * 32u + (uint32_t)__builtin_ctz(bits);

			if (on) {
				flash_saved[v] = bh_upcall_handlers[v];
				bh_upcall_handlers[v] = flash_handler;
			} else {
				bh_upcall_handlers[v] = flash_saved[v];
			}
		}
	}
}

void bh_upcall_dispatch_at(uint32_t v, uint32_t count, struct bh_upcall_frame *f,
			   uint32_t left0, uint32_t left1)
{
	const uint32_t *counts = ((const struct bh_upcall_frame_batch *)f)->count;
	uint32_t left[2] = { left0, left1 };
	bool hooked = bh_upcall_hooks.enter != NULL;

	run_one(v, count, f);
	for (uint32_t w = 0; w < 2; w++) {
		for (; left[w]; left[w] &= left[w] - 1u) {
			v = w * 32u + (uint32_t)__builtin_ctz(left[w]);
			if (hooked) { /* as the BSP's entry does (upcall.S) */
				f->vector = v;
				f->count = counts[v];
			}
			run_one(v, counts[v], f);
		}
	}
}

void bh_upcall_dispatch(struct bh_upcall_frame *f)
{
	bh_upcall_dispatch_at(f->vector, f->count, f, 0, 0);
}
