/*
 * BSP interrupt vectors for an RTOS port (rtems_paravirt.h): install and
 * remove an ISR per virtual vector, the enter/exit hooks around each upcall.
 * Interrupt exit with thread dispatch is inline in rtems_paravirt.h (the
 * frame edit) and bsp_defer.S (the trampoline it lands in).
 */
#include <bulkhead/rtems_paravirt.h>

struct bsp_vector {
	bh_bsp_isr_t isr; /* NULL: a direct handler (bh_bsp_vector_install_handler) */
	void *arg;
	bool owned;
};

static struct bsp_vector vectors[BH_NR_UPCALL_VECTORS];

static bool is_line_vector(uint32_t v)
{
	return v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES;
}

/* One vector of an upcall (the hooks run around the whole upcall); the
 * entry has put v and its count in f->vector and f->count (upcall.S). */
static void bsp_upcall(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)count;
	vectors[v].isr(vectors[v].arg, f);
}

static void no_enter(uint32_t v)
{
	(void)v;
}

static void no_exit(struct bh_upcall_frame *f)
{
	(void)f;
}

/*
 * Also the start of a warm restart, when memory is kept: every vector is
 * free again, as at power-on (the kernel has unbound the lines).
 */
int32_t bh_bsp_interrupt_init(const struct bh_bsp_irq_hooks *h)
{
	struct bh_upcall_hooks uh = { no_enter, no_exit };

	for (uint32_t v = 0; v < BH_NR_UPCALL_VECTORS; v++)
		vectors[v] = (struct bsp_vector){ NULL, NULL, false };
	if (h && h->enter)
		uh.enter = h->enter;
	if (h && h->exit)
		uh.exit = h->exit;
	return bh_virq_init_hooked(&uh);
}

/* Own v (bind its line), put h in the library's table, unmask. */
static int32_t install(uint32_t v, bh_bsp_isr_t isr, void *arg, bh_handler_t h)
{
	if (v >= BH_NR_UPCALL_VECTORS || !h)
		return BH_EINVAL;
	if (vectors[v].owned)
		return BH_EBUSY;
	if (is_line_vector(v)) {
		int32_t r = bh_irq_bind(v - BH_VEC_IRQ_BASE);
		if (r < 0)
			return r;
	}
	vectors[v] = (struct bsp_vector){ isr, arg, true };
	bh_set_handler(v, h);
	if (v < BH_NR_VECTORS)
		bh_irq_unmask(v);
	return BH_OK;
}

int32_t bh_bsp_vector_install(uint32_t v, bh_bsp_isr_t isr, void *arg)
{
	return isr ? install(v, isr, arg, bsp_upcall) : BH_EINVAL;
}

int32_t bh_bsp_vector_install_handler(uint32_t v, bh_handler_t h)
{
	return install(v, NULL, NULL, h);
}

int32_t bh_bsp_vector_raise(uint32_t v)
{
	return bh_irq_raise(v);
}

int32_t bh_bsp_vector_remove(uint32_t v)
{
	if (v >= BH_NR_UPCALL_VECTORS)
		return BH_EINVAL;
	if (!vectors[v].owned)
		return BH_ENOENT;
	if (v < BH_NR_VECTORS)
		bh_irq_mask(v);
	if (is_line_vector(v))
		bh_irq_unbind(v - BH_VEC_IRQ_BASE);
	bh_set_handler(v, NULL);
	vectors[v] = (struct bsp_vector){ NULL, NULL, false };
	return BH_OK;
}
