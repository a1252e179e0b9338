/*
 * The cost of recording one trace event (docs/trace.md), measured in ring 0
 * by the benchmark module of a traced benchmark image (BH_BENCH=1 and
 * BH_TRACE=1; bench/trace). Before the trace starts, the ring is borrowed
 * for the measurement and left as trace_init() will set it up again.
 *
 *   trace_event      a hook whose class is recorded: the class test, the
 *                    time-stamp read and the four stores, as inlined at
 *                    every call site (trace_put());
 *   trace_event_off  a hook whose class is not recorded: the class test.
 *
 * Each is the best of REPS single events between two stamps, minus the
 * stamp pair's own count.
 */
#if BH_TRACE

#include <arch/bench.h>
#include <bh/printk.h>
#include <bh/trace.h>

#define REPS 8u

static uint32_t one_event(uint32_t classes, uint32_t stamp)
{
	uint32_t best = UINT32_MAX;

	bh_trace.classes = classes;
	for (uint32_t i = 0; i < REPS; i++) {
		uint64_t t0 = arch_clock();
		__asm__ volatile("" ::: "memory");
		trace_put(BH_TRACE_C_SCHED, BH_TRACE_SWITCH, i, i, i);
		__asm__ volatile("" ::: "memory");
		uint32_t d = (uint32_t)(arch_clock() - t0);
		best = d < best ? d : best;
	}
	return best - stamp;
}

void x86_bench_trace(uint32_t stamp)
{
	const struct bh_cfg_trace *c = &bh_cfg.trace;

	if (!c->records || (c->records & (c->records - 1)) || !c->ring) {
		kprintf("[bh] bench: no trace ring, trace_event not measured\n");
		return;
	}
	bh_trace.ring = c->ring;
	bh_trace.mask = c->records - 1;
	kprintf("[bh] BENCH name=trace_event value=%u unit=insn\n", one_event(BH_TRACE_C_ALL, stamp));
	kprintf("[bh] BENCH name=trace_event_off value=%u unit=insn\n", one_event(0, stamp));
	bh_trace = (struct trace_state){ 0 };
}

#endif /* BH_TRACE */
