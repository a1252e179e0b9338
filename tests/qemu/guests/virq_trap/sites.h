/* The faulting sites of sites.S. */
#ifndef SITES_H
#define SITES_H

#include <stdint.h>

extern volatile uint32_t trap_esp;
uint32_t trap_de(uint32_t zero);
uint32_t trap_ud(uint32_t unused);
uint32_t trap_pf_read(uint32_t addr);
uint32_t trap_pf_write(uint32_t addr);
uint32_t trap_mf(uint32_t unused);
void fpu_arm_zero_divide(void);
extern char trap_de_site[], trap_de_end[], trap_ud_site[], trap_ud_end[];
extern char trap_pf_read_site[], trap_pf_read_end[], trap_pf_write_site[], trap_pf_write_end[];
extern char trap_mf_site[], trap_mf_end[];

#endif
