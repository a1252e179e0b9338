/*
 * Interrupts-off lengths by kernel path (bh/holdoff.h), in the `holdoff`
 * benchmark kernel only. entry.S stamps the TSC (x86_holdoff_t0) right
 * after the register save of every entry and calls x86_holdoff_end() right
 * before the register restore of every exit; the idle loop stamps around
 * its slice, between cli and sti. Under -icount the difference is
 * instructions. The stamps' own cost (HO_CALIB, measured at boot) is taken
 * off; the entry stub, the register save and the restore with iret are
 * outside the interval (docs/benchmarks.md gives their count).
 */
#if BH_HOLDOFF
#include <arch/bench.h>
#include <arch/x86.h>
#include <bh/hm.h>
#include <bh/holdoff.h>
#include <bh/hypercall.h>
#include <bh/printk.h>
#include <fmt.h>

uint64_t x86_holdoff_t0;
uint32_t holdoff_cause, holdoff_steps;

static uint32_t worst[HO_COUNT];
static uint32_t seen[HO_COUNT];

_Static_assert(HO_HC - HO_STEP_FIRST <= 32, "steps fit a mask");

static const char *const fixed_name[HO_HM] = {
	[HO_OTHER] = "other",
	[HO_TICK] = "tick",
	[HO_TICK_WINDOW] = "tick_window",
	[HO_IRQ] = "irq",
	[HO_IDLE] = "idle_slice",
	[HO_CONSOLE] = "console_tick_slice",
	[HO_RESTART_COLD] = "restart_cold",
	[HO_RESTART_WARM] = "restart_warm",
	[HO_LOAD_STEP] = "load_step",
	[HO_STOP] = "stop",
};

static void note(uint32_t path, uint32_t len)
{
	if (path >= HO_COUNT)
		path = HO_OTHER;
	seen[path]++;
	if (len > worst[path])
		worst[path] = len;
}

void x86_holdoff_end(void)
{
	uint32_t len = (uint32_t)(rdtsc() - x86_holdoff_t0);

	if (holdoff_cause != HO_NONE) {
		note(holdoff_cause, len);
		for (uint32_t m = holdoff_steps; m; m &= m - 1u)
			note(HO_STEP_FIRST + (uint32_t)__builtin_ctz(m), len);
	}
	holdoff_cause = HO_NONE;
	holdoff_steps = 0;
}

static void path_name(uint32_t i, char *buf, size_t size)
{
	if (i < HO_HM)
		bh_snprintf(buf, size, "%s", fixed_name[i]);
	else if (i < HO_HC)
		bh_snprintf(buf, size, "hm_%s", hm_action_name(i - HO_HM));
	else if (i < HO_BAD_HC)
		bh_snprintf(buf, size, "hc_%s", hc_table[i - HO_HC].name);
	else if (i == HO_BAD_HC)
		bh_snprintf(buf, size, "hc_unknown");
	else
		bh_snprintf(buf, size, "trap_%u", i - HO_TRAP);
}

void holdoff_report(void)
{
	uint32_t calib, all = 0;
	char name[40];

	x86_holdoff_calibrate(); /* the stamps with one store between them */
	calib = worst[HO_CALIB] - 1u;
	kprintf("[bh] holdoff: stamp overhead %u insn (taken off)\n", calib);
	for (uint32_t i = HO_OTHER; i < HO_COUNT; i++) {
		if (!seen[i] || i == HO_CALIB)
			continue;
		uint32_t v = worst[i] > calib ? worst[i] - calib : 0;
		path_name(i, name, sizeof(name));
		kprintf("[bh] holdoff path=%s worst=%u count=%u\n", name, v, seen[i]);
		all = BH_MAX(all, v);
	}
	kprintf("[bh] BENCH name=holdoff_worst value=%u unit=insn\n", all);
}
#endif
