/*
 * hostile_victim's x87/MMX/SSE state: distinctive values in every x87
 * stack register, every xmm register, a non-default control word and
 * MXCSR, loaded once; the fxsave image must never change afterwards.
 */
#ifndef HV_FPU_H
#define HV_FPU_H

#include <stdint.h>

/* Load the pattern and keep its fxsave image. */
void hv_fpu_load(void);
/* Bytes of the x87/SSE registers that differ from the loaded pattern. */
uint32_t hv_fpu_check(void);
/* The pattern's 32-bit word (attackers look for it in their own state). */
#define HV_FPU_WORD 0x56494354u /* "TCIV" */

#endif /* HV_FPU_H */
