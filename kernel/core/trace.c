/*
 * The kernel trace's state, its start-up and its dump (see bh/trace.h and
 * docs/trace.md). Built only into BH_TRACE kernels.
 *
 * Time: the ring's timestamps are the architecture's cycle clock. Its rate
 * is measured at boot against the timer (arch_clock_hz) and, at the dump,
 * again over the whole run from the clock at the second and the latest
 * kernel tick, which is more precise once there are enough ticks. Either
 * is rounded to 10 kHz: under QEMU's icount both come out at exactly 1 GHz.
 *
 * Kernel time 0 (the dump's tsc_zero) comes from the latest tick: the
 * clock then, less kernel time then (the tick plus the timer's progress
 * since, as BH_HC_TIME_GET reads it) at that rate. Not from the timer's
 * start: the boot runs with interrupts off for several ticks after it
 * (time_init() calibrates the partitions' clock), so the first tick the
 * kernel counts is one the interrupt controller held, and kernel time
 * runs behind the timer's start by the ticks that were never counted.
 * Nor from the first tick, which is late by however long the boot took.
 */
#ifdef BH_TRACE

#include <bh/arch.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>

struct trace_state bh_trace;

#define TRACE_HZ_ROUND 10000u
#define TRACE_MIN_TICKS 100u /* ticks to measure the rate over the run */

static uint64_t round_hz(uint64_t hz)
{
	return (hz + TRACE_HZ_ROUND / 2) / TRACE_HZ_ROUND * TRACE_HZ_ROUND;
}

void trace_init(void)
{
	const struct bh_cfg_trace *c = &bh_cfg.trace;

	bh_trace = (struct trace_state){ 0 }; /* BSS on the machine; host tests boot again */
	if (!c->classes || !c->records || (c->records & (c->records - 1)) || !c->ring) {
		if (c->classes)
			kprintf("[bh] trace: ring of %u records is not a power of two: off\n",
				c->records);
		return;
	}
	bh_trace.ring = c->ring;
	bh_trace.mask = c->records - 1;
	bh_trace.tsc_hz = round_hz(arch_clock_hz());
	bh_trace.classes = c->classes;
	kprintf("[bh] trace: ring of %u records, classes %#x, clock %llu Hz\n", c->records,
		c->classes, (unsigned long long)bh_trace.tsc_hz);
}

void trace_time_zero(void)
{
	bh_trace.tsc_zero = arch_clock();
}

void trace_virq_reset(const struct partition *p)
{
	for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
		if (bh_bit_test((const uint32_t *)p->vstate->pending, v))
			trace_virq(BH_TRACE_VIRQ_DISCARD, p, v, p->vstate->count[v]);
}

/*
 * The clock at each kernel tick: at the second one (the first may have
 * been held during the boot, see above) and the latest, with kernel time.
 */
void trace_tick_clock(void)
{
	uint64_t t = arch_clock();

	if (bh_sched.now < 2)
		return;
	if (!bh_trace.first_tick) {
		bh_trace.first_tick = bh_sched.now;
		bh_trace.first_tick_tsc = t;
	}
	bh_trace.last_tick_tsc = t;
	bh_trace.last_tick_ns = bh_sched.now_ns + arch_timer_elapsed_ns();
}

/* The rate over the run: ticks are exact in kernel time. */
static uint64_t run_hz(uint32_t clocks, uint32_t hz)
{
	uint64_t ticks = bh_sched.now - bh_trace.first_tick;
	uint64_t d = bh_trace.last_tick_tsc - bh_trace.first_tick_tsc;

	if (!bh_trace.first_tick || ticks < TRACE_MIN_TICKS)
		return bh_trace.tsc_hz;
	/* d / (ticks * clocks / hz), split so that nothing overflows 64 bits */
	uint64_t cyc = ticks * clocks;
	return round_hz((d / cyc) * hz + ((d % cyc) * hz) / cyc);
}

/* The clock at kernel time 0, from the latest tick (see above). */
static uint64_t zero_tsc(uint64_t hz)
{
	uint64_t ns = bh_trace.last_tick_ns;
	uint64_t d = (ns / 1000000000u) * hz + (ns % 1000000000u) * hz / 1000000000u;

	if (!bh_trace.first_tick || d > bh_trace.last_tick_tsc)
		return bh_trace.tsc_zero;
	return bh_trace.last_tick_tsc - d;
}

