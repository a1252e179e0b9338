/*
 * The boot-time configuration check (kernel/core/cfg_check.c): each way a
 * corrupt or unsuitable table is refused, with its exact panic message, and
 * the limits that must still be accepted. A panic is caught through
 * host_halt_jmp (arch_halt(BH_EXIT_PANIC)).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tsys.h"

#include <bh/entry.h>

#define RAM_END (BH_CFG_PHYS_POOL_BASE + HOST_RAM_SIZE)

static struct bh_cfg_region *ra(uint32_t i)
{
	return &tsys_regions[TSYS_ALPHA][i];
}

static struct bh_cfg_partition *alpha(void)
{
	return &tsys_parts[TSYS_ALPHA];
}

/* One way to break the configuration, and what the kernel must say. */
struct bad_case {
	void (*mutate)(void);
	const char *msg;
	uint32_t ram_end;
};

static void no_partitions(void) { tsys_cfg->npartitions = 0; }
static void many_partitions(void) { tsys_cfg->npartitions = BH_CFG_MAX_PARTITIONS + 1; }
static void tick_short(void) { tsys_cfg->tick_us = 49; }
static void tick_long(void) { tsys_cfg->tick_us = 50001; }
static void no_regions(void) { alpha()->nregions = 0; }
static void many_regions(void) { alpha()->nregions = BH_CFG_MAX_REGIONS + 1; }
static void vaddr_unaligned(void) { ra(0)->vaddr += 8; }
static void paddr_unaligned(void) { ra(1)->paddr += 0x800; }
static void size_unaligned(void) { ra(2)->size = 100; }
static void size_zero(void) { ra(2)->size = 0; }
static void below_user(void) { ra(0)->vaddr = BH_USER_BASE - BH_PAGE_SIZE; }
static void past_user_limit(void) { ra(A_R_TOP)->size = 2 * BH_PAGE_SIZE; }
static void on_vcpu_page(void) { ra(A_R_TOP)->vaddr = BH_VCPU_VADDR; }
static void wraps_user(void) { ra(A_R_TOP)->vaddr = 0xFFFFF000u; ra(A_R_TOP)->size = 0x2000; }
static void kernel_paddr(void) { ra(0)->paddr = BH_CFG_PHYS_POOL_BASE - BH_PAGE_SIZE; }
static void crosses_1g(void) { ra(0)->paddr = 0x3FFFF000u; ra(0)->size = 0x2000; }
static void above_1g(void) { ra(0)->paddr = 0x80000000u; }
static void beyond_ram(void) { ra(3)->paddr = RAM_END - 0x1000; }
static void seg_filesz(void) { tsys_segments[0][1].filesz = 65; }
static void seg_outside(void) { tsys_segments[0][1].vaddr = A_TEXT + A_TEXT_SIZE; }
static void seg_straddles(void) { tsys_segments[0][0].memsz = A_TEXT_SIZE + 1; }
static void entry_outside(void) { alpha()->entry = A_TEXT + A_TEXT_SIZE; }
static void line_0(void) { alpha()->irq_lines = 1u << 0; }
static void line_2(void) { alpha()->irq_lines |= 1u << 2; }
static void line_4(void) { alpha()->irq_lines |= 1u << 4; }
static void line_16(void) { alpha()->irq_lines = 1u << 16; }
static struct bh_cfg_ioport ports[2];
static void set_ports(uint16_t base, uint16_t count)
{
	ports[0] = (struct bh_cfg_ioport){ 0x300, 8 };
	ports[1] = (struct bh_cfg_ioport){ base, count };
	alpha()->ioports = ports;
	alpha()->nioports = 2;
}
static void port_elcr(void) { set_ports(0x4d0, 2); }
static void port_dma(void) { set_ports(0x0, 32); }
static void port_reset92(void) { set_ports(0x90, 4); }
static void port_kbd(void) { set_ports(0x64, 1); }
static void port_pci(void) { set_ports(0xCF9, 1); }
static void port_e9(void) { set_ports(0xE0, 0x20); }
static void port_empty(void) { set_ports(0x300, 0); }
static void port_wraps(void) { set_ports(0xFFFF, 2); }
static void ports_missing(void) { alpha()->nioports = 1; alpha()->ioports = NULL; }
static void bad_action(void) { alpha()->hm_action[BH_HM_UPCALL_ERROR] = BH_HM_ACT_COUNT; }
static void no_page_dir(void) { alpha()->page_dir = NULL; }
static void no_vcpu(void) { alpha()->vcpu = NULL; }
static void no_page_tables(void) { alpha()->page_tables = NULL; }
static void many_ioports(void) { alpha()->nioports = BH_CFG_MAX_IOPORTS + 1; }
static void shared_line(void) { tsys_parts[TSYS_BETA].irq_lines = 1u << A_LINE; }
static void phys_overlap(void) { tsys_regions[TSYS_BETA][0].paddr = PA_A_DATA + 0x1000; }
static void self_overlap(void) { ra(A_R_TOP)->paddr = PA_A_TEXT + 0x3000; }
static void other_shared(void) { tsys_regions[TSYS_BETA][2].shared = 2; }
static void shm_private(void) { tsys_regions[TSYS_BETA][2].shared = 0; }
static void no_windows(void) { tsys_cfg->nwindows = 0; }
static void no_frame(void) { tsys_cfg->major_frame = 0; }
static void win_partition(void) { tsys_windows[2].partition = TSYS_NPART; }
static void win_zero(void) { tsys_windows[1].duration = 0; }
static void win_overlap(void) { tsys_windows[1].start = 3; }
static void win_unsorted(void) { tsys_windows[3].start = 8; }
static void win_past_frame(void) { tsys_windows[4].duration = 5; }
static void win_after_frame(void) { tsys_windows[4].start = 25; tsys_windows[4].duration = 1; }

