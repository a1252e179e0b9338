/*
 * The benchmark module, built only into benchmark images (the kernel objects
 * compiled with BH_BENCH=1, linked for the systems under bench/; see the
 * Makefile). There arch_init() calls x86_bench_init() before any partition
 * starts. It
 *
 *   - installs the null trap gate (vector 0x81) for the guests' baseline;
 *   - calibrates the interrupt entry probe and measures the ring-0
 *     baselines (stamp pair, cli;sti, a native interrupt path), printed as
 *     "[bh] BENCH name=... value=... unit=insn" lines;
 *   - replaces the IRQ gates by the probing stubs of bench.S, which record
 *     the TSC at entry per line, and installs the control gate 0x83
 *     (bench_gate.c) through which partitions read those stamps;
 *   - sets up the experimental sysenter hypercall entry (sysenter.S).
 *
 * Under -icount the values are instruction counts; without it they are host
 * clock ticks and bench/run.sh ignores them. A normal image has none of
 * this: no gate 0x81 or 0x82, no probe, no sysenter MSR (tests/image).
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bh/arch.h>
#include <bh/printk.h>

#define REPS 5u
#define COM2 0x2F8u
#define COM2_IRQ 3u
#define CPUID_SEP (1u << 11)
#define WAIT_LOOPS 100000u
/* The handler's last stamp (rdtsc and two stores) precedes its ret: not part
 * of the return (the partitions' handler ends the same way). */
#define HANDLER_END_STAMP 3u

/* Ring-0 handlers of the native path, by line (only COM2's is used). */
static void (*const native_isr[16])(void) = { [COM2_IRQ] = x86_bench_native_isr };

/*
 * Instruction counts under icount. A baseline meant for a TCG timing run
 * must use another unit (e.g. "tsc"): bench/run.sh keeps only unit=insn
 * from icount runs and only the other units from TCG runs.
 */
static void report(const char *name, uint32_t value, const char *unit)
{
	kprintf("[bh] BENCH name=%s value=%u unit=%s\n", name, value, unit);
}

static uint32_t min_of(uint32_t (*fn)(void))
{
	uint32_t best = UINT32_MAX;

	for (unsigned i = 0; i < REPS; i++) {
		uint32_t v = fn();
		best = BH_MIN(best, v);
	}
	return best;
}

/* Where the native interrupt of a round trip came back to (a sanity check). */
static uint32_t native_interrupted_eip;

/* What x86_trap does for a device line, then the handler instead of the core. */
__attribute__((regparm(1))) struct arch_regs *x86_bench_native_trap(struct arch_regs *r)
{
	uint32_t line = r->vector - VEC_IRQ_BASE;

	if (line >= 16 || pic_spurious(line))
		return r;
	pic_eoi(line);
	if (native_isr[line])
		native_isr[line]();
	native_interrupted_eip = r->eip;
	return r;
}

/* COM2 exists only if QEMU got a second -serial: test its scratch register. */
static bool com2_present(void)
{
	outb(COM2 + 7, 0x5A);
	if (inb(COM2 + 7) != 0x5A)
		return false;
	outb(COM2 + 7, 0xA5);
	return inb(COM2 + 7) == 0xA5;
}

/*
 * One interrupt through the native path: enabling COM2's "transmitter
 * empty" interrupt raises line 3 at once; the handler lowers it again.
 * Returns the entry-to-handler count, or UINT32_MAX if nothing came.
 */
static uint32_t native_irq_once(void)
{
	x86_bench_native_isr_tsc = 0;
	outb(COM2 + 1, 0x02);
	for (uint32_t i = 0; i < WAIT_LOOPS && !x86_bench_native_isr_tsc; i++)
		__asm__ volatile("sti\n\tnop\n\tcli" ::: "memory");
	outb(COM2 + 1, 0x00);
	if (!x86_bench_native_isr_tsc)
		return UINT32_MAX;
	return (uint32_t)(x86_bench_native_isr_tsc - x86_bench_native_entry);
}

/* The whole trip: entry, handler, back at the instruction after the out. */
static uint32_t native_trip_once(void)
{
	uint32_t runs = x86_bench_native_runs;
	uint32_t back = x86_bench_native_trip();

	if (x86_bench_native_runs != runs + 1u ||
	    native_interrupted_eip != (uint32_t)x86_bench_native_resumed)
		return UINT32_MAX;
	return back - (uint32_t)x86_bench_native_entry;
}

/* From the handler's return to the interrupted instruction (stamp taken off). */
static uint32_t native_return_once(void)
{
	uint32_t runs = x86_bench_native_runs;
	uint32_t back = x86_bench_native_trip();

	if (x86_bench_native_runs != runs + 1u)
		return UINT32_MAX;
	return back - (uint32_t)x86_bench_native_end_tsc;
}

static void bench_native_irq(void)
{
	if (!com2_present()) {
		kprintf("[bh] bench: no COM2, native_irq not measured\n");
		return;
	}
	outb(COM2 + 4, 0x08); /* OUT2: the UART's interrupt output reaches the PIC */
	desc_set_gate(VEC_IRQ_BASE + COM2_IRQ, (uint32_t)x86_bench_native_irq3, 0);
	arch_irq_unmask(COM2_IRQ);
	uint32_t entry = min_of(native_irq_once);
	uint32_t trip = min_of(native_trip_once);
	uint32_t ret = min_of(native_return_once);
	arch_irq_mask(COM2_IRQ);
	outb(COM2 + 4, 0x00);
	if (entry == UINT32_MAX || trip == UINT32_MAX || ret == UINT32_MAX) {
		kprintf("[bh] bench: COM2 raised no interrupt, or not right after the out: "
			"native_irq not measured\n");
		return;
	}
	report("native_irq", entry, "insn");
	report("native_irq_round_trip", trip, "insn");
	report("native_irq_return", ret - HANDLER_END_STAMP, "insn");
}

static void wrmsr(uint32_t msr, uint32_t lo)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"(lo), "d"(0u));
}

static void sysenter_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_SEP)) {
		kprintf("[bh] bench: no sysenter on this processor\n");
		return;
	}
	wrmsr(MSR_SYSENTER_CS, SEL_KCODE);
	wrmsr(MSR_SYSENTER_ESP, desc_kernel_stack_slot());
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)x86_sysenter_entry);
}

/* The ring-0 baselines; add new ones here (interrupts are off, no partition). */
static void run_baselines(void)
{
	uint32_t stamp = min_of(x86_bench_stamp_pair);

	report("stamp_overhead", stamp, "insn");
	report("native_cli_sti", min_of(x86_bench_cli_sti) - stamp, "insn");
	bench_native_irq();
	x86_bench_rt0_run(); /* native_irq_to_thread (rt0_bench.c) */
#if BH_TRACE
	x86_bench_trace(stamp); /* traced benchmark images (bench_trace.c) */
#endif
}

void x86_bench_init(void)
{
	desc_set_gate(VEC_BENCH_NULL, (uint32_t)x86_bench_null_entry, 3);
	x86_bench_probe_adj = 0;
	x86_bench_probe_adj = min_of(x86_bench_probe_calibrate);
	report("probe_entry_overhead", x86_bench_probe_adj, "insn");
	run_baselines();
	x86_bench_cpu_init(); /* gate 0x82: ring-0 workload (bench_cpu.c) */
	x86_bench_gate_init(); /* gate 0x83: control (bench_gate.c) */
	for (unsigned line = 0; line < 16; line++)
		desc_set_gate(VEC_IRQ_BASE + line, x86_bench_irq_table[line], 0);
	sysenter_init();
}
