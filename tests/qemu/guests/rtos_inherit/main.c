/*
 * Priority inheritance on the target. L (20) owns binary semaphore m; H (2)
 * blocks on it, so L runs at 2: M (10), made ready meanwhile, must wait
 * until L gives m back, which hands m to H at once. Then the transitive
 * case (L owns m1, M owns m2 and waits for m1, H waits for m2: L runs at
 * 2), and a timed-out waiter taking its priority back. Run order goes to a
 * log compared at the end, priorities are sampled where they matter.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u

static struct rt_thread tl, tm, th;
static uint8_t stacks[3][STACK] __attribute__((aligned(16)));
static struct rt_bsem m1, m2;
static struct rt_sem gate_m, gate_h;
static char log_buf[48];
static uint32_t log_len, phase;
static volatile bool h_timed_out;

static void put(char c)
{
	if (log_len + 1 < sizeof(log_buf))
		log_buf[log_len++] = c;
}

static void high(void *arg)
{
	(void)arg;
	rt_sem_wait(&gate_h, RT_FOREVER); /* phase 1 */
	put('H');
	BHT_EQ(rt_bsem_take(&m1, RT_FOREVER), RT_OK);
	put('h');
	BHT_CHECK(m1.owner == &th, "H woke without owning m1");
	rt_bsem_give(&m1);
	rt_sem_wait(&gate_h, RT_FOREVER); /* phase 2 */
	BHT_EQ(rt_bsem_take(&m2, RT_FOREVER), RT_OK);
	put('2');
	rt_bsem_give(&m2);
	rt_sem_wait(&gate_h, RT_FOREVER); /* phase 3 */
	uint64_t t0 = rt_ticks();
	BHT_EQ(rt_bsem_take(&m1, 3), RT_ETIMEOUT);
	BHT_EQ(rt_ticks() - t0, 3);
	put('t');
	h_timed_out = true;
}

static void mid(void *arg)
{
	(void)arg;
	rt_sem_wait(&gate_m, RT_FOREVER); /* phase 1 */
	put('M');
	rt_sem_wait(&gate_m, RT_FOREVER); /* phase 2: own m2, then wait for m1 */
	rt_bsem_take(&m2, RT_FOREVER);
	put('m');
	rt_bsem_take(&m1, RT_FOREVER);
	put('1');
	BHT_EQ(rt_thread_priority(&tm), 2); /* H still waits for m2 */
	rt_bsem_give(&m1);
	rt_bsem_give(&m2);
	BHT_EQ(rt_thread_priority(&tm), 10);
}

static void phase1(void)
{
	rt_bsem_take(&m1, RT_FOREVER);
	put('l');
	rt_sem_post(&gate_h); /* H runs, blocks on m1 */
	BHT_EQ(rt_thread_priority(&tl), 2);
	put('i');
	rt_sem_post(&gate_m); /* M is ready but below L's inherited 2 */
	put('p');
	rt_bsem_give(&m1); /* H takes it and runs, then M */
	put('L');
	BHT_EQ(rt_thread_priority(&tl), 20);
}

static void phase2(void)
{
	rt_bsem_take(&m1, RT_FOREVER);
	rt_sem_post(&gate_m); /* M: takes m2, waits for m1 */
	BHT_EQ(rt_thread_priority(&tl), 10);
	rt_sem_post(&gate_h); /* H waits for m2: M and, through it, L get 2 */
	BHT_EQ(rt_thread_priority(&tm), 2);
	BHT_EQ(rt_thread_priority(&tl), 2);
	put('x');
	rt_bsem_give(&m1);
	put('X');
	BHT_EQ(rt_thread_priority(&tl), 20);
}

static void phase3(void)
{
	rt_bsem_take(&m1, RT_FOREVER);
	rt_sem_post(&gate_h); /* H waits 3 ticks for m1 */
	BHT_EQ(rt_thread_priority(&tl), 2);
	while (!h_timed_out) /* spin: only H's timeout, at a tick, ends this */
		;
	BHT_EQ(rt_thread_priority(&tl), 20);
	rt_bsem_give(&m1);
	put('e');
}

static void low(void *arg)
{
	(void)arg;
	phase = 1;
	phase1();
	phase = 2;
	phase2();
	phase = 3;
	phase3();
	log_buf[log_len] = '\0';
	bh_printf("log %s\n", log_buf);
	BHT_CHECK(!__builtin_strcmp(log_buf, "lHiphML" "mx12X" "te"), "log %s", log_buf);
	bht_finish(true);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_inherit");
	rt_init(NULL);
	rt_bsem_init(&m1);
	rt_bsem_init(&m2);
	rt_sem_init(&gate_m, 0, 1);
	rt_sem_init(&gate_h, 0, 1);
	rt_thread_create(&th, "H", 2, high, NULL, stacks[0], STACK);
	rt_thread_create(&tm, "M", 10, mid, NULL, stacks[1], STACK);
	rt_thread_create(&tl, "L", 20, low, NULL, stacks[2], STACK);
	rt_start();
}
