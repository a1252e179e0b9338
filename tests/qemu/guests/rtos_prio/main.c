/*
 * Priority order in the executive, observed on the target: threads created
 * before rt_start run highest priority first and FIFO among equals;
 * creating or raising a higher-priority thread preempts the caller at
 * once; a post to a higher-priority waiter switches before the post
 * returns; a lower-priority one does not. Every thread appends to one log
 * and the last one compares it with the expected sequence.
 */
#include <bhtest.h>
#include <rtos/rt.h>

#define STACK 4096u
#define NT 8u

static struct rt_thread th[NT], late, raised;
static uint8_t stacks[NT + 2][STACK] __attribute__((aligned(16)));
static struct rt_sem gate;
static char log_buf[64];
static uint32_t log_len;

/* Creation order and priorities: run order must be by priority, then FIFO. */
static const uint8_t prios[NT] = { 7, 3, 31, 0, 12, 3, 20, 3 };
static const char names[NT] = { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };

static void put(char c)
{
	if (log_len + 1 < sizeof(log_buf))
		log_buf[log_len++] = c;
}

static void late_entry(void *arg)
{
	(void)arg;
	put('L');
}

static void raised_entry(void *arg)
{
	(void)arg;
	put('R');
	rt_sem_wait(&gate, RT_FOREVER); /* woken by the lowest thread's post */
	put('r');
}

static void finish(void)
{
	static const char want[] = "dbfhaeLg-RcSr<c>";

	log_buf[log_len] = '\0';
	bh_printf("log %s\n", log_buf);
	for (uint32_t i = 0; want[i] || log_buf[i]; i++)
		BHT_CHECK(log_buf[i] == want[i], "log position %u is '%c', expected '%c' (log %s)",
			  i, log_buf[i] ? log_buf[i] : '$', want[i] ? want[i] : '$', log_buf);
	bht_finish(true);
}

static void worker(void *arg)
{
	uint32_t i = (uint32_t)(uintptr_t)arg;

	put(names[i]);
	if (names[i] == 'e') /* priority 12 creates priority 5: runs at once */
		rt_thread_create(&late, "late", 5, late_entry, NULL, stacks[NT], STACK);
	if (names[i] == 'g') { /* priority 20 creates 25, then raises it above itself */
		put('-');
		rt_thread_create(&raised, "raised", 25, raised_entry, NULL, stacks[NT + 1], STACK);
		rt_thread_set_priority(&raised, 2);
	}
	if (names[i] == 'c') { /* the lowest: post (switch before it returns), then end */
		put('S');
		rt_sem_post(&gate);
		put('<');
		put('c');
		put('>');
		finish();
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_prio");
	rt_init(NULL);
	rt_sem_init(&gate, 0, 1);
	for (uint32_t i = 0; i < NT; i++)
		if (rt_thread_create(&th[i], "w", prios[i], worker, (void *)(uintptr_t)i, stacks[i],
				     STACK) != RT_OK)
			bht_error("thread %u not created", i);
	BHT_EQ(rt_thread_create(&late, "bad", RT_NPRIO, late_entry, NULL, stacks[NT], STACK),
	       RT_EINVAL);
	BHT_EQ(log_len, 0); /* nothing runs before rt_start */
	rt_start();
}
