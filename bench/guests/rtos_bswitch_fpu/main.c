/*
 * guest_thread_switch_fpu (bench/rtos_thread_fpu, under icount): as
 * guest_thread_switch (bench/guests/rtos_bswitch, the same source), with
 * both threads holding live x87 and SSE state across the switch (the
 * executive saves and restores it at every switch, FXSAVE/FXRSTOR: under
 * icount each counts as one instruction, whatever its cycles).
 */
#define BSWITCH_FPU 1
#include "../rtos_bswitch/main.c"