#define PA "config: partition alpha "
static const struct bad_case bad_cases[] = {
	{ no_partitions, "config: 0 partitions (1..16 supported)", RAM_END },
	{ many_partitions, "config: 17 partitions (1..16 supported)", RAM_END },
	{ tick_short, "config: tick of 49 us is out of range", RAM_END },
	{ tick_long, "config: tick of 50001 us is out of range", RAM_END },
	{ no_regions, PA "has 0 regions", RAM_END },
	{ many_regions, PA "has 17 regions", RAM_END },
	{ vaddr_unaligned, PA "region 0 is not page-aligned", RAM_END },
	{ paddr_unaligned, PA "region 1 is not page-aligned", RAM_END },
	{ size_unaligned, PA "region 2 is not page-aligned", RAM_END },
	{ size_zero, PA "region 2 is not page-aligned", RAM_END },
	{ below_user, PA "region 0 outside the user window", RAM_END },
	{ past_user_limit, PA "region 5 outside the user window", RAM_END },
	{ on_vcpu_page, PA "region 5 outside the user window", RAM_END },
	{ wraps_user, PA "region 5 outside the user window", RAM_END },
	{ kernel_paddr,
	  PA "region 0 at 0xfff000-0x1003000 is outside partition memory [0x1000000, 0x40000000)",
	  RAM_END },
	{ crosses_1g,
	  PA "region 0 at 0x3ffff000-0x40001000 is outside partition memory [0x1000000, 0x40000000)",
	  0 },
	{ above_1g,
	  PA "region 0 at 0x80000000-0x80004000 is outside partition memory [0x1000000, 0x40000000)",
	  0 },
	{ beyond_ram,
	  PA "region 3 at 0x17ff000-0x1801000 is beyond RAM (0x1800000); give QEMU more memory (-m)",
	  RAM_END },
	{ seg_filesz, PA "segment 1 outside its memory", RAM_END },
	{ seg_outside, PA "segment 1 outside its memory", RAM_END },
	{ seg_straddles, PA "segment 0 outside its memory", RAM_END },
	{ entry_outside, PA "entry 0x40004000 outside its memory", RAM_END },
	{ line_0, PA "owns interrupt line 0 (timer)", RAM_END },
	{ line_2, PA "owns interrupt line 2 (PIC cascade)", RAM_END },
	{ line_4, PA "owns interrupt line 4 (console COM1)", RAM_END },
	{ line_16, PA "owns interrupt line 16 (no such line)", RAM_END },
	{ port_elcr,
	  PA "I/O ports 0x4d0-0x4d1 include ports the kernel keeps: interrupt trigger mode "
	     "(ELCR) at 0x4d0-0x4d1",
	  RAM_END },
	{ port_dma,
	  PA "I/O ports 0x0-0x1f include ports the kernel keeps: ISA DMA controller 1 at 0x0-0x1f",
	  RAM_END },
	{ port_reset92,
	  PA "I/O ports 0x90-0x93 include ports the kernel keeps: ISA DMA page registers at "
	     "0x80-0x91",
	  RAM_END },
	{ port_kbd,
	  PA "I/O ports 0x64-0x64 include ports the kernel keeps: keyboard controller (machine "
	     "reset) at 0x64-0x64",
	  RAM_END },
	{ port_pci,
	  PA "I/O ports 0xcf9-0xcf9 include ports the kernel keeps: PCI configuration and reset "
	     "(0xCF9) at 0xcf8-0xcff",
	  RAM_END },
	{ port_e9,
	  PA "I/O ports 0xe0-0xff include ports the kernel keeps: debug console (port 0xE9) at "
	     "0xe9-0xe9",
	  RAM_END },
	{ port_empty, PA "I/O port range 1 is empty or past 0xffff", RAM_END },
	{ port_wraps, PA "I/O port range 1 is empty or past 0xffff", RAM_END },
	{ ports_missing, PA "storage missing", RAM_END },
	{ bad_action, PA "has a bad health-monitor action", RAM_END },
	{ no_page_dir, PA "storage missing", RAM_END },
	{ no_vcpu, PA "storage missing", RAM_END },
	{ no_page_tables, PA "storage missing", RAM_END },
	{ many_ioports, PA "storage missing", RAM_END },
	{ shared_line, "config: partition beta shares an interrupt line", RAM_END },
	{ phys_overlap, "config: partitions alpha and beta overlap in physical memory at 0x1011000",
	  RAM_END },
	{ self_overlap, "config: partitions alpha and alpha overlap in physical memory at 0x1003000",
	  RAM_END },
	{ other_shared, "config: partitions alpha and beta overlap in physical memory at 0x1100000",
	  RAM_END },
	{ shm_private, "config: partitions alpha and beta overlap in physical memory at 0x1100000",
	  RAM_END },
	{ no_windows, "config: empty schedule", RAM_END },
	{ no_frame, "config: empty schedule", RAM_END },
	{ win_partition, "config: window 2 is invalid or overlaps", RAM_END },
	{ win_zero, "config: window 1 is invalid or overlaps", RAM_END },
	{ win_overlap, "config: window 1 is invalid or overlaps", RAM_END },
	{ win_unsorted, "config: window 3 is invalid or overlaps", RAM_END },
	{ win_past_frame, "config: window 4 is invalid or overlaps", RAM_END },
	{ win_after_frame, "config: window 4 is invalid or overlaps", RAM_END },
};

