/*
 * Benchmark images only: the benchmark control gate 0x83 (common/
 * bench_gate.h). It lets a benchmark partition put vectors in the pending
 * state the way a kernel source does (so that N pending vectors can be
 * measured without N devices), and read the entry probes' TSC stamps.
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bench_gate.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/virq.h>

extern char x86_bench_gate_entry[];

static uint32_t raise_word(struct partition *p, uint32_t w, uint32_t bits)
{
	for (; bits; bits &= bits - 1) {
		uint32_t v = w * 32u + (uint32_t)__builtin_ctz(bits);
		if (!virq_is_line_vector(v))
			virq_raise(p, v, 1);
	}
	return 0;
}

__attribute__((regparm(1))) struct arch_regs *x86_bench_gate(struct arch_regs *r)
{
	struct partition *p = bh_sched.running;
	uint32_t line = r->ebx & 15u;

	switch (r->eax) {
	case BH_BENCH_OP_RAISE:
		r->eax = raise_word(p, 0, r->ebx) | raise_word(p, 1, r->ecx);
		return sched_resume(r);
	case BH_BENCH_OP_IRQ_TSC:
		r->eax = (uint32_t)x86_bench_irq_tsc[line];
		r->edx = (uint32_t)(x86_bench_irq_tsc[line] >> 32);
		return r;
	default:
		r->eax = BH_BENCH_EBADOP;
		return r;
	}
}

void x86_bench_gate_init(void)
{
	desc_set_gate(BH_BENCH_GATE_VECTOR, (uint32_t)x86_bench_gate_entry, 3);
}
