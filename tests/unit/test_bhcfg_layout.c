/*
 * bhcfg unit tests: rejections that need the whole file - overlapping
 * memory, the schedule, interrupt lines, I/O ports and tick rates
 * (docs/config.md "What bhcfg rejects"). Each test checks that the config
 * is refused, that the first error names the right line, and its message.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"
#include "bh/resources.h"

/* ------------------------------------------------------ overlapping memory */

static void test_overlap_virtual(void **state)
{
	(void)state;
	bt_reject_in_a("memory 0x40010000 64K rw",
		       "memory overlaps the region at line 6 "
		       "(virtual 0x40000000-0x40040000)");
	bt_reject(HDR "shared sh 8K\n"		      /* 4 */
		      "partition a\n"		      /* 5 */
		      "image good.elf\n"	      /* 6 */
		      "memory 0x40000000 256K rwx\n"  /* 7 */
		      "map sh 0x4003F000 rw\n"	      /* 8 */
		      "end\n" SCHED_A,
		  8, "map overlaps the region at line 7 (virtual 0x40000000-");
}

static void test_overlap_physical(void **state)
{
	(void)state;
	bt_reject(HDR "partition a\n"				  /* 4 */
		      "image good.elf\n"			  /* 5 */
		      "memory 0x40000000 256K rwx at 0x1000000\n" /* 6 */
		      "end\n"					  /* 7 */
		      "partition b\n"				  /* 8 */
		      "image good.elf\n"			  /* 9 */
		      "memory 0x40000000 256K rwx at 0x1020000\n" /* 10 */
		      "end\n"
		      "schedule\nwindow a 0ms 10ms\nwindow b 10ms 10ms\nend\n",
		  10, "memory overlaps the region at line 6 "
		      "(physical 0x1000000-0x1040000)");
	/* two regions of one partition, same physical page */
	bt_reject(HDR "partition a\nimage good.elf\n"
		      "memory 0x40000000 256K rwx at 0x1000000\n" /* 6 */
		      "memory 0x50000000 4K rw at 0x103F000\n"	  /* 7 */
		      "end\n" SCHED_A,
		  7, "memory overlaps the region at line 6 (physical "
		     "0x1000000-0x1040000)");
}

static void test_overlap_shared(void **state)
{
	(void)state;
	bt_reject(HDR "shared buf 64K at 0x1800000\n"		  /* 4 */
		      "partition a\n"				  /* 5 */
		      "image good.elf\n"			  /* 6 */
		      "memory 0x40000000 256K rwx at 0x17F0000\n" /* 7 */
		      "end\n" SCHED_A,
		  7, "memory overlaps shared object 'buf' at line 4 "
		     "(physical 0x1800000-0x1810000)");
	/* the shared object is the later line */
	bt_reject(HDR "partition a\nimage good.elf\n"
		      "memory 0x40000000 256K rwx at 0x1000000\n" /* 6 */
		      "end\n"
		      "shared buf 64K at 0x1000000\n" /* 8 */
		      SCHED_A,
		  8,
		  "shared object overlaps the region at line 6 (physical "
		  "0x1000000-0x1040000)");
}

/* The mappings of a shared object are not overlaps. */
static void test_overlap_shared_maps_ok(void **state)
{
	(void)state;
	assert_int_equal(bt_load(HDR "shared buf 8K\n"
				     "partition a\nimage good.elf\n"
				     "memory 0x40000000 256K rwx\n"
				     "map buf 0x50000000 rw\nend\n"
				     "partition b\nimage good.elf\n"
				     "memory 0x40000000 256K rwx\n"
				     "map buf 0x40040000 r\nend\n"
				     "schedule\nwindow a 0ms 10ms\n"
				     "window b 10ms 10ms\nend\n"),
			 0);
	assert_int_equal(bt_sys->partitions[0].regions[1].paddr,
			 bt_sys->partitions[1].regions[1].paddr);
}

