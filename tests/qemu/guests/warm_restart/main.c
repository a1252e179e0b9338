/*
 * Warm restart (issue 8, break 5), with the guest executive.
 *
 * (a) The kernel: a warm restart of the running partition kept its old
 *     x87/SSE registers and MXCSR, and lost its new FPU state at the next
 *     partition switch; with an unmasked x87 exception pending and `hm
 *     fpu_error restart_warm` the partition restarted forever.
 * (b) The guest library and executive: memory is kept, so vector and ISR
 *     installation found their slots taken (EBUSY) and the tick was never
 *     unmasked: the executive never ran again.
 *
 * Start 1 (cold): the executive runs a thread that sleeps 10 ticks, dirties
 * the FPU (x87 stack, MXCSR 0x9FC0, xmm0) and asks SET_MODE(WARM_START).
 * Start 2 (warm, partition restart): the FPU must be clean at main's first
 * instruction; main puts a mark in xmm0 and MXCSR at once, the executive
 * comes up and its thread sleeps 10 ticks (across a partition switch) and
 * checks the mark survived it; then it divides by zero with the exception
 * unmasked and executes fwait: #MF, fpu_error, restart_warm.
 * Start 3 (warm, HM restart): the FPU is clean, nothing is pending (an x87
 * instruction does not fault again), the executive runs; the partition was
 * restarted exactly twice. The memory is kept across both restarts, so the
 * phase counter below survives them.
 */
#include <bhtest.h>
#include <bhvictim.h>
#include <rtos/rt.h>

struct fpu_snap {
	uint32_t cw, sw, mxcsr, xmm0, tag, st0_exp;
};

void fpu_snap(struct fpu_snap *s);
void fpu_dirty(void);
void fpu_mark(uint32_t v);
void fpu_arm_fault(void);
void fpu_touch(void);

#define STACK 4096u
#define MARK 0x600DF00Du

static struct rt_thread worker;
static uint8_t stack[STACK] __attribute__((aligned(16)));
static uint32_t phase;		/* kept across warm restarts */
static uint32_t failures_before; /* checks that failed in earlier starts */
static struct fpu_snap at_start;

static void check_clean(const char *when)
{
	BHT_CHECK(at_start.cw == 0x037F && (at_start.sw & 0x7FFFu) == 0,
		  "%s: x87 control %#x status %#x", when, at_start.cw, at_start.sw);
	BHT_CHECK(at_start.mxcsr == 0x1F80, "%s: MXCSR %#x", when, at_start.mxcsr);
	BHT_CHECK(at_start.tag == 0 && at_start.xmm0 == 0, "%s: x87 tags %#x, xmm0 %#x", when,
		  at_start.tag, at_start.xmm0);
}

/* The executive is alive: the tick reaches its timers. */
static void sleep_ticks(void)
{
	uint64_t t0 = rt_ticks();

	for (int i = 0; i < 10; i++)
		BHT_EQ(rt_delay(1), RT_OK);
	BHT_CHECK(rt_ticks() - t0 >= 10, "only %llu ticks in 10 delays",
		  (unsigned long long)(rt_ticks() - t0));
}

static void restart_by_set_mode(void)
{
	fpu_dirty();
	phase = 1;
	BHT_EQ(bh_set_mode(BH_MODE_NORMAL), BH_OK);
	bh_set_mode(BH_MODE_WARM_START);
	bht_fail(__FILE__, __LINE__, "SET_MODE(WARM_START) returned");
}

/*
 * The mark the worker set right after the restart, after a partition switch
 * (the executive gives each thread its own FPU state, so main cannot set it).
 */
static void fpu_survives_switch(void)
{
	struct fpu_snap s;

	fpu_snap(&s);
	BHT_CHECK(s.xmm0 == MARK && s.mxcsr == 0x1FC0,
		  "after a partition switch: xmm0 %#x MXCSR %#x, expected %#x 0x1fc0", s.xmm0,
		  s.mxcsr, MARK);
}

static void restart_by_fpu_error(void)
{
	phase = 2;
	fpu_arm_fault();
	fpu_touch(); /* #MF: fpu_error, restart_warm */
	bht_fail(__FILE__, __LINE__, "no x87 error");
}

static void finish(void)
{
	struct bh_partition_status st;

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.restart_count, 2);
	BHT_EQ(st.start_condition, BH_START_HM_PARTITION_RESTART);
	BHT_EQ(st.last_hm_event, BH_HM_FPU_ERROR);
	BHT_EQ(st.hm_events, 1);
	BHT_CHECK(failures_before == 0, "%u checks failed before the last restart",
		  failures_before);
	bh_printf("two warm restarts, the executive ran after each\n");
	bht_finish_and_stop(false);
}

static void worker_entry(void *arg)
{
	(void)arg;
	if (phase == 1)
		fpu_mark(MARK); /* this thread's state, before the first switch */
	sleep_ticks(); /* crosses a window end: a partition switch */
	if (phase == 0) {
		while (!bhv_attack_time())
			rt_delay(1);
		failures_before += bht_failures();
		restart_by_set_mode();
	} else if (phase == 1) {
		fpu_survives_switch();
		failures_before += bht_failures();
		restart_by_fpu_error();
	}
	fpu_touch(); /* nothing pending any more */
	finish();
}

int main(uint32_t cond, uint32_t id)
{
	static const uint32_t want_cond[3] = { BH_START_NORMAL, BH_START_PARTITION_RESTART,
					       BH_START_HM_PARTITION_RESTART };

	fpu_snap(&at_start); /* before anything can touch the FPU */
	(void)id;
	bht_init("warm_restart");
	if (phase > 2)
		bht_error("phase %u", phase);
	BHT_EQ(cond, want_cond[phase]);
	if (phase > 0)
		check_clean(phase == 1 ? "after SET_MODE(WARM_START)" : "after restart_warm");
	rt_init(NULL);
	BHT_EQ(rt_thread_create(&worker, "worker", 5, worker_entry, NULL, stack, STACK), RT_OK);
	rt_start();
}
