/*
 * Delays are exact in ticks across partition windows. Two partitions run
 * this image (tests/qemu/rtos_delay): one with a 1000 Hz tick in window
 * [0,3) ms, one with 500 Hz in [5,8) ms of a 10 ms frame. Ticks that fall
 * outside a partition's window arrive together at its next window (one
 * upcall, count > 1) and must advance its clock by exactly that many.
 *
 * For every delay the guest computes, from the schedule, the kernel tick
 * at which the thread must wake (the kernel tick that raises the due
 * executive tick if it falls inside the window, else the start of the next
 * window), and checks: the timer's due tick, the executive's clock at
 * wake-up (= the virtual ticks raised by then: the clock never drifts), and
 * the kernel time it woke at. Virtual tick k is due at exactly k / rate
 * seconds and raised at the first kernel tick (1193 PIT periods) at or
 * after it. A periodic
 * thread (rt_delay_until) checks its releases the same way.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u
#define FRAME 10u /* kernel ticks per major frame */
#define PIT_HZ 1193182u
#define PIT_DIVISOR 1193u /* the kernel tick of tick 1ms */

struct layout {
	const char *name;
	uint32_t period; /* kernel ticks per executive tick */
	uint32_t start, len;
	bool busy;	 /* also run a CPU-bound thread */
};

static const struct layout layouts[2] = {
	{ "rtos_delay_a", 1, 0, 3, true },
	{ "rtos_delay_b", 2, 5, 3, false },
};

static const uint32_t delays[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 17, 19, 23, 29, 31 };
#define NDELAYS (sizeof(delays) / sizeof(delays[0]))

static const struct layout *lay;
static struct rt_thread td, tp, tb;
static uint8_t stacks[3][STACK] __attribute__((aligned(16)));
static volatile uint32_t done, late_windows;

static uint64_t rate_hz(void)
{
	return 1000u / lay->period;
}

/* The kernel tick that raises executive tick k: the first at or after k/rate. */
static uint64_t raised_at(uint64_t k)
{
	uint64_t den = (uint64_t)PIT_DIVISOR * rate_hz();

	return (k * PIT_HZ + den - 1) / den;
}

/* Executive ticks raised by kernel tick m. */
static uint64_t raised_by(uint64_t m)
{
	return m * PIT_DIVISOR * rate_hz() / PIT_HZ;
}

/* The kernel tick a thread due at executive tick `due` must wake at. */
static uint64_t wake_tick(uint64_t due)
{
	uint64_t k = raised_at(due), pos = k % FRAME, base = k - pos;

	if (pos >= lay->start && pos < lay->start + lay->len)
		return k;
	late_windows++;
	return pos < lay->start ? base + lay->start : base + FRAME + lay->start;
}

static uint64_t kernel_tick_now(void)
{
	uint64_t ns = bh_vstate->time_ns, per = 1000000000ull * PIT_DIVISOR;

	return (ns * PIT_HZ + per / 2) / per;
}

static void check_wake(const char *who, uint32_t i, uint64_t due)
{
	uint64_t w = wake_tick(due), now = rt_ticks(), k = kernel_tick_now();

	BHT_CHECK(now == raised_by(w), "%s %u: clock %llu at wake, expected %llu (due %llu)",
		  who, i, now, raised_by(w), due);
	BHT_CHECK(k == w, "%s %u: woke at kernel tick %llu, expected %llu (due %llu)", who, i, k,
		  w, due);
}

static void delayer(void *arg)
{
	(void)arg;
	rt_delay(3);
	for (uint32_t i = 0; i < NDELAYS; i++) {
		uint64_t t0 = rt_ticks();
		BHT_EQ(rt_delay(delays[i]), RT_OK);
		uint64_t due = td.timer.due;
		BHT_CHECK(due == t0 + delays[i] || due == t0 + delays[i] + 1,
			  "delay %u: due %llu after %llu + %u", i, due, t0, delays[i]);
		check_wake("delay", i, due);
	}
	done++;
}

static void periodic(void *arg)
{
	uint64_t release = rt_ticks();

	(void)arg;
	for (uint32_t i = 0; i < 12; i++) {
		BHT_EQ(rt_delay_until(&release, 7), RT_OK);
		check_wake("period", i, release);
	}
	done++;
}

static void busy(void *arg)
{
	(void)arg;
	for (;;)
		;
}

static void reporter(void)
{
	while (done < 2)
		rt_delay(5);
	struct rt_stats st;
	rt_stats_get(&st);
	bh_printf("%u delays and 12 periods checked, %u woke in a later window; clock %llu ticks "
		  "in %u tick upcalls\n",
		  (uint32_t)NDELAYS, late_windows, st.ticks, st.tick_interrupts);
	BHT_CHECK(late_windows > 5, "only %u delays crossed a window: test too weak", late_windows);
	BHT_CHECK(st.tick_interrupts < st.ticks, "no coalesced tick upcall seen");
	bht_finish(false);
}

static void report_entry(void *arg)
{
	(void)arg;
	reporter();
	for (;;)
		rt_delay(1000);
}

static struct rt_thread tr;
static uint8_t rstack[STACK] __attribute__((aligned(16)));

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	lay = &layouts[id < 2 ? id : 0];
	bht_init(lay->name);
	rt_init(NULL);
	if (bh_vstate->tick_period_ns == 0)
		bht_error("no tick configured");
	rt_thread_create(&td, "delayer", 1, delayer, NULL, stacks[0], STACK);
	rt_thread_create(&tp, "periodic", 2, periodic, NULL, stacks[1], STACK);
	rt_thread_create(&tr, "reporter", 3, report_entry, NULL, rstack, STACK);
	if (lay->busy)
		rt_thread_create(&tb, "busy", 10, busy, NULL, stacks[2], STACK);
	rt_start();
}