static void test_region_bounds(void **state)
{
	(void)state;
	bt_reject_in_a("memory 0x3FFFF000 4K rw", "outside the partition space");
	bt_reject_in_a("memory 0xFFC00000 4K rw", "outside the partition space");
	bt_reject_in_a("memory 0xFFB00000 2M rw",
		       "region 0xffb00000-0xffd00000 reaches past BH_USER_LIMIT");
	bt_reject_in_a("memory 0x40040000 0 rw", "zero size");
	bt_reject_in_a("map sh 0x3F000000 rw", "outside the partition space");
	bt_reject(HDR "shared sh 8K\n" PART_A		   /* 4, 5-8 */
		      "partition b\nimage good.elf\n"	   /* 9, 10 */
		      "memory 0x40000000 256K rwx\n"	   /* 11 */
		      "map sh 0xFFBFF000 rw\n"		   /* 12 */
		      "end\nschedule\nwindow a 0ms 10ms\n"
		      "window b 10ms 10ms\nend\n",
		  12, "reaches past BH_USER_LIMIT");
}

static void test_misaligned(void **state)
{
	(void)state;
	bt_reject_in_a("memory 0x40040800 4K rw",
		       "virtual address 0x40040800 is not page-aligned");
	bt_reject_in_a("memory 0x40040000 0x1800 rw",
		       "size 0x1800 is not page-aligned");
	bt_reject_in_a("memory 0x40040000 4K rw at 0x1000800",
		       "physical address 0x1000800 is not page-aligned");
	bt_reject_in_a("map sh 0x40040010 rw", "not page-aligned");
	bt_reject(HDR "shared sh 100\n" PART_A SCHED_A, 4,
		  "size 0x64 is not page-aligned");
	bt_reject(HDR "shared sh 4K at 0x2000010\n" PART_A SCHED_A, 4,
		  "physical address 0x2000010 is not page-aligned");
}

static void test_physical_range(void **state)
{
	(void)state;
	bt_reject_in_a("memory 0x40040000 4K rw at 0xF00000",
		       "physical address 0xf00000 is below 16 MiB");
	bt_reject_in_a("memory 0x40040000 8K rw at 0xFFFFF000",
		       "the end of the memory the kernel can map");
	/* the kernel maps partition memory below 1 GiB only */
	bt_reject_in_a("memory 0x40040000 8K rw at 0x3FFFF000",
		       "physical range 0x3ffff000-0x40001000 reaches past "
		       "0x40000000");
	bt_load_ok(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		       "memory 0x40040000 4K rw at 0x3FFFF000\nend\n" SCHED_A);
	/* the automatic placement runs out of what the kernel can map */
	bt_reject(HDR "shared huge 0x3F000000\n" PART_A SCHED_A, 7,
		  "no physical memory left");
}

/* ---------------------------------------------------------------- schedule */

static void test_window_past_frame(void **state)
{
	(void)state;
	bt_reject(HDR PART_A "schedule\n"	  /* 8 */
			     "window a 0ms 5ms\n" /* 9 */
			     "window a 15ms 10ms\n" /* 10 */
			     "end\n",
		  10, "window 15000us-25000us ends past the major frame "
		      "(20000us)");
	bt_reject(HDR PART_A "schedule\nwindow a 20ms 1ms\nend\n", 9,
		  "ends past the major frame");
}

static void test_window_overlap(void **state)
{
	(void)state;
	bt_reject(HDR PART_A "partition b\nimage good.elf\n" /* 8, 9 */
			     "memory 0x40000000 256K rwx\nend\n" /* 10, 11 */
			     "schedule\n"			 /* 12 */
			     "window a 10ms 5ms\n"		 /* 13 */
			     "window b 0ms 10ms\n"		 /* 14 */
			     "window b 12ms 8ms\n"		 /* 15 */
			     "end\n",
		  15, "window overlaps the window at line 13 "
		      "(10000us-15000us)");
}

static void test_window_units(void **state)
{
	(void)state;
	bt_reject(HDR PART_A "schedule\nwindow a 0ms 0ms\nend\n", 9,
		  "window duration must not be zero");
	bt_reject(HDR PART_A "schedule\nwindow a 500us 5ms\nend\n", 9,
		  "window offset 500us is not a multiple of the tick (1000us)");
	bt_reject(HDR PART_A "schedule\nwindow a 0us 1500us\nend\n", 9,
		  "window duration 1500us is not a multiple of the tick");
	bt_reject("system s\ntick 1ms\nmajor_frame 2500us\n" PART_A SCHED_A,
		  3, "major frame 2500us is not a multiple of the tick (1000us)");
}

