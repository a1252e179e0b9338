/*
 * Kernel start-up and the end of a run (the configured number of major
 * frames, a module halt, or the health monitor) with its summary. The
 * entry points the architecture calls are in entry.c.
 */
#include <bh/arch.h>
#include <bh/cmdline.h>
#include <bh/console.h>
#include <bh/entry.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/port.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/virq.h>

#define BH_VERSION "0.1"

uint32_t kernel_stop_frames = UINT32_MAX;

void kmain(const struct boot_info *bi)
{
	cmdline_init(bi->cmdline);
	console_boot(); /* no drain state from an earlier boot (host tests boot many times) */
	kprintf("[bh] Bulkhead %s (ABI %u.%u), system '%s'\n", BH_VERSION,
		BH_ABI_VERSION_MAJOR, BH_ABI_VERSION_MINOR, bh_cfg.name);
	cfg_check(bi->ram_end);
	arch_init();
	trace_init(); /* measures the clock: before the timer starts */
	arch_timer_start(bh_cfg.tick_us); /* interrupts stay off until the first resume */
	trace_time_zero();
	time_init();
	part_init_all();
	sched_init();
	uint32_t frames = cmdline_uint("frames", 0);
	kernel_stop_frames = frames ? frames : UINT32_MAX; /* 0: run forever */
	/* The PIT counts 1193182 Hz: a tick is the nearest whole number of its
	 * clocks, so the real period (and every ns the kernel reports) differs
	 * slightly from the configured one. */
	kprintf("[bh] %u partitions, %u windows, major frame %u ticks of %u us (PIT period %llu ns)",
		bh_cfg.npartitions, bh_cfg.nwindows, bh_cfg.major_frame, bh_cfg.tick_us,
		(unsigned long long)time_ticks_to_ns(1));
	if (frames)
		kprintf(", stopping after %u frames", frames);
	kprintf("\n");
	arch_enter(sched_resume(arch_idle_regs()));
}

void kernel_end_of_frame(void)
{
	if (kernel_stop_frames != UINT32_MAX && bh_sched.frame_seq >= kernel_stop_frames)
		kernel_shutdown(BH_EXIT_OK, "configured number of major frames done");
}

static void summary(void)
{
	kprintf("[bh] summary: %llu ticks, %u major frames, %llu idle ticks\n",
		(unsigned long long)bh_sched.now, bh_sched.frame_seq,
		(unsigned long long)bh_sched.idle_ticks);
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct partition *p = &bh_partitions[i];
		kprintf("[bh] partition %s: mode=%s windows=%u ticks=%llu "
			"bad_hypercalls=%u upcalls=%u arrivals=%u hm=%u restarts=%u\n",
			p->cfg->name, part_mode_name(p->mode), p->windows_total,
			(unsigned long long)p->ticks_run, p->bad_hypercalls,
			p->virq.upcalls, p->virq.arrivals, p->hm_events, p->restart_count);
		if (p->con.dropped_total)
			kprintf("[bh] partition %s: %u bytes of console output dropped in all\n",
				p->cfg->name, p->con.dropped_total);
	}
	port_summary();
}

void kernel_shutdown(unsigned code, const char *why)
{
	console_flush_all(); /* the run is over: the UART may be waited for */
	summary();
	trace_dump(code);
#if BH_HOLDOFF
	holdoff_report();
#endif
	kprintf("[bh] halt: %s\n", why);
	arch_halt(code);
}
