/*
 * Rule 5's order when a device line fires: the lowest deliverable vector
 * goes first, even when the arrival is a line that could be handed to its
 * handler at once. The partition sets its flag by a plain store with a
 * raised vector pending and unmasked (it skips the summary test that
 * bh_irq_enable() makes), then raises COM2's line with an out: the kernel
 * must deliver the raised vector first and the line after it. Then the
 * plain case: the line alone goes straight to its handler, inside the out's
 * next instruction, and its return unmasks it again (a second round).
 */
#include <bulkhead/io.h>
#include <bhvirq.h>

#define LINE 3u
#define VEC BH_VEC_IRQ(LINE)
#define SOFT 5u
#define IER 0x2F9

/* The line's handler drops the line (no more "transmitter empty"). */
static void line_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	bh_outb(IER, 0);
	bhv_log_handler(vector, count, f);
}

static void line_after_pending(void)
{
	static const uint32_t order[] = { SOFT, VEC };

	bhv_log_reset();
	bh_irq_disable();
	BHT_EQ(bh_irq_raise(SOFT), BH_OK);
	BHT_EQ(bhv_log_len(), 0);
	bh_vcpu->enabled = 1; /* no summary test: SOFT stays pending */
	bh_outb(IER, 2);      /* the line fires right after this */
	bhv_expect_vectors("line with a lower vector pending", order, 2);
}

static void line_alone(uint32_t round)
{
	static const uint32_t order[] = { VEC };

	bhv_log_reset();
	bhv_marker = round;
	bh_outb(IER, 2);
	bhv_marker = 0;
	bhv_expect_vectors("line alone", order, 1);
	BHT_EQ(bhv_log_get(0)->marker, round); /* before the next instruction */
	BHT_EQ(bhv_log_get(0)->count, 1);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	bht_init("virq_line_first");
	bhv_register();
	bh_set_handler(SOFT, bhv_log_handler);
	bh_set_handler(VEC, line_handler);
	bh_outb(IER, 0);
	BHT_EQ(bh_irq_bind(LINE), (int32_t)VEC);
	bh_irq_unmask(SOFT);
	bh_irq_unmask(VEC);
	bh_irq_enable();
	line_after_pending();
	line_alone(1);
	line_alone(2);
	bht_finish(true);
	for (;;)
		bh_yield();
}
