/*
 * The RTEMS_PARAVIRT interrupt functions of the guest library, above all
 * i386_flash_interrupts(): with virtual interrupts disabled it must let in
 * exactly the interrupts pending (and unmasked) when it is called, in
 * vector order, none that is masked, none that arrives while it runs, and
 * return with interrupts disabled. Sources: the one-shot timer (vector 1,
 * raised at once by a deadline in the past), the RTC line (vector 40,
 * raised at a chosen instruction, see cmos_rtc.h) and the tick (vector 0,
 * kept masked so that it is pending but not deliverable).
 */
#include <bhtest.h>
#include <bulkhead/rtems_paravirt.h>
#include <bulkhead/cmos_rtc.h>

#define V_RTC BH_VEC_IRQ(CMOS_RTC_LINE)
#define MAXLOG 16u

struct seen {
	uint32_t vector, count, frame_enabled;
};

static struct seen seen[MAXLOG];
static volatile uint32_t nseen, storm;
static uint8_t rtc_b; /* register B with PIE clear */

static bool pending(uint32_t v)
{
	return (bh_vstate->pending[v >> 5] >> (v & 31u)) & 1u;
}

static void isr(void *arg, struct bh_upcall_frame *f)
{
	(void)arg;
	if (nseen < MAXLOG)
		seen[nseen] = (struct seen){ f->vector, f->count, f->enabled };
	nseen++;
	if (f->vector == V_RTC)
		cmos_rtc_pulse_reset(rtc_b); /* drop the line, keep PF for the next pulse */
	if (f->vector == BH_VEC_TIMER && storm) {
		storm = 0;
		bh_timer_set(1);	 /* vector 1 again ... */
		cmos_rtc_pulse(rtc_b); /* ... and the RTC, both during the flash */
	}
}

static void expect_seen(uint32_t n, const uint32_t *vectors, const char *what)
{
	BHT_CHECK(nseen == n, "%s: %u interrupts let in, expected %u", what, nseen, n);
	for (uint32_t i = 0; i < n && i < nseen; i++) {
		BHT_CHECK(seen[i].vector == vectors[i], "%s: #%u was vector %u, expected %u", what,
			  i, seen[i].vector, vectors[i]);
		BHT_EQ(seen[i].count, 1);
	}
	nseen = 0;
}

static void rtc_setup(void)
{
	rtc_b = cmos_rtc_read(CMOS_RTC_B) & (uint8_t)~CMOS_RTC_B_PIE;
	cmos_rtc_periodic(6);
	while (!pending(V_RTC)) /* the first periodic interrupt sets PF */
		;
	cmos_rtc_pulse_reset(rtc_b);
}

static void levels(void)
{
	BHT_EQ(i386_get_interrupt_level(), 1);
	BHT_EQ(i386_disable_interrupts(), 0); /* already disabled: IF clear */
	i386_set_interrupt_level(0);
	BHT_EQ(i386_get_interrupt_level(), 0);
	BHT_EQ(bh_vcpu->enabled, 1);
	BHT_EQ(i386_disable_interrupts(), BH_RTEMS_LEVEL_IF);
	i386_enable_interrupts(0); /* a level with IF clear keeps them disabled */
	BHT_EQ(bh_vcpu->enabled, 0);
	i386_set_interrupt_level(0);
	i386_flash_interrupts(BH_RTEMS_LEVEL_IF); /* popf; cli: ends disabled */
	BHT_EQ(bh_vcpu->enabled, 0);
	bh_timer_set(1);
	i386_set_interrupt_level(0); /* enabling delivers what is pending */
	expect_seen(1, (const uint32_t[]){ BH_VEC_TIMER }, "set_interrupt_level(0)");
	i386_set_interrupt_level(1);
	BHT_EQ(bh_vcpu->enabled, 0);
}

static void flash_nothing_pending(void)
{
	i386_flash_interrupts(BH_RTEMS_LEVEL_IF);
	expect_seen(0, NULL, "flash with nothing deliverable");
	BHT_EQ(bh_vcpu->enabled, 0);
}

static void flash_lets_in_the_pending(void)
{
	uint32_t mask0 = bh_vcpu->mask[0], mask1 = bh_vcpu->mask[1];

	bh_timer_set(1);
	cmos_rtc_pulse(rtc_b);
	while (!bh_vstate->count[BH_VEC_TICK]) /* masked: pending, not deliverable */
		;
	BHT_CHECK(pending(BH_VEC_TIMER) && pending(V_RTC), "sources not pending");
	i386_flash_interrupts(0); /* IF clear in the level: nothing */
	expect_seen(0, NULL, "flash with level 0");
	i386_flash_interrupts(BH_RTEMS_LEVEL_IF);
	expect_seen(2, (const uint32_t[]){ BH_VEC_TIMER, V_RTC }, "flash");
	BHT_EQ(seen[0].frame_enabled, 1);
	BHT_EQ(seen[1].frame_enabled, 0); /* the last returns to "disabled" */
	BHT_EQ(bh_vcpu->enabled, 0);
	BHT_CHECK(pending(BH_VEC_TICK), "the masked tick was let in");
	BHT_EQ(bh_vcpu->mask[0], mask0);
	BHT_EQ(bh_vcpu->mask[1], mask1);
}

static void flash_keeps_out_new_arrivals(void)
{
	bh_timer_set(1);
	storm = 1;
	i386_flash_interrupts(BH_RTEMS_LEVEL_IF);
	expect_seen(1, (const uint32_t[]){ BH_VEC_TIMER }, "flash with arrivals meanwhile");
	BHT_CHECK(pending(BH_VEC_TIMER) && pending(V_RTC), "arrivals during the flash lost");
	BHT_EQ(bh_vcpu->enabled, 0);
	for (volatile uint32_t i = 0; i < 100000; i++) /* still disabled: nothing */
		;
	BHT_EQ(nseen, 0);
	i386_enable_interrupts(BH_RTEMS_LEVEL_IF);
	expect_seen(2, (const uint32_t[]){ BH_VEC_TIMER, V_RTC }, "enable after the flash");
	i386_disable_interrupts();
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_flash");
	BHT_EQ(bh_bsp_interrupt_init(NULL), BH_OK);
	BHT_EQ(bh_bsp_vector_install(BH_VEC_TIMER, isr, NULL), BH_OK);
	BHT_EQ(bh_bsp_vector_install(V_RTC, isr, NULL), BH_OK);
	BHT_EQ(bh_bsp_vector_install(V_RTC, isr, NULL), BH_EBUSY);
	rtc_setup();
	i386_enable_interrupts(BH_RTEMS_LEVEL_IF); /* drain the setup's RTC interrupt */
	BHT_EQ(i386_disable_interrupts(), BH_RTEMS_LEVEL_IF);
	nseen = 0;
	levels();
	flash_nothing_pending();
	flash_lets_in_the_pending();
	flash_keeps_out_new_arrivals();
	cmos_rtc_periodic(0);
	bh_printf("flash checks done\n");
	bht_finish(true);
	return 0;
}