static void test_window_missing(void **state)
{
	(void)state;
	bt_reject(HDR PART_A "partition b\n" /* 8 */
			     "image good.elf\nmemory 0x40000000 4K rwx\nend\n"
			     SCHED_A,
		  8, "partition 'b' has no window in the schedule");
}

static void test_unknown_partition(void **state)
{
	(void)state;
	bt_reject(HDR PART_A "schedule\nwindow a 0ms 5ms\n"
			     "window zz 5ms 5ms\nend\n",
		  10, "unknown partition 'zz' in window");
}

static void test_unknown_shared(void **state)
{
	(void)state;
	bt_reject_in_a("map nosuch 0x50000000 rw",
		       "unknown shared object 'nosuch'");
}

/* ------------------------------------------------------- interrupt lines */

static void test_irq_bound_twice(void **state)
{
	(void)state;
	bt_reject(HDR "partition a\nimage good.elf\n"	      /* 4, 5 */
		      "memory 0x40000000 256K rwx\nirq 5\n"   /* 6, 7 */
		      "end\npartition b\nimage good.elf\n"    /* 8-10 */
		      "memory 0x40000000 256K rwx\n"	      /* 11 */
		      "irq 5\n"				      /* 12 */
		      "end\nschedule\nwindow a 0ms 5ms\n"
		      "window b 5ms 5ms\nend\n",
		  12, "irq line 5 is already bound at line 7 (partition a)");
	bt_reject(HDR "partition a\nimage good.elf\n"
		      "memory 0x40000000 256K rwx\nirq 9\nirq 9\nend\n" SCHED_A,
		  8, "irq line 9 is already bound at line 7");
}

static void test_irq_reserved(void **state)
{
	(void)state;
	bt_reject_in_a("irq 0", "irq line 0 is reserved for the kernel (timer)");
	bt_reject_in_a("irq 2", "irq line 2 is reserved for the kernel");
	bt_reject_in_a("irq 4", "irq line 4 is reserved for the kernel");
	bt_reject_in_a("irq 16", "irq line 16 is above 15");
}

/* ------------------------------------------------------------- I/O ports */

static void test_ioport_reserved(void **state)
{
	(void)state;
	bt_reject_in_a("ioport 0x21", "include ports the kernel keeps: "
				      "interrupt controller (PIC 1) at 0x20-0x21");
	bt_reject_in_a("ioport 0x9F 2", "include ports the kernel keeps: "
					"ISA DMA page registers at 0x93-0x9f");
	bt_reject_in_a("ioport 0x40 4", "kernel keeps: timer (PIT) at 0x40-0x43");
	bt_reject_in_a("ioport 0x3F0 16", "kernel keeps: console COM1 at 0x3f8-0x3ff");
	bt_reject_in_a("ioport 0xF7", "kernel keeps: debug exit");
	bt_reject_in_a("ioport 0xCFC 4", "kernel keeps: PCI configuration");
	/* the ones issue 8 found accepted */
	bt_reject_in_a("ioport 0x4d0 2", "interrupt trigger mode (ELCR) at 0x4d0-0x4d1");
	bt_reject_in_a("ioport 0x0 32", "ISA DMA controller 1 at 0x0-0x1f");
	bt_reject_in_a("ioport 0x92", "fast reset (port 0x92) at 0x92-0x92");
	bt_reject_in_a("ioport 0x60", "keyboard controller (machine reset) at 0x60");
	bt_reject_in_a("ioport 0x64", "keyboard controller (machine reset) at 0x64");
}

/* Every range of the kernel's table (bh/resources.h): its first and last
 * port are refused, whatever range covers them. */
