/* Shared by spin.S and main.c: the register values of the spin loop. */
#ifndef FWD_H
#define FWD_H

#define FWD_EAX 0xA0A0A0A0
#define FWD_EBX 0xB1B1B1B1
#define FWD_ECX 0xC2C2C2C2
#define FWD_EDX 0xD3D3D3D3
#define FWD_ESI 0x5E5E5E5E
#define FWD_EDI 0xD1D1D1D1
#define FWD_EBP 0xBFBFBFBF

#ifndef __ASSEMBLER__
#include <stdint.h>
extern volatile uint32_t fwd_flag, fwd_spin_esp;
extern char fwd_loop[], fwd_loop_end[];
uint32_t fwd_spin(void);
void fwd_entry(void);
#endif

#endif
