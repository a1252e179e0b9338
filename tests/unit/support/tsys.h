/*
 * The test system for the core's host unit tests: a hand-written
 * configuration (tsys_config.c) and a small API that boots it through kmain
 * on the host architecture and drives it as the hardware would (timer ticks,
 * hypercalls from the running partition, device interrupts, CPU traps).
 *
 * Partitions (ids):
 *   alpha (0)  not privileged, owns IRQ line 5, virtual tick every 2 ticks,
 *              regions text rx / data rw / ro r / stack rwx / shm rw (shared)
 *              / top rw (the last page below BH_USER_LIMIT), two segments
 *   beta  (1)  privileged, code rwx / data rw / shm r (same shared object)
 *   gamma (2)  not privileged, one rwx region at 0x48000000
 *
 * Schedule (tick 1 ms, major frame 20 ticks):
 *   0-4 alpha | 4-7 beta | 7-10 idle | 10-12 gamma | 12-15 alpha | 15-16 idle
 *   | 16-20 beta (ends exactly at the end of the major frame)
 *
 * The configuration is mutable (tsys_cfg, tsys_parts, tsys_regions,
 * tsys_windows) so that a test can change it before booting; tsys_setup()
 * restores the defaults.
 */
#ifndef TSYS_H
#define TSYS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/host.h>
#include <bh/arch.h>
#include <bh/config.h>
#include <bh/partition.h>
#include <bh/sched.h>

enum { TSYS_ALPHA = 0, TSYS_BETA = 1, TSYS_GAMMA = 2, TSYS_NPART = 3 };

/* alpha's regions (index in its region table, virtual base, size). */
enum { A_R_TEXT, A_R_DATA, A_R_RO, A_R_STACK, A_R_SHM, A_R_TOP, A_NREGIONS };
#define A_TEXT 0x40000000u
#define A_TEXT_SIZE 0x4000u
#define A_DATA 0x40010000u
#define A_DATA_SIZE 0x4000u
#define A_RO 0x40014000u /* right after data: adjacent virtually */
#define A_RO_SIZE 0x1000u
#define A_STACK 0x40030000u
#define A_STACK_SIZE 0x2000u
#define A_SHM 0x50000000u
#define A_SHM_SIZE 0x2000u
#define A_TOP 0xFFBFF000u
#define A_TOP_SIZE 0x1000u
#define A_ENTRY 0x40000010u
#define A_HANDLER 0x40000100u /* an address in text used as upcall entry */
#define A_SEG_TEXT_LEN 64u    /* filesz of alpha's text segment */
#define A_SEG_DATA_LEN 16u    /* filesz of alpha's data segment */
#define A_LINE 5u	      /* the IRQ line alpha owns */
#define A_TICK_PERIOD 2u

#define B_CODE 0x40000000u
#define B_DATA 0x40010000u
#define B_DATA_SIZE 0x2000u
#define B_SHM 0x60000000u
#define G_MEM 0x48000000u
#define G_MEM_SIZE 0x4000u

/* Physical addresses (all inside host_ram). */
#define TSYS_PA(off) (BH_CFG_PHYS_POOL_BASE + (off))
#define PA_A_TEXT TSYS_PA(0x00000u)
#define PA_A_DATA TSYS_PA(0x10000u)
#define PA_SHM TSYS_PA(0x100000u)

#define TSYS_TICK_US 1000u
#define TSYS_TICK_NS 1000000u
#define TSYS_MAJOR 20u

extern struct bh_cfg_system *const tsys_cfg;
extern struct bh_cfg_partition tsys_parts[TSYS_NPART];
extern struct bh_cfg_region tsys_regions[TSYS_NPART][BH_CFG_MAX_REGIONS];
extern struct bh_cfg_window tsys_windows[8];
extern struct bh_cfg_segment tsys_segments[TSYS_NPART][2];
extern const uint8_t tsys_alpha_text[A_SEG_TEXT_LEN];
extern const uint8_t tsys_alpha_data[A_SEG_DATA_LEN];

/* Restore the default configuration and a clean host machine. */
void tsys_config_reset(void);
/* cmocka setup: tsys_config_reset() plus host state; always returns 0. */
int tsys_setup(void **state);
/* cmocka setup: tsys_setup() then boot with no command line. */
int tsys_setup_boot(void **state);

/* Boot through kmain (cmdline may be NULL). Panics abort unless caught. */
void tsys_boot(const char *cmdline);

/* The frame the processor would resume now (a partition's or idle). */
extern struct arch_regs *tsys_frame;

/* Drive the machine. */
void tsys_tick(uint32_t n);
void tsys_irq(unsigned line);
void tsys_trap(unsigned exc, uint32_t error, uint32_t addr);
/* Tick until partition id runs (at most two major frames); fails if never. */
void tsys_run_until(uint32_t id);

/* A hypercall by the running partition: eax = a[0], ebx..edi = a[1..5]. */
int32_t tsys_hcv(const uint32_t a[6]);
#define tsys_hc(...) tsys_hcv((const uint32_t[6]){ __VA_ARGS__ })

/* State. */
struct partition *tsys_part(uint32_t id);
uint32_t tsys_running_id(void); /* UINT32_MAX when idle */
/* Kernel pointer to [va, va+len) of partition id (any permission). */
void *tsys_mem(uint32_t id, uint32_t va, uint32_t len);
/* Write out what the partitions' console rings hold in whole lines, as
 * the idle loop would. */
void tsys_console_drain(void);
/* Occurrences of s in the console output (drained first). */
unsigned tsys_console_count(const char *s);

/*
 * Run stmt; if it halts the machine, continue after it. code becomes the
 * arch_halt() code, or TSYS_NO_HALT. Locals changed by stmt must be volatile.
 */
#define TSYS_NO_HALT 0xFFFFFFFFu
#define TSYS_CATCH_HALT(code, stmt)              \
	do {                                     \
		jmp_buf tsys_jb_;                \
		host_halt_jmp = &tsys_jb_;       \
		if (!setjmp(tsys_jb_)) {         \
			stmt;                    \
			(code) = TSYS_NO_HALT;   \
		} else {                         \
			(code) = host_halt_code; \
		}                                \
		host_halt_jmp = NULL;            \
	} while (0)

static inline struct partition *tsys_alpha(void)
{
	return tsys_part(TSYS_ALPHA);
}

#endif /* TSYS_H */
