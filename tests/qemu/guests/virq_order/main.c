/*
 * Rules 4 and 5 (pending, deliver pending): with the tick (vector 0), the
 * one-shot timer (1) and the RTC line (40) all pending, delivery is one
 * upcall per vector, lowest vector first, each with its coalesced count,
 * and it happens exactly at the point the rules name:
 *   a. at the enable;
 *   b. at an unmask (mask bits of 0 and 1 cleared by a plain store, then
 *      the unmask of 40 traps: all three become deliverable at once);
 *   c. at upcall return (the timer handler unmasks 0 and 40 and waits until
 *      both are pending): the next upcalls resume the same interrupted
 *      context, with the same frame at the top of the stack;
 *   d. at the start of the next window, after a yield: ticks, the timer
 *      expiry and the RTC all happened in the neighbour's window.
 * The partition owns IRQ 8 and the RTC ports (tests/qemu/virq_order).
 */
#include <bulkhead/cmos_rtc.h>
#include <bhvirq.h>

#define VEC_RTC BH_VEC_IRQ(CMOS_RTC_LINE)
#define RTC_RATE 6u /* 1024 Hz: at least one in every 1 ms */

static const uint32_t all3[3] = { BH_VEC_TICK, BH_VEC_TIMER, VEC_RTC };
static uint32_t period;
static volatile uint64_t ticks_delivered;
static bool timer_waits;

extern char um_start[], um_end[];

static bool pending(uint32_t v)
{
	return (bh_vstate->pending[v >> 5] >> (v & 31u)) & 1u;
}

static void wait_pending(uint32_t v)
{
	while (!pending(v))
		;
}

static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	ticks_delivered += count;
	bhv_log_add(f);
}

static void on_rtc(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	(void)cmos_rtc_ack();
	bhv_log_add(f);
}

/* Scenario c: new arrivals while this handler runs with interrupts off. */
static void on_timer(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	bhv_log_add(f);
	if (!timer_waits)
		return;
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_unmask(VEC_RTC);
	wait_pending(BH_VEC_TICK);
	wait_pending(VEC_RTC);
	bhv_marker = 3; /* what the next upcalls must see */
}

/* Every tick since boot is delivered or pending: none lost, none doubled. */
static void check_tick_total(const char *what)
{
	uint64_t t;
	uint32_t c;

	bhv_snapshot(BH_VEC_TICK, &t, &c);
	BHT_CHECK(ticks_delivered + c == bhv_ticks_due(t, period),
		  "%s: %llu ticks delivered + %u pending, %llu due", what, ticks_delivered, c,
		  bhv_ticks_due(t, period));
}

static void mask_all(void)
{
	for (uint32_t i = 0; i < 3; i++)
		bh_irq_mask(all3[i]);
}

/* Arm the timer and wait until all three are pending, then one more tick
 * so that the check below runs far from the next one. */
static uint32_t make_all_pending(void)
{
	uint64_t t;
	uint32_t c0;

	bh_timer_set(bh_vstate->time_ns + period + period / 2);
	for (uint32_t i = 0; i < 3; i++)
		wait_pending(all3[i]);
	bhv_wait_ticks(1);
	bhv_snapshot(BH_VEC_TICK, &t, &c0);
	bhv_log_reset();
	bhv_marker = 1;
	return c0;
}

static void expect_all3(const char *what, uint32_t ticks, uint32_t marker)
{
	bhv_log_print(what);
	bhv_expect_vectors(what, all3, 3);
	BHT_CHECK(bhv_log_get(0)->count == ticks, "%s: tick count %u, expected %u", what,
		  bhv_log_get(0)->count, ticks);
	BHT_EQ(bhv_log_get(1)->count, 1);
	BHT_EQ(bhv_log_get(2)->count, 1);
	for (uint32_t i = 0; i < 3; i++)
		BHT_CHECK(bhv_log_get(i)->marker == marker, "%s: upcall %u at marker %u, expected %u",
			  what, i, bhv_log_get(i)->marker, marker);
	check_tick_total(what);
	if (bht_failures())
		bhv_log_dump(what);
}

