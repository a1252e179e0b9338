/*
 * Host test architecture: the core's unit tests run against the real i386
 * register frame (the ABI is i386), minus its calling-convention attribute.
 */
#define ARCH_ENTRY
#define ARCH_FASTCALL
#include_next <arch/regs.h>
