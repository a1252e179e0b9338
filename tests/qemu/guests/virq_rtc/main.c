/*
 * A real device line: the CMOS RTC's periodic interrupt on IRQ 8. The
 * partition owns line 8 and ports 0x70-0x71 (tests/qemu/virq_rtc): it
 * binds the line, programs 1024 Hz, acknowledges each interrupt in its
 * handler by reading register C, and counts interrupts against kernel
 * time. Under -icount with `-rtc clock=vm` the RTC runs on the same
 * virtual clock as the kernel's timer, so the count is exact to one
 * period. Binding lines the configuration does not give fails, and after
 * unbinding no interrupt is delivered.
 */
#include <bulkhead/cmos_rtc.h>
#include <bhvirq.h>

#define RATE_CODE 6u /* 1024 Hz */
#define MEASURE_NS 40000000ull

static volatile uint32_t nirq, bad_ack;

static void on_rtc(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	uint8_t c = cmos_rtc_ack();

	(void)f;
	if (vector != BH_VEC_IRQ(CMOS_RTC_LINE) || count != 1 ||
	    (c & (CMOS_RTC_C_IRQF | CMOS_RTC_C_PF)) != (CMOS_RTC_C_IRQF | CMOS_RTC_C_PF))
		bad_ack++;
	nirq += count;
}

static void bind_checks(void)
{
	BHT_EQ(bh_irq_bind(3), BH_EPERM);  /* COM2: not in this config */
	BHT_EQ(bh_irq_bind(0), BH_EPERM);  /* the kernel's timer */
	BHT_EQ(bh_irq_bind(4), BH_EPERM);  /* the kernel's console */
	BHT_EQ(bh_irq_bind(16), BH_EINVAL);
	BHT_EQ(bh_irq_unbind(CMOS_RTC_LINE), BH_ENOENT);
	BHT_EQ(bh_irq_bind(CMOS_RTC_LINE), (int32_t)BH_VEC_IRQ(CMOS_RTC_LINE));
	BHT_EQ(bh_irq_bind(CMOS_RTC_LINE), BH_EBUSY);
}

static void measure_rate(void)
{
	uint64_t t0, t1;
	uint32_t n0, n1;

	bhv_wait_ticks(1);
	t0 = bh_vstate->time_ns;
	n0 = nirq;
	while (bh_vstate->time_ns < t0 + MEASURE_NS)
		;
	t1 = bh_vstate->time_ns;
	n1 = nirq;
	uint64_t want = (t1 - t0) * CMOS_RTC_HZ(RATE_CODE) / 1000000000ull;
	bh_printf("%u RTC interrupts in %llu ns (%llu expected at %u Hz)\n", n1 - n0, t1 - t0,
		  want, CMOS_RTC_HZ(RATE_CODE));
	BHT_CHECK(n1 - n0 + 1 >= want && n1 - n0 <= want + 1, "%u interrupts, expected %llu",
		  n1 - n0, want);
	BHT_EQ(bad_ack, 0);
}

static void unbind_stops_delivery(void)
{
	BHT_EQ(bh_irq_unbind(CMOS_RTC_LINE), BH_OK);
	uint32_t n = nirq;
	bhv_wait_ticks(5);
	BHT_EQ(nirq, n);
	BHT_EQ(bh_vstate->count[BH_VEC_IRQ(CMOS_RTC_LINE)], 0);
	BHT_EQ(bh_irq_unbind(CMOS_RTC_LINE), BH_ENOENT);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_rtc");
	bhv_register();
	bind_checks();
	bh_set_handler(BH_VEC_IRQ(CMOS_RTC_LINE), on_rtc);
	cmos_rtc_periodic((uint8_t)(RATE_CODE));
	(void)cmos_rtc_ack();
	bh_irq_unmask(BH_VEC_IRQ(CMOS_RTC_LINE));
	bh_irq_enable();
	measure_rate();
	unbind_stops_delivery();
	cmos_rtc_periodic((uint8_t)(0));
	(void)cmos_rtc_ack();
	bht_finish(true);
	bh_exit();
}
