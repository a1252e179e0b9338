/*
 * Interrupt storm on a partition's own line: the RTC at its highest rate,
 * 8192 Hz, acknowledged in the handler, so that it interrupts as fast as
 * it can while this partition runs. Its arrivals in other partitions'
 * windows cost them at most one interrupt (the kernel keeps the line
 * masked at the controller until the owner has handled it), which
 * virq_victim checks. Quiet for the first frames (the victim's baseline),
 * storming from STORM_FROM, and from STUCK_FROM the handler never returns
 * and never acknowledges: virtual interrupts stay off forever, which only
 * hurts this partition.
 * Here it checks its own rate: every window, about 8192 Hz x its length,
 * plus the one arrival held over from the other windows.
 */
#include <bulkhead/cmos_rtc.h>
#include <bhvirq.h>

#define RATE_CODE 3u /* 8192 Hz */
#define STORM_FROM 4u
#define STUCK_FROM 12u

static volatile uint32_t nirq, stuck;

static void on_rtc(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	if (stuck)
		for (;;) /* never acknowledges, never returns */
			;
	(void)cmos_rtc_ack();
	nirq += count;
}

/* Interrupts in one of its windows against the RTC rate. */
static void check_window_rate(uint32_t seq)
{
	uint32_t n0 = nirq;
	uint64_t len = bh_vstate->window_end_ns - bh_vstate->window_start_ns;

	bht_wait_next_window();
	uint32_t n = nirq - n0;
	uint64_t want = len * CMOS_RTC_HZ(RATE_CODE) / 1000000000ull;
	BHT_CHECK(n + 1 >= want && n <= want + 2, "window %u: %u interrupts, %llu expected", seq, n,
		  want);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_storm");
	bhv_register();
	bh_set_handler(BH_VEC_IRQ(CMOS_RTC_LINE), on_rtc);
	BHT_EQ(bh_irq_bind(CMOS_RTC_LINE), (int32_t)BH_VEC_IRQ(CMOS_RTC_LINE));
	bh_irq_unmask(BH_VEC_IRQ(CMOS_RTC_LINE));
	bh_irq_enable();
	while (bh_vstate->window_seq < STORM_FROM)
		bht_wait_next_window();
	cmos_rtc_periodic((uint8_t)(RATE_CODE));
	(void)cmos_rtc_ack();
	for (uint32_t seq = bht_wait_next_window(); seq < STUCK_FROM; seq++)
		check_window_rate(seq);
	bh_printf("%u RTC interrupts\n", nirq);
	bht_finish(false);
	stuck = 1;
	for (;;)
		;
}
