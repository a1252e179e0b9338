/*
 * x87/SSE state. The kernel itself never touches these registers (it is
 * built with -mgeneral-regs-only), so a partition's state stays live on the
 * processor until another partition needs it; then FXSAVE/FXRSTOR swap
 * every x87, MMX and SSE register and MXCSR, and nothing leaks.
 */
#include <arch/x86.h>
#include <bh/lib.h>
#include <bh/printk.h>

static uint8_t clean_state[512] __attribute__((aligned(16)));

void fpu_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & (1u << 24)) || !(d & (1u << 25)))
		panic("CPU lacks FXSR/SSE, which Bulkhead requires");
	write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	uint32_t mxcsr = 0x1F80; /* all SSE exceptions masked, round to nearest */
	__asm__ volatile("fninit\n\t"
			 "ldmxcsr %0"
			 :
			 : "m"(mxcsr));
	fpu_save(clean_state);
}

void fpu_save(uint8_t *area)
{
	__asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
}

void fpu_restore(const uint8_t *area)
{
	__asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
}

void fpu_clean_state(uint8_t *area)
{
	memcpy(area, clean_state, sizeof(clean_state));
}

void fpu_restore_clean(void)
{
	fpu_restore(clean_state);
}
