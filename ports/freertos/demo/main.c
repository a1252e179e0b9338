/*
 * FreeRTOS demo and self-check in a Bulkhead partition (make freertos).
 * Each part checks what it observed and the demo prints one line,
 * "RESULT freertos_demo SUCCESS" or "... FAILURE <first failed check>":
 *   - delays: a periodic task's deadlines are exactly start + k * period
 *     ticks, and it wakes at its deadline (or, when that falls outside
 *     the partition's window, at most MAX_LATE ticks later), preempting at
 *     the tick's upcall return;
 *   - the tick count equals the partition's virtual ticks (time / period),
 *     ticks outside the partition's windows included;
 *   - queue: a producer's 40 items arrive in order through a 4-deep queue;
 *   - mutex: priority inheritance raises the holder and undoes it;
 *   - software timers: an auto-reload timer fires exactly every 25 ticks.
 * Then the partition stops (the watcher next to it ends the run).
 */
#include "FreeRTOS.h"
#include "queue.h"
#include "semphr.h"
#include "task.h"
#include "timers.h"

#define PRIO_LOW 1
#define PRIO_MID 2
#define PRIO_HIGH 4
#define DELAY_PERIOD 7u
#define DELAY_ROUNDS 30u
#define QUEUE_ITEMS 40u
#define TIMER_PERIOD 25u
#define TIMER_FIRES 10u
/*
 * The partition runs 6 ms of every 10 (run-tests.sh): a deadline that falls
 * outside its window is met at the first tick of its next window, so a
 * wake-up may be this many ticks late, never early.
 */
#define MAX_LATE 4u

static unsigned failures;
static const char *first_failure;
static TaskHandle_t main_task, low_task, high_task;
static SemaphoreHandle_t mutex;
static QueueHandle_t queue;
static volatile uint32_t timer_fires;
static volatile TickType_t timer_ticks[TIMER_FIRES + 2];
static char order[8];
static volatile unsigned order_len;

static uint32_t max_late;

static void check(int ok, const char *what);

/* Woke at `now` for a deadline `due`: never early, at most MAX_LATE late. */
static void check_wake(TickType_t now, TickType_t due, const char *what)
{
	uint32_t late = (uint32_t)(now - due);

	check(now >= due && late <= MAX_LATE, what);
	if (now >= due && late > max_late)
		max_late = late;
}

static void check(int ok, const char *what)
{
	if (ok)
		return;
	if (!failures++)
		first_failure = what;
	bh_printf("check failed: %s\n", what);
}

static void mark(char c)
{
	taskENTER_CRITICAL();
	if (order_len < sizeof(order) - 1)
		order[order_len++] = c;
	taskEXIT_CRITICAL();
}

void vApplicationIdleHook(void)
{
	bh_bsp_idle();
}

/* Virtual ticks the kernel raised so far, delivered or still pending. */
static uint64_t kernel_ticks(void)
{
	return bh_vstate->time_ns / bh_bsp_clock_tick_ns();
}

static void check_tick_count(void)
{
	uint32_t level = i386_disable_interrupts();
	uint64_t raised = kernel_ticks();
	uint64_t seen = xTaskGetTickCount();

	if (bh_vstate->pending[0] & (1u << BH_VEC_TICK))
		seen += bh_vstate->count[BH_VEC_TICK];
	i386_enable_interrupts(level);
	check(seen == raised, "tick count equals the partition's virtual ticks");
}

static void test_delays(void)
{
	TickType_t last = xTaskGetTickCount(), start = last;

	for (uint32_t k = 1; k <= DELAY_ROUNDS; k++) {
		xTaskDelayUntil(&last, DELAY_PERIOD);
		check(last == start + k * DELAY_PERIOD, "periodic deadline");
		check_wake(xTaskGetTickCount(), last, "periodic wake-up tick");
	}
	check_tick_count();
	start = xTaskGetTickCount();
	vTaskDelay(50);
	check_wake(xTaskGetTickCount(), start + 50, "vTaskDelay(50) tick");
	check_tick_count();
}

static void producer(void *arg)
{
	(void)arg;
	for (uint32_t i = 1; i <= QUEUE_ITEMS; i++)
		xQueueSend(queue, &i, portMAX_DELAY);
	vTaskDelete(NULL);
}

