/*
 * Kernel start-up and the end of a run (kernel/core/main.c). The trap
 * entry points the architecture calls are declared in bh/arch.h and live
 * in kernel/core/entry.c.
 */
#ifndef BH_ENTRY_H
#define BH_ENTRY_H

#include <bh/types.h>

/* The end of a major frame: stop the run if it has lasted as configured
 * (frame_seq reaching kernel_stop_frames, the command line's frames=N;
 * UINT32_MAX: never, frames=0 or none). An architecture's window-start fast
 * path leaves every frame end from that number on to the C scheduler. */
void kernel_end_of_frame(void);
extern uint32_t kernel_stop_frames;

/* End the run: flush output, print the summary, halt with `code`. */
BH_NORETURN void kernel_shutdown(unsigned code, const char *why);

/* Boot-time check of the configuration tables (cfg_check.c); panics. */
void cfg_check(uint32_t ram_end);

#endif /* BH_ENTRY_H */
