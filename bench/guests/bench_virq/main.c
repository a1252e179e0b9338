/*
 * Virtual interrupt benchmark (bench/virq, under icount):
 *
 *   virq_disable_enable  one bh_irq_disable() + bh_irq_enable(), nothing pending
 *   virq_delivery        from the kernel's interrupt entry (the probe's
 *                        bench_entry_tsc) to the first instruction of the
 *                        upcall entry, the partition running and enabled
 *   pending_delivery     from the store that re-enables to the first
 *                        instruction of the upcall entry, the interrupt
 *                        having arrived while disabled
 *
 * The interrupt is COM2's "transmitter empty" (line 3, which QEMU has with a
 * second -serial): setting IER's bit 1 raises the line at once and the
 * handler clears it again, so each sample is one interrupt at a known time.
 */
#include <bulkhead/io.h>
#include <bhbench.h>

#define COM2 0x2F8u
#define COM2_LINE 3u
#define IER_THRE 0x02u
#define MCR_OUT2 0x08u
#define SAMPLES 7u
#define WAIT 10000u

void bvq_upcall_entry(void);
extern volatile uint32_t bvq_handler_tsc[2], bvq_entry_tsc[2];

static uint8_t irq_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t deliveries;
static volatile uint32_t stamp_a[2], stamp_b[2];
static bool failed;

/* rdtsc and two stores: the pending path's start; its cost is measured. */
#define STAMP(s)                                                                 \
	__asm__ volatile("rdtsc\n\tmovl %%eax, %0\n\tmovl %%edx, %1"             \
			 : "=m"((s)[0]), "=m"((s)[1])                            \
			 :                                                       \
			 : "eax", "edx", "memory")

static void fail(const char *what, uint32_t a, uint32_t b)
{
	if (!failed)
		BHB_ERROR("%s (%u, %u)\n", what, a, b);
	failed = true;
}

static void on_com2(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	if (vector != BH_VEC_IRQ(COM2_LINE))
		fail("unexpected vector", vector, count);
	bh_outb(COM2 + 1, 0); /* the line drops */
	deliveries += count;
}

static bool setup(void)
{
	if (bh_virq_register(bvq_upcall_entry, irq_stack, sizeof(irq_stack)) != BH_OK ||
	    bh_set_handler(BH_VEC_IRQ(COM2_LINE), on_com2) != BH_OK ||
	    bh_irq_bind(COM2_LINE) != (int32_t)BH_VEC_IRQ(COM2_LINE)) {
		BHB_ERROR("cannot register, or bind line %u\n", COM2_LINE);
		return false;
	}
	bh_outb(COM2 + 4, MCR_OUT2);
	bh_irq_unmask(BH_VEC_IRQ(COM2_LINE));
	bh_irq_enable();
	return true;
}

static uint32_t tsc_pair(void)
{
	uint32_t a = bhb_tsc();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t disable_enable_once(void)
{
	uint32_t a = bhb_tsc();
	(void)bh_irq_disable();
	bh_irq_enable();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t stamp_pair(void)
{
	STAMP(stamp_a);
	STAMP(stamp_b);
	return stamp_b[0] - stamp_a[0];
}

static void wait_delivery(uint32_t before)
{
	for (uint32_t i = 0; i < WAIT && deliveries == before; i++)
		;
	if (deliveries != before + 1u)
		fail("expected one delivery", before, deliveries);
}

static uint32_t delivery_once(void)
{
	uint32_t before = deliveries;

	bh_outb(COM2 + 1, IER_THRE);
	wait_delivery(before);
	if (!bvq_entry_tsc[0] && !bvq_entry_tsc[1])
		fail("no kernel entry stamp (is `bench` on the command line?)", 0, 0);
	return bvq_handler_tsc[0] - bvq_entry_tsc[0];
}

static uint32_t pending_once(void)
{
	uint32_t before = deliveries, bit = 1u << (BH_VEC_IRQ(COM2_LINE) - 32u);

	(void)bh_irq_disable();
	bh_outb(COM2 + 1, IER_THRE);
	for (uint32_t i = 0; i < WAIT && !(bh_vcpu->pending[1] & bit); i++)
		;
	if (!(bh_vcpu->pending[1] & bit) || deliveries != before)
		fail("interrupt not pending while disabled", before, deliveries);
	STAMP(stamp_a);
	bh_irq_enable();
	wait_delivery(before);
	return bvq_handler_tsc[0] - stamp_a[0];
}

static void run(void)
{
	uint32_t pair = bhb_median_of("tsc_pair", tsc_pair, SAMPLES);
	uint32_t stamp = bhb_median_of("stamp", stamp_pair, SAMPLES);

	bhb_report("virq_disable_enable",
		   bhb_median_of("disable_enable", disable_enable_once, SAMPLES) - pair, "insn");
	uint32_t delivery = bhb_median_of("delivery", delivery_once, SAMPLES);
	uint32_t pending = bhb_median_of("pending", pending_once, SAMPLES) - stamp;
	if (failed)
		return;
	bhb_report("virq_delivery", delivery, "insn");
	bhb_report("pending_delivery", pending, "insn");
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	if (setup())
		run();
	bhb_end();
}