#define BT_RES_(first, last, what)                                           \
	do {                                                                 \
		char st_[48];                                                \
		snprintf(st_, sizeof(st_), "ioport 0x%x", (unsigned)(first)); \
		bt_reject_in_a(st_, what);                                   \
		snprintf(st_, sizeof(st_), "ioport 0x%x", (unsigned)(last));  \
		bt_reject_in_a(st_, what);                                   \
		snprintf(st_, sizeof(st_), "ioport 0x%x 0x%x",               \
			 (unsigned)(first) ? (unsigned)(first) - 1u : 0u,    \
			 (unsigned)(last) - (unsigned)(first) + 2u);         \
		bt_reject_in_a(st_, "kernel keeps");                         \
	} while (0);

static void test_ioport_reserved_table(void **state)
{
	(void)state;
	BH_RES_PORTS(BT_RES_)
	/* ports between the ranges are a partition's to have */
	bt_load_ok(HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n"
		       "ioport 0x22 30\nioport 0x62 2\nioport 0x65 27\nioport 0xA2 30\n"
		       "ioport 0xE0 9\nioport 0xEA 10\nioport 0xF8 0x300\nend\n" SCHED_A);
}

static void test_ioport_owned_twice(void **state)
{
	(void)state;
	bt_reject(HDR "partition a\nimage good.elf\n"
		      "memory 0x40000000 256K rwx\n" /* 6 */
		      "ioport 0x300 4\n"		     /* 7 */
		      "end\npartition b\nimage good.elf\n"
		      "memory 0x40000000 256K rwx\n"
		      "ioport 0x303\n" /* 12 */
		      "end\nschedule\nwindow a 0ms 5ms\n"
		      "window b 5ms 5ms\nend\n",
		  12, "I/O ports 0x303-0x303 overlap the range at line 7 "
		      "(partition a)");
}

static void test_ioport_range(void **state)
{
	(void)state;
	bt_reject_in_a("ioport 0xFFFF 2", "reaches past 0xffff");
	bt_reject_in_a("ioport 0x10000", "reaches past 0xffff");
	bt_reject_in_a("ioport 0x300 0", "count must not be zero");
}

/* ------------------------------------------------------------------ ticks */

static void test_bad_tick_rate(void **state)
{
	(void)state;
	bt_reject_in_a("tick 300Hz", "tick rate 300Hz does not divide into a "
				     "whole number of kernel ticks");
	bt_reject_in_a("tick 2000Hz", "does not divide into a whole number");
	bt_reject_in_a("tick 0Hz", "tick rate '0Hz' is out of range");
}

static void test_kernel_tick_range(void **state)
{
	(void)state;
	bt_reject("system s\ntick 40us\nmajor_frame 20ms\n" PART_A SCHED_A, 2,
		  "tick 40us is out of range (50us..50ms)");
	bt_reject("system s\ntick 51ms\nmajor_frame 102ms\n" PART_A SCHED_A, 2,
		  "out of range");
	bt_reject("system s\ntick 1ms\nmajor_frame 0ms\n" PART_A SCHED_A, 3,
		  "major frame must not be zero");
}

int bt_group_layout(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap_virtual),
		cmocka_unit_test(test_overlap_physical),
		cmocka_unit_test(test_overlap_shared),
		cmocka_unit_test(test_overlap_shared_maps_ok),
		cmocka_unit_test(test_region_bounds),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_physical_range),
		cmocka_unit_test(test_window_past_frame),
		cmocka_unit_test(test_window_overlap),
		cmocka_unit_test(test_window_units),
		cmocka_unit_test(test_window_missing),
		cmocka_unit_test(test_unknown_partition),
		cmocka_unit_test(test_unknown_shared),
		cmocka_unit_test(test_irq_bound_twice),
		cmocka_unit_test(test_irq_reserved),
		cmocka_unit_test(test_ioport_reserved),
		cmocka_unit_test(test_ioport_reserved_table),
		cmocka_unit_test(test_ioport_owned_twice),
		cmocka_unit_test(test_ioport_range),
		cmocka_unit_test(test_bad_tick_rate),
		cmocka_unit_test(test_kernel_tick_range),
	};

	return cmocka_run_group_tests_name("bhcfg layout rejections", tests, NULL, NULL);
}