static void copy_name(char dst[BH_TRACE_NAME_LEN], const char *src)
{
	uint32_t i = 0;

	for (; i < BH_TRACE_NAME_LEN - 1 && src[i]; i++)
		dst[i] = src[i];
	for (; i < BH_TRACE_NAME_LEN; i++)
		dst[i] = '\0';
}

static void dump_header(unsigned exit_code, uint64_t end)
{
	struct bh_trace_header h;
	uint32_t clocks, hz;

	memset(&h, 0, sizeof(h));
	arch_timer_period(&clocks, &hz);
	memcpy(h.magic, BH_TRACE_MAGIC, sizeof(h.magic));
	h.version_major = BH_TRACE_VERSION_MAJOR;
	h.version_minor = BH_TRACE_VERSION_MINOR;
	h.header_size = sizeof(struct bh_trace_header);
	h.part_size = sizeof(struct bh_trace_part);
	h.window_size = sizeof(struct bh_trace_window);
	h.rec_size = sizeof(struct bh_trace_rec);
	h.ring_records = bh_trace.mask + 1;
	h.written = bh_trace.written;
	h.tsc_hz = run_hz(clocks, hz);
	h.tsc_zero = zero_tsc(h.tsc_hz);
	h.end_tsc = end;
	h.end_tick = bh_sched.now;
	h.tick_clocks = clocks;
	h.tick_hz = hz;
	h.tick_us = bh_cfg.tick_us;
	h.major_frame = bh_cfg.major_frame;
	h.classes = bh_trace.classes;
	h.npartitions = bh_cfg.npartitions;
	h.nwindows = bh_cfg.nwindows;
	h.exit_code = exit_code;
	copy_name(h.system, bh_cfg.name);
	arch_debug_write(&h, sizeof(h));
}

/* Each partition's name, mode and the vectors still pending. */
static void dump_parts(void)
{
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct partition *p = &bh_partitions[i];
		struct bh_trace_part tp;

		memset(&tp, 0, sizeof(tp));
		copy_name(tp.name, p->cfg->name);
		tp.mode = p->mode;
		tp.pending[0] = p->vstate->pending[0];
		tp.pending[1] = p->vstate->pending[1];
		for (uint32_t v = 0; v < BH_NR_VECTORS; v++)
			tp.count[v] = bh_bit_test((const uint32_t *)p->vstate->pending, v) ? p->vstate->count[v] : 0;
		arch_debug_write(&tp, sizeof(tp));
	}
}

static void dump_windows(void)
{
	for (uint32_t i = 0; i < bh_cfg.nwindows; i++) {
		const struct bh_cfg_window *w = &bh_cfg.windows[i];
		struct bh_trace_window tw = { w->partition, w->start, w->duration };

		arch_debug_write(&tw, sizeof(tw));
	}
}

/*
 * Written once, after the run (or in a panic): nothing a partition waits
 * for is paid for it. The ring goes out as it is in memory.
 */
void trace_dump(unsigned exit_code)
{
	uint64_t end = arch_clock();
	uint64_t n = BH_MIN(bh_trace.written, (uint64_t)bh_trace.mask + 1);
	struct bh_trace_trailer tr;

	if (!bh_trace.classes || bh_trace.dumped)
		return;
	bh_trace.dumped = true;
	dump_header(exit_code, end);
	dump_parts();
	dump_windows();
	arch_debug_write(bh_trace.ring, (size_t)n * sizeof(struct bh_trace_rec));
	memcpy(tr.magic, BH_TRACE_TRAILER, sizeof(tr.magic));
	tr.records = n;
	arch_debug_write(&tr, sizeof(tr));
	kprintf("[bh] trace: %llu events recorded, %llu lost, %llu written to debug port %#x\n",
		(unsigned long long)bh_trace.written, (unsigned long long)(bh_trace.written - n),
		(unsigned long long)n, BH_TRACE_PORT);
}

#endif /* BH_TRACE */
