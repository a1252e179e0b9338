/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The i386/bulkhead BSP: RTEMS in a Bulkhead partition, in ring 3, on the
 * Bulkhead guest interface (bulkhead/rtems_paravirt.h) and nothing else.
 */
#ifndef LIBBSP_I386_BULKHEAD_BSP_H
#define LIBBSP_I386_BULKHEAD_BSP_H

#include <bspopts.h>
#include <bsp/default-initial-extension.h>
#include <rtems.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The partition's memory ends here (linkcmds: RamEnd = RamBase + RamSize). */
extern char RamBase[], RamSize[], RamEnd[];

/* The idle thread's body (BSP_IDLE_TASK_BODY): gives the processor back. */
void *bulkhead_idle_thread(uintptr_t ignored);
#define BSP_IDLE_TASK_BODY bulkhead_idle_thread

/*
 * The BSP's initial extension: the default fatal extension, and a thread
 * switch extension that gives each thread its own virtual interrupt flag
 * (start/bspstart.c). CONFIGURE_DISABLE_BSP_SETTINGS drops it: then a
 * thread resumes with the flag of the thread it switched from.
 */
void bulkhead_thread_switch(rtems_tcb *executing, rtems_tcb *heir);
#undef BSP_INITIAL_EXTENSION
#define BSP_INITIAL_EXTENSION \
	{ .thread_switch = bulkhead_thread_switch, .fatal = bsp_fatal_extension }

/* Install the exception vectors (propagated traps, 64 + n). */
void bulkhead_exception_initialize(void);
/* The upcall frame of the interrupt being dispatched (count, trap data). */
struct bh_upcall_frame;
struct bh_upcall_frame *bulkhead_interrupt_frame(void);

#ifdef __cplusplus
}
#endif

#endif /* LIBBSP_I386_BULKHEAD_BSP_H */
