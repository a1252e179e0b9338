/*
 * Booting and driving the test system on the host (see tsys.h). Each entry
 * does what the i386 trap path does before it calls into the core, so the
 * core sees the same sequence of calls as on the machine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tsys.h"
#include <bh/console.h>
#include <bh/uaccess.h>

struct arch_regs *tsys_frame;

int tsys_setup_boot(void **state)
{
	tsys_setup(state);
	tsys_boot(NULL);
	return 0;
}

int tsys_setup(void **state)
{
	(void)state;
	tsys_config_reset();
	host_reset();
	host_halt_jmp = NULL;
	host_enter_jmp = NULL;
	host_tick_us = 0;
	/* Not zero: the kernel must clear what it promises to clear. */
	memset(host_ram, 0xA5, HOST_RAM_SIZE);
	tsys_frame = NULL;
	return 0;
}

void tsys_boot(const char *cmdline)
{
	struct boot_info bi = { cmdline, host_ram_end() };
	jmp_buf jb;

	/* The kernel's BSS, zero at every boot on the machine. */
	memset(bh_partitions, 0, sizeof(bh_partitions));
	memset(&bh_sched, 0, sizeof(bh_sched));
	host_enter_jmp = &jb;
	if (!setjmp(jb))
		kmain(&bi);
	host_enter_jmp = NULL;
	tsys_frame = host_entered;
}

void tsys_tick(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		tsys_frame = core_timer_tick(tsys_frame);
}

/* As the i386 arch does: the line stays masked until its owner is done. */
void tsys_irq(unsigned line)
{
	arch_irq_mask(line);
	tsys_frame = core_irq(tsys_frame, line);
}

void tsys_trap(unsigned exc, uint32_t error, uint32_t addr)
{
	assert_non_null(bh_sched.running);
	tsys_frame = core_trap(tsys_frame, exc, error, addr);
}

void tsys_run_until(uint32_t id)
{
	for (uint32_t i = 0; i <= 2 * bh_cfg.major_frame; i++) {
		if (bh_sched.running == &bh_partitions[id])
			return;
		tsys_tick(1);
	}
	fail_msg("partition %u never ran", id);
}

int32_t tsys_hcv(const uint32_t a[6])
{
	struct partition *p = bh_sched.running;
	struct arch_regs *r;

	assert_non_null(p);
	r = &p->ctx.regs;
	assert_ptr_equal(tsys_frame, r);
	r->eax = a[0];
	r->ebx = a[1];
	r->ecx = a[2];
	r->edx = a[3];
	r->esi = a[4];
	r->edi = a[5];
	tsys_frame = core_hypercall(r);
	return (int32_t)r->eax;
}

struct partition *tsys_part(uint32_t id)
{
	assert_true(id < bh_cfg.npartitions);
	return &bh_partitions[id];
}

uint32_t tsys_running_id(void)
{
	return bh_sched.running ? bh_sched.running->id : UINT32_MAX;
}

void *tsys_mem(uint32_t id, uint32_t va, uint32_t len)
{
	void *k = uaccess_ptr(tsys_part(id), gva(va), len, 0);

	assert_non_null(k);
	return k;
}

void tsys_console_drain(void)
{
	while (host_console_room && console_idle_slice())
		;
}

unsigned tsys_console_count(const char *s)
{
	unsigned n = 0;

	tsys_console_drain();

	for (const char *p = host_console; (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}
