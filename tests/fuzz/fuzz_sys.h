/*
 * The host-built kernel as the hypercall fuzz target drives it: the unit
 * tests' system (tests/unit/support/tsys.h), booted through kmain, and the
 * checks made around every hypercall (fuzz_sys.c).
 */
#ifndef FUZZ_SYS_H
#define FUZZ_SYS_H

#include <arch/host.h>
#include <bh/arch.h>
#include <bh/config.h>
#include <bh/partition.h>
#include <bh/sched.h>

#include "tsys.h"

/* Boot the test system afresh (a panic longjmps to host_halt_jmp). */
void fz_sys_boot(void);
/* Kernel pointer to host RAM at physical address pa. */
uint8_t *fz_sys_mem(uint32_t pa);
/* A hypercall by p (the running partition): a[0] = eax, a[1..5] = ebx..edi;
 * checks the result and every partition's memory, aborts on a violation. */
void fz_sys_hypercall(struct partition *p, const uint32_t a[6]);
void fz_sys_tick(uint32_t n);
void fz_sys_irq(unsigned line);
void fz_sys_trap(unsigned exc, uint32_t error);
/* Print what went wrong, with the console's tail, and abort. */
__attribute__((noreturn)) void fz_sys_report(const char *what);

#endif
