/*
 * The x86 benchmark module (kernel/arch/x86/bench/), compiled only into
 * benchmark images (BH_BENCH=1). Shared by C and assembler: the entry
 * points and constants of the stubs. A normal image contains none of them.
 */
#ifndef ARCH_X86_BENCH_H
#define ARCH_X86_BENCH_H

#include <arch/entry.h> /* frame offsets and the save/restore sequences */

/* Where the interrupt probes store the entry TSC: vCPU bench_entry_tsc. */
#define BENCH_VCPU_ENTRY_TSC (0xFFFFF000 + 328)

/* sysenter with this in eax returns at once: the bare sysenter/sysexit trip. */
#define BENCH_SYSENTER_NULL 0xB0CEB0CE

#define MSR_SYSENTER_CS 0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_regs;

/* Install the bench entries and print the ring-0 baselines (boot.c). */
void x86_bench_init(void);

/* bench_cpu.c: gate 0x82, the ring-0 side of cpu_throughput */
void x86_bench_cpu_init(void);

/* bench.S */
extern char x86_bench_null_entry[];	       /* gate 0x81 */
extern const uint32_t x86_bench_irq_table[16]; /* probing stubs, IRQ 0-15 */
extern uint32_t x86_bench_probe_adj;	       /* added to the probe's TSC */
extern volatile uint64_t x86_bench_native_entry; /* native stub's entry TSC */
extern volatile uint64_t x86_bench_native_isr_tsc; /* native handler's first TSC */
extern char x86_bench_native_irq3[];
uint32_t x86_bench_probe_calibrate(void);
uint32_t x86_bench_stamp_pair(void);
uint32_t x86_bench_cli_sti(void);
void x86_bench_native_isr(void);

/* bench.c, called by the native stub like x86_trap. */
__attribute__((regparm(1))) struct arch_regs *x86_bench_native_trap(struct arch_regs *r);

/* sysenter.S */
extern char x86_sysenter_entry[];
#endif

#endif /* ARCH_X86_BENCH_H */
