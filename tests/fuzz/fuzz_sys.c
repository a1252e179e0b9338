/* The hypercall fuzz target's system and checks (fuzz_sys.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_sys.h"

static struct arch_regs *frame;

/* Every partition's memory, copied before a hypercall. */
static uint8_t before[TSYS_NPART][BH_CFG_MAX_REGIONS][64 * 1024];

uint8_t *fz_sys_mem(uint32_t pa)
{
	return host_ram + (pa - BH_CFG_PHYS_POOL_BASE);
}

void fz_sys_report(const char *what)
{
	size_t n = host_console_len > 2000 ? 2000 : host_console_len;

	fprintf(stderr, "fuzz_hc: %s\n---- console tail:\n%s\n", what,
		host_console + host_console_len - n);
	abort();
}

void fz_sys_boot(void)
{
	struct boot_info bi = { NULL, host_ram_end() };
	jmp_buf jb;

	tsys_config_reset();
	host_reset();
	host_tick_us = 0;
	memset(bh_partitions, 0, sizeof(bh_partitions));
	memset(&bh_sched, 0, sizeof(bh_sched));
	host_enter_jmp = &jb;
	if (!setjmp(jb))
		kmain(&bi);
	host_enter_jmp = NULL;
	frame = host_entered;
}

static void snapshot(void)
{
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *c = &bh_cfg.partitions[i];
		for (uint32_t j = 0; j < c->nregions; j++)
			memcpy(before[i][j], fz_sys_mem(c->regions[j].paddr), c->regions[j].size);
	}
}

/* May a hypercall by `caller` write physical [pa, pa + len)? Only inside one of its
 * own writable regions. */
static bool caller_may_write(const struct partition *caller, uint32_t pa, uint32_t len)
{
	const struct bh_cfg_partition *c = caller->cfg;

	for (uint32_t j = 0; j < c->nregions; j++) {
		const struct bh_cfg_region *r = &c->regions[j];
		if ((r->perms & BH_PERM_W) && pa >= r->paddr && pa + len <= r->paddr + r->size)
			return true;
	}
	return false;
}

static void check_memory(const struct partition *caller)
{
	char msg[160];

	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *c = &bh_cfg.partitions[i];
		for (uint32_t j = 0; j < c->nregions; j++) {
			const struct bh_cfg_region *r = &c->regions[j];
			const uint8_t *now = fz_sys_mem(r->paddr);
			if (!memcmp(now, before[i][j], r->size) ||
			    caller_may_write(caller, r->paddr, r->size))
				continue;
			for (uint32_t k = 0; k < r->size; k++) {
				if (now[k] == before[i][j][k])
					continue;
				snprintf(msg, sizeof(msg),
					 "a hypercall by %s wrote %s's memory at %#x (region %u)",
					 caller->cfg->name, c->name, r->vaddr + k, j);
				fz_sys_report(msg);
			}
		}
	}
}

void fz_sys_hypercall(struct partition *p, const uint32_t a[6])
{
	struct arch_regs *r = &p->ctx.regs;
	char msg[96];

	if (frame != r)
		return; /* not in its context (idle, or an upcall pending): no trap from it */
	snapshot();
	r->eax = a[0];
	r->ebx = a[1];
	r->ecx = a[2];
	r->edx = a[3];
	r->esi = a[4];
	r->edi = a[5];
	frame = core_hypercall(r);
	int32_t ret = (int32_t)r->eax;
	if (ret < 0 && ret < BH_ERROR_MIN && a[0] != BH_HC_UPCALL_RETURN) {
		snprintf(msg, sizeof(msg), "hypercall %#x returned %d, not an enum bh_error", a[0],
			 ret);
		fz_sys_report(msg);
	}
	check_memory(p);
}

void fz_sys_tick(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		frame = core_timer_tick(frame);
}

void fz_sys_irq(unsigned line)
{
	if (line == 0 || line == 2 || line == 4) /* the kernel's own lines */
		return;
	arch_irq_mask(line);
	frame = core_irq(frame, line);
}

void fz_sys_trap(unsigned exc, uint32_t error)
{
	if (!bh_sched.running || frame != &bh_sched.running->ctx.regs)
		return; /* traps come from the partition on the processor */
	frame = core_trap(frame, exc, error, exc == 14 ? error : 0);
}