static void at_enable(void)
{
	bh_irq_disable();
	for (uint32_t i = 0; i < 3; i++)
		bh_irq_unmask(all3[i]);
	uint32_t c0 = make_all_pending();
	bh_irq_enable();
	bhv_marker = 2;
	expect_all3("at enable", c0, 1);
}

/* Never inlined or cloned: the labels must exist exactly once. */
__attribute__((noinline, noclone)) static void at_unmask(void)
{
	mask_all();
	bh_irq_enable();
	uint32_t c0 = make_all_pending();
	bh_vcpu->mask[0] &= ~((1u << BH_VEC_TICK) | (1u << BH_VEC_TIMER));
	__asm__ volatile(".globl um_start\num_start:" ::: "memory");
	bh_irq_unmask(VEC_RTC);
	__asm__ volatile(".globl um_end\num_end:" ::: "memory");
	bhv_marker = 2;
	expect_all3("at unmask", c0, 1);
	const struct bhv_event *e = bhv_log_get(0);
	BHT_CHECK(e->eip >= BH_PTR(um_start) && e->eip <= BH_PTR(um_end),
		  "at unmask: interrupted eip %#x outside the unmask", e->eip);
}

static void at_upcall_return(void)
{
	mask_all();
	bh_irq_unmask(BH_VEC_TIMER);
	bhv_wait_ticks(1);
	bhv_log_reset();
	bhv_marker = 1;
	timer_waits = true;
	bh_timer_set(bh_vstate->time_ns + period / 2);
	while (bhv_log_len() < 3)
		;
	timer_waits = false;
	bhv_marker = 2;
	static const uint32_t want[3] = { BH_VEC_TIMER, BH_VEC_TICK, VEC_RTC };
	bhv_log_print("at upcall return");
	bhv_expect_vectors("at upcall return", want, 3);
	const struct bhv_event *first = bhv_log_get(0);
	for (uint32_t i = 1; i < 3; i++) {
		const struct bhv_event *e = bhv_log_get(i);
		BHT_EQ(e->marker, 3);
		BHT_CHECK(e->eip == first->eip && e->esp == first->esp && e->frame == first->frame,
			  "upcall %u after return: eip %#x esp %#x frame %#x, first %#x %#x %#x", i,
			  e->eip, e->esp, e->frame, first->eip, first->esp, first->frame);
		BHT_EQ(e->enabled, 1);
	}
	check_tick_total("at upcall return");
}

/* Scenario d: everything arrives while the neighbour runs. */
static void at_window_start(void)
{
	uint64_t t;
	uint32_t c0;

	for (uint32_t i = 0; i < 3; i++)
		bh_irq_unmask(all3[i]);
	bhv_wait_ticks(1);
	bhv_snapshot(BH_VEC_TICK, &t, &c0);
	BHT_EQ(c0, 0);
	bh_timer_set(bh_vstate->window_end_ns + period);
	bhv_log_reset();
	bhv_marker = 1;
	uint64_t before = ticks_delivered;
	bh_yield();
	bhv_marker = 2;
	uint64_t start = bh_vstate->window_start_ns;
	uint64_t due = bhv_ticks_due(start, period) - before;
	expect_all3("at window start", (uint32_t)due, 1);
	BHT_CHECK(bhv_log_get(0)->time_ns == start, "first upcall at %llu, window start %llu",
		  bhv_log_get(0)->time_ns, start);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("virq_order");
	period = bh_vstate->tick_period_ns;
	bhv_register();
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_set_handler(VEC_RTC, on_rtc);
	BHT_EQ(bh_irq_bind(CMOS_RTC_LINE), (int32_t)VEC_RTC);
	cmos_rtc_periodic((uint8_t)(RTC_RATE));
	(void)cmos_rtc_ack();
	bht_wait_next_window(); /* a fresh window: each scenario fits in it */
	at_enable();
	at_unmask();
	at_upcall_return();
	at_window_start();
	cmos_rtc_periodic((uint8_t)(0));
	(void)cmos_rtc_ack();
	bht_finish(true);
	bh_exit();
}