static unsigned check(uint32_t ram_end)
{
	volatile unsigned code;

	TSYS_CATCH_HALT(code, cfg_check(ram_end));
	return code;
}

static void test_each_panic(void **state)
{
	char want[200];

	(void)state;
	for (uint32_t i = 0; i < BH_ARRAY_SIZE(bad_cases); i++) {
		tsys_setup(NULL);
		bad_cases[i].mutate();
		if (check(bad_cases[i].ram_end) != BH_EXIT_PANIC)
			fail_msg("case %u (%s): no panic", i, bad_cases[i].msg);
		snprintf(want, sizeof(want), "\n[bh] PANIC: %s\n", bad_cases[i].msg);
		if (strcmp(host_console, want) != 0)
			fail_msg("case %u: got \"%s\"", i, host_console);
	}
}

/* A panic during boot stops kmain before anything is set up. */
static void test_panic_stops_boot(void **state)
{
	volatile unsigned code;

	tsys_setup(state);
	tsys_cfg->tick_us = 10;
	TSYS_CATCH_HALT(code, tsys_boot(NULL));
	assert_int_equal(code, BH_EXIT_PANIC);
	assert_int_equal(tsys_console_count("[bh] PANIC: config: tick of 10 us is out of range\n"),
			 1);
	assert_int_equal(tsys_console_count("[bh] 3 partitions"), 0);
}

static void limits_accepted(void)
{
	tsys_cfg->tick_us = 50;
	assert_int_equal(check(RAM_END), TSYS_NO_HALT);
	tsys_cfg->tick_us = 50000;
	ra(3)->paddr = RAM_END - A_STACK_SIZE;		      /* ends exactly at the end of RAM */
	ra(0)->paddr = BH_CFG_PHYS_POOL_BASE;		      /* starts at the pool */
	tsys_segments[0][0].memsz = A_TEXT_SIZE;	      /* fills its region */
	alpha()->entry = A_TEXT + A_TEXT_SIZE - 1;	      /* last byte */
	alpha()->irq_lines = (1u << 15) | (1u << 1) | (1u << 3); /* every free line */
	tsys_windows[0].start = 0;
	tsys_windows[3].duration = 4; /* back-to-back with gamma's and beta's */
	/* every port range next to the kernel's, and the last port */
	static struct bh_cfg_ioport edge[BH_CFG_MAX_IOPORTS] = {
		{ 0x22, 30 }, { 0x62, 2 }, { 0x65, 27 }, { 0xA2, 30 },
		{ 0xE0, 9 },  { 0xEA, 10 }, { 0xF8, 0x300 }, { 0xFFFF, 1 },
	};
	alpha()->ioports = edge;
	alpha()->nioports = BH_CFG_MAX_IOPORTS;
	assert_int_equal(check(RAM_END), TSYS_NO_HALT);
}

static void test_limits_accepted(void **state)
{
	tsys_setup(state);
	assert_int_equal(check(RAM_END), TSYS_NO_HALT);
	assert_int_equal(check(0), TSYS_NO_HALT); /* RAM size unknown */
	limits_accepted();
	/* A region ending exactly at 1 GiB, with no RAM size to check. */
	tsys_setup(state);
	ra(A_R_TOP)->paddr = 0x40000000u - A_TOP_SIZE;
	assert_int_equal(check(0), TSYS_NO_HALT);
	tsys_cfg->npartitions = 1;
	tsys_windows[0] = (struct bh_cfg_window){ TSYS_ALPHA, 0, TSYS_MAJOR };
	tsys_cfg->nwindows = 1;
	assert_int_equal(check(0), TSYS_NO_HALT);
	assert_int_equal(host_console_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_panic),
		cmocka_unit_test(test_panic_stops_boot),
		cmocka_unit_test(test_limits_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
