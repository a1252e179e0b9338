/* hostile_victim's FPU pattern (fpu.h). */
#include "fpu.h"

/* fxsave image: FCW..MXCSR_MASK (32 bytes), ST0-7 (128), XMM0-7 (128). */
#define FX_COMPARED 288u

static uint8_t fx_ref[512] __attribute__((aligned(16)));
static uint8_t fx_now[512] __attribute__((aligned(16)));
static uint32_t xmm_pattern[32] __attribute__((aligned(16)));

void hv_fpu_load(void)
{
	uint16_t fcw = 0x0F7F;	 /* round toward zero, 64-bit precision, all masked */
	uint32_t mxcsr = 0x7F80; /* round toward zero, all masked */

	for (uint32_t i = 0; i < 32; i++)
		xmm_pattern[i] = HV_FPU_WORD ^ (i * 0x01010101u);
	__asm__ volatile("fninit\n\t"
			 "fldcw %0\n\t"
			 "fld1\n\tfldpi\n\tfldl2t\n\tfldl2e\n\tfldlg2\n\tfldln2\n\tfld1\n\tfldpi\n\t"
			 "ldmxcsr %1\n\t"
			 "movdqa 0(%2), %%xmm0\n\tmovdqa 16(%2), %%xmm1\n\t"
			 "movdqa 32(%2), %%xmm2\n\tmovdqa 48(%2), %%xmm3\n\t"
			 "movdqa 64(%2), %%xmm4\n\tmovdqa 80(%2), %%xmm5\n\t"
			 "movdqa 96(%2), %%xmm6\n\tmovdqa 112(%2), %%xmm7\n\t"
			 "fxsave %3"
			 :
			 : "m"(fcw), "m"(mxcsr), "r"(xmm_pattern), "m"(fx_ref)
			 : "memory");
}

uint32_t hv_fpu_check(void)
{
	uint32_t diff = 0;

	__asm__ volatile("fxsave %0" : "=m"(fx_now) : : "memory");
	for (uint32_t i = 0; i < FX_COMPARED; i++)
		diff += fx_now[i] != fx_ref[i];
	return diff;
}