static void test_queue(void)
{
	uint32_t v, expect = 1;

	queue = xQueueCreate(4, sizeof(uint32_t));
	xTaskCreate(producer, "producer", configMINIMAL_STACK_SIZE, NULL, PRIO_MID, NULL);
	while (expect <= QUEUE_ITEMS && xQueueReceive(queue, &v, 100) == pdTRUE) {
		check(v == expect, "queue order");
		expect++;
	}
	check(expect == QUEUE_ITEMS + 1, "every queued item received");
}

static void high(void *arg)
{
	(void)arg;
	ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
	mark('H'); /* blocks on the mutex the low task holds */
	xSemaphoreTake(mutex, portMAX_DELAY);
	mark('h');
	xSemaphoreGive(mutex);
	vTaskDelete(NULL);
}

static void low(void *arg)
{
	(void)arg;
	xSemaphoreTake(mutex, portMAX_DELAY);
	mark('L');
	xTaskNotifyGive(high_task); /* high preempts, then blocks on the mutex */
	check(uxTaskPriorityGet(NULL) == PRIO_HIGH, "holder inherits the waiter's priority");
	mark('l');
	xSemaphoreGive(mutex); /* high takes it and runs at once */
	check(uxTaskPriorityGet(NULL) == PRIO_LOW, "inheritance undone on release");
	mark('e');
	xTaskNotifyGive(main_task);
	vTaskDelete(NULL);
}

static void test_mutex(void)
{
	mutex = xSemaphoreCreateMutex();
	xTaskCreate(high, "high", configMINIMAL_STACK_SIZE, NULL, PRIO_HIGH, &high_task);
	xTaskCreate(low, "low", configMINIMAL_STACK_SIZE, NULL, PRIO_LOW, &low_task);
	ulTaskNotifyTake(pdTRUE, portMAX_DELAY); /* low runs while we wait */
	order[order_len] = 0;
	bh_printf("mutex order: %s\n", order);
	check(order[0] == 'L' && order[1] == 'H' && order[2] == 'l' && order[3] == 'h' &&
		      order[4] == 'e',
	      "inheritance run order L H l h e");
}

static void on_timer(TimerHandle_t t)
{
	(void)t;
	if (timer_fires < TIMER_FIRES + 2)
		timer_ticks[timer_fires] = xTaskGetTickCount();
	timer_fires++;
}

static void test_timer(void)
{
	TimerHandle_t t = xTimerCreate("t", TIMER_PERIOD, pdTRUE, NULL, on_timer);
	TickType_t start;

	vTaskDelay(1);
	start = xTaskGetTickCount();
	xTimerStart(t, 0);
	vTaskDelay(TIMER_PERIOD * TIMER_FIRES + TIMER_PERIOD / 2);
	xTimerStop(t, 0);
	check(timer_fires == TIMER_FIRES, "timer fired 10 times");
	for (uint32_t i = 0; i < TIMER_FIRES && i < timer_fires; i++)
		check_wake(timer_ticks[i], start + (i + 1) * TIMER_PERIOD, "timer expiry tick");
}

static void main_task_fn(void *arg)
{
	(void)arg;
	bh_printf("FreeRTOS %s in partition %u, tick %u ns\n", tskKERNEL_VERSION_NUMBER,
		  bh_vstate->partition_id, bh_bsp_clock_tick_ns());
	test_delays();
	test_queue();
	test_mutex();
	test_timer();
	bh_printf("ticks %u at %u ms, latest wake-up %u ticks after its deadline\n",
		  (unsigned)xTaskGetTickCount(), (unsigned)(bh_vstate->time_ns / 1000000u),
		  max_late);
	if (failures)
		bh_printf("RESULT freertos_demo FAILURE %s\n", first_failure);
	else
		bh_printf("RESULT freertos_demo SUCCESS\n");
	bh_exit();
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	xTaskCreate(main_task_fn, "main", 2 * configMINIMAL_STACK_SIZE, NULL, PRIO_MID,
		    &main_task);
	vTaskStartScheduler();
	bh_printf("RESULT freertos_demo ERROR the scheduler did not start\n");
	bh_exit();
}
