/*
 * The x86 benchmark module (kernel/arch/x86/bench/), compiled only into
 * benchmark images (BH_BENCH=1). Shared by C and assembler: the entry
 * points and constants of the stubs. A normal image contains none of them.
 */
#ifndef ARCH_X86_BENCH_H
#define ARCH_X86_BENCH_H

#include <arch/entry.h> /* frame offsets and the save/restore sequences */

/* sysenter with this in eax returns at once: the bare sysenter/sysexit trip. */
#define BENCH_SYSENTER_NULL 0xB0CEB0CE

#define MSR_SYSENTER_CS 0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176

#ifdef __ASSEMBLER__
/*
 * The entry probe: the TSC, plus the calibrated x86_bench_probe_adj, into
 * the 8 bytes at `store`, then on to the stub at *target with every
 * register as it was. `jmp *target` must be its last instruction (the
 * calibration in bench.S relies on it).
 */
	.macro PROBE store, target
	pushl %eax
	pushl %edx
	rdtsc
	addl x86_bench_probe_adj, %eax
	adcl $0, %edx
	movl %eax, \store
	movl %edx, \store+4
	popl %edx
	popl %eax
	jmp *\target
	.endm
#else
#include <stdint.h>

struct arch_regs;

/* Install the bench entries and print the ring-0 baselines (boot.c). */
void x86_bench_init(void);

/* bench_cpu.c: gate 0x82, the ring-0 side of cpu_throughput */
void x86_bench_cpu_init(void);
/* bench_gate.c: gate 0x83, raise vectors and read entry stamps */
void x86_bench_gate_init(void);
__attribute__((regparm(1))) struct arch_regs *x86_bench_gate(struct arch_regs *r);

/* bench_trace.c (traced benchmark images): the cost of one trace event. */
void x86_bench_trace(uint32_t stamp);

/* bench.S */
extern char x86_bench_null_entry[];	       /* gate 0x81 */
extern const uint32_t x86_bench_irq_table[16]; /* probing stubs, IRQ 0-15 */
extern uint32_t x86_bench_probe_adj;	       /* added to the probe's TSC */
extern volatile uint64_t x86_bench_native_entry; /* native stub's entry TSC */
extern volatile uint64_t x86_bench_native_isr_tsc; /* native handler's first TSC */
extern volatile uint64_t x86_bench_native_end_tsc; /* ... and its last */
extern volatile uint32_t x86_bench_native_runs;	   /* native handler calls */
extern volatile uint64_t x86_bench_irq_tsc[16];	   /* probe stamp per line */
extern char x86_bench_native_irq3[];
extern char x86_bench_native_resumed[];
uint32_t x86_bench_probe_calibrate(void);
uint32_t x86_bench_stamp_pair(void);
uint32_t x86_bench_cli_sti(void);
uint32_t x86_bench_native_trip(void); /* TSC (low) back at the interrupted point */
void x86_bench_native_isr(void);

/* bench.c, called by the native stub like x86_trap. */
__attribute__((regparm(1))) struct arch_regs *x86_bench_native_trap(struct arch_regs *r);

/* sysenter.S */
extern char x86_sysenter_entry[];

/*
 * rt0_*.c, rt0_entry.S: the guest executive run in ring 0 with real cli/sti
 * and the real 8259, the native baseline of irq_to_thread.
 */
void x86_bench_rt0_run(void);
void x86_bench_rt0_dispatch(void); /* called by the IRQ 8 stub */
extern char x86_bench_rt0_irq8[];   /* the probed IRQ 8 gate */
extern volatile uint64_t x86_bench_rt0_entry_tsc;

/* holdoff.c and entry.S, in the holdoff kernel only (bh/holdoff.h). */
extern uint64_t x86_holdoff_t0;
void x86_holdoff_end(void);
void x86_holdoff_calibrate(void);
#endif

#endif /* ARCH_X86_BENCH_H */
