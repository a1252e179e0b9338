/*
 * FreeRTOSConfig.h template for a FreeRTOS application in a Bulkhead
 * partition (port GCC/Bulkhead_i386). Copy it next to your application and
 * adjust; what the port requires is marked "port:".
 */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

/* port: the partition's `tick` line in the system configuration must give
 * this rate; xPortStartScheduler() refuses to start otherwise. */
#define configTICK_RATE_HZ 1000
/* port: ticks are 32 bits (read atomically on i386). */
#define configTICK_TYPE_WIDTH_IN_BITS TICK_TYPE_WIDTH_32_BITS

#define configUSE_PREEMPTION 1
#define configUSE_TIME_SLICING 1
#define configUSE_PORT_OPTIMISED_TASK_SELECTION 0
#define configMAX_PRIORITIES 8
#define configMINIMAL_STACK_SIZE 512 /* words */
#define configMAX_TASK_NAME_LEN 16
#define configIDLE_SHOULD_YIELD 1
#define configUSE_TASK_NOTIFICATIONS 1
#define configUSE_MUTEXES 1
#define configUSE_RECURSIVE_MUTEXES 1
#define configUSE_COUNTING_SEMAPHORES 1
#define configQUEUE_REGISTRY_SIZE 0
#define configUSE_QUEUE_SETS 0

#define configSUPPORT_STATIC_ALLOCATION 0
#define configSUPPORT_DYNAMIC_ALLOCATION 1
#define configTOTAL_HEAP_SIZE (128 * 1024)

/* port: give the processor back to the kernel when idle (the demo's idle
 * hook calls bh_bsp_idle()). */
#define configUSE_IDLE_HOOK 1
#define configUSE_TICK_HOOK 0
#define configCHECK_FOR_STACK_OVERFLOW 0
#define configUSE_MALLOC_FAILED_HOOK 0

#define configUSE_TIMERS 1
#define configTIMER_TASK_PRIORITY (configMAX_PRIORITIES - 1)
#define configTIMER_QUEUE_LENGTH 8
#define configTIMER_TASK_STACK_DEPTH configMINIMAL_STACK_SIZE

#define INCLUDE_vTaskPrioritySet 1
#define INCLUDE_uxTaskPriorityGet 1
#define INCLUDE_vTaskDelete 1
#define INCLUDE_vTaskSuspend 1
#define INCLUDE_xTaskDelayUntil 1
#define INCLUDE_vTaskDelay 1
#define INCLUDE_xTaskGetSchedulerState 1
#define INCLUDE_xTaskGetCurrentTaskHandle 1

/* port: an assertion that fails reports to the health monitor and stops
 * the partition. */
void vPortAssertFailed(const char *file, int line);
#define configASSERT(x) \
	do { \
		if (!(x)) \
			vPortAssertFailed(__FILE__, __LINE__); \
	} while (0)

#endif /* FREERTOS_CONFIG_H */
