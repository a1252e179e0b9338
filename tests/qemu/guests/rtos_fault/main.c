/*
 * Recovery from propagated traps (config: hm ... propagate). A worker
 * thread divides by zero, then (restarted) executes an undefined opcode,
 * then touches unmapped memory, then finishes: the executive's fault
 * policy restarts it each time. A second thread faults two ticks later
 * while owning a binary semaphore and is told to exit: the semaphore
 * passes to its waiter. Meanwhile a heartbeat thread keeps running, and the partition
 * itself is never restarted by the kernel.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u
#define UNMAPPED 0x50000000u

static struct rt_thread worker, holder, waiter, heart;
static uint8_t stacks[4][STACK] __attribute__((aligned(16)));
static struct rt_bsem m;
static struct rt_fault faults[8];
static struct rt_thread *fault_thread[8];
static volatile uint32_t nfaults, beats, worker_done, waiter_got;
static volatile uint32_t zero;

static enum rt_fault_action on_fault(struct rt_thread *t, const struct rt_fault *f)
{
	if (nfaults < 8) {
		faults[nfaults] = *f;
		fault_thread[nfaults] = t;
	}
	nfaults++;
	return t == &holder ? RT_FAULT_EXIT : RT_FAULT_RESTART;
}

static void worker_entry(void *arg)
{
	(void)arg;
	switch (worker.restarts) {
	case 0: {
		volatile uint32_t x = 7 / zero;
		(void)x;
		break;
	}
	case 1: __asm__ volatile("ud2"); break;
	case 2: (void)*(volatile uint32_t *)UNMAPPED; break;
	default: worker_done = 1; return;
	}
	bht_fail(__FILE__, __LINE__, "fault %u did not trap", worker.restarts);
}

static void holder_entry(void *arg)
{
	(void)arg;
	rt_bsem_take(&m, RT_FOREVER);
	rt_delay(2); /* the waiter queues up meanwhile */
	__asm__ volatile("ud2");
	bht_fail(__FILE__, __LINE__, "holder survived its fault");
}

static void waiter_entry(void *arg)
{
	(void)arg;
	rt_delay(1);
	BHT_EQ(rt_bsem_take(&m, 50), RT_OK);
	waiter_got = 1;
}

static void check(void)
{
	struct bh_partition_status st;
	static const uint32_t traps[4] = { 0, 6, 14, 6 }; /* worker x3, then holder */

	BHT_EQ(nfaults, 4);
	for (uint32_t i = 0; i < 4 && i < nfaults; i++)
		BHT_CHECK(faults[i].trap == traps[i], "fault %u: trap %u, expected %u", i,
			  faults[i].trap, traps[i]);
	BHT_CHECK(fault_thread[0] == &worker && fault_thread[2] == &worker &&
			  fault_thread[3] == &holder,
		  "faults came from the wrong threads");
	BHT_EQ(faults[2].addr, UNMAPPED);
	BHT_EQ(worker.restarts, 3);
	BHT_EQ(worker_done, 1);
	BHT_EQ(holder.state, RT_DORMANT);
	BHT_EQ(waiter_got, 1);
	BHT_CHECK(beats >= 5, "heartbeat stopped at %u", beats);
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.restart_count, 0);
	BHT_EQ(st.hm_events, 4);
	bh_printf("%u faults recovered, worker restarted %u times, %u heartbeats\n", nfaults,
		  worker.restarts, beats);
}

static void heart_entry(void *arg)
{
	(void)arg;
	while (beats < 20) {
		beats++;
		rt_delay(1);
	}
	check();
	bht_finish(true);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_fault");
	struct rt_config cfg = { 0, on_fault };
	rt_init(&cfg);
	rt_bsem_init(&m);
	rt_thread_create(&heart, "heart", 8, heart_entry, NULL, stacks[0], STACK);
	rt_thread_create(&holder, "holder", 3, holder_entry, NULL, stacks[1], STACK);
	rt_thread_create(&waiter, "waiter", 4, waiter_entry, NULL, stacks[2], STACK);
	rt_thread_create(&worker, "worker", 5, worker_entry, NULL, stacks[3], STACK);
	rt_start();
}
