/*
 * The benchmark control gate, shared by the kernel's benchmark module
 * (kernel/arch/x86/bench/, benchmark images only) and the benchmark
 * partitions (bench/include/bhbench.h). A normal image has no such gate:
 * `int $0x83` is a general protection fault there (tests/qemu/bench_absent).
 *
 *   int $0x83 with eax = op:
 *     BH_BENCH_OP_RAISE    ebx, ecx = vector bits 0..31, 32..63: record one
 *                          arrival of each at the caller, as a kernel source
 *                          would (lines 32..47 excepted); then the kernel's
 *                          usual resume (a deliverable vector is delivered)
 *     BH_BENCH_OP_IRQ_TSC  ebx = line: edx:eax = the TSC the kernel's entry
 *                          probe took for that line's last interrupt (the
 *                          value an rdtsc at the normal stub's first
 *                          instruction would have read), from any ring
 *   eax = BH_BENCH_EBADOP for anything else. Other registers are preserved.
 */
#ifndef BH_COMMON_BENCH_GATE_H
#define BH_COMMON_BENCH_GATE_H

#define BH_BENCH_GATE_VECTOR 0x83u
#define BH_BENCH_OP_RAISE 0u
#define BH_BENCH_OP_IRQ_TSC 1u
#define BH_BENCH_EBADOP 0xFFFFFFFFu

#endif /* BH_COMMON_BENCH_GATE_H */
