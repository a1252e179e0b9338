/*
 * A fake architecture for running the kernel core on the development host:
 * memory is an array, the interrupt controller a bit mask, the console a
 * buffer. It implements the whole contract of bh/arch.h.
 */
#include <arch/host.h>
#include <bh/arch.h>
#include <bh/partition.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t host_ram[HOST_RAM_SIZE];
char host_console[65536];
size_t host_console_len;
uint8_t host_debug[HOST_DEBUG_SIZE];
size_t host_debug_len;
uint64_t host_clock;
uint32_t host_irq_masked = 0xFFFFu;
uint32_t host_timer_elapsed_ns;
uint32_t host_tick_us;
uint32_t host_timer_hz;
struct partition *host_live;
uint32_t host_switches;
jmp_buf *host_halt_jmp;
unsigned host_halt_code;
jmp_buf *host_enter_jmp;
struct arch_regs *host_entered;

static struct arch_regs idle_regs;

uint32_t host_console_room = HOST_CONSOLE_ROOM_ANY;

void host_reset(void)
{
	host_console_room = HOST_CONSOLE_ROOM_ANY;
	host_console_len = 0;
	host_console[0] = '\0';
	host_debug_len = 0;
	host_irq_masked = 0xFFFFu;
	host_timer_elapsed_ns = 0;
	host_timer_hz = 0;
	host_live = NULL;
	host_switches = 0;
	host_halt_code = 0;
}

void arch_init(void)
{
}

uint32_t arch_console_room(void)
{
	return host_console_room;
}

void arch_console_put(const char *s, uint32_t n)
{
	if (n > host_console_room)
		abort(); /* the drain wrote more than it was given room for */
	arch_console_put_sync(s, n);
}

void arch_console_put_sync(const char *s, uint32_t n)
{
	/* The drain writes lines as the UART needs them ("\r\n"); the host
	 * console keeps them as arch_console_write's text ("\n"). */
	for (uint32_t i = 0; i < n; i++)
		if (s[i] != '\r')
			arch_console_write(&s[i], 1);
}

void arch_console_write(const char *s, size_t n)
{
	size_t room = sizeof(host_console) - 1 - host_console_len;

	if (n > room)
		n = room;
	memcpy(host_console + host_console_len, s, n);
	host_console_len += n;
	host_console[host_console_len] = '\0';
	if (getenv("BH_HOST_CONSOLE"))
		fwrite(s, 1, n, stderr);
}

/* The fake clock runs at 1 GHz: one tick per read. */
uint64_t arch_clock_hz(void)
{
	return 1000000000u;
}

void arch_debug_write(const void *buf, size_t n)
{
	if (n > HOST_DEBUG_SIZE - host_debug_len)
		n = HOST_DEBUG_SIZE - host_debug_len;
	memcpy(host_debug + host_debug_len, buf, n);
	host_debug_len += n;
}

void arch_halt(unsigned code)
{
	host_halt_code = code;
	if (host_halt_jmp)
		longjmp(*host_halt_jmp, (int)code + 1);
	fprintf(stderr, "arch_halt(%#x) with no test expecting it:\n%s\n", code, host_console);
	abort();
}

void arch_timer_start(uint32_t tick_us)
{
	host_tick_us = tick_us;
}

void arch_timer_period(uint32_t *clocks, uint32_t *hz)
{
	*clocks = host_tick_us ? host_tick_us : bh_cfg.tick_us;
	*hz = host_timer_hz ? host_timer_hz : 1000000u;
}

uint32_t arch_timer_elapsed_ns(void)
{
	return host_timer_elapsed_ns;
}

bool arch_emulate(struct partition *p, struct arch_regs *r, uint32_t error)
{
	(void)p;
	(void)r;
	(void)error;
	return false;
}

/* The fake architecture has no segments: the calls only record. */
int32_t arch_tls_set(struct partition *p, uint32_t base)
{
	p->ctx.tls_set = base;
	return BH_OK;
}

void arch_tls_register(struct partition *p, uint32_t va)
{
	p->ctx.tls_table = va;
}

/* No cycle counter on the fake architecture: guests fall back to the call. */
uint64_t arch_clock_counter(void)
{
	return 0;
}

void arch_clock_calibrate(uint32_t *mult, uint32_t *shift)
{
	*mult = 0;
	*shift = 0;
}

void arch_irq_mask(unsigned line)
{
	host_irq_masked |= 1u << line;
}

void arch_irq_unmask(unsigned line)
{
	host_irq_masked &= ~(1u << line);
}

void arch_phys_open(void)
{
}

void arch_phys_close(void)
{
}

void arch_aspace_check(void)
{
}

void *arch_user_ptr(const struct partition *p, uint32_t va, paddr_t pa)
{
	(void)p;
	(void)va;
	return arch_phys_to_virt(pa);
}

void *arch_phys_to_virt(paddr_t pa)
{
	if (pa.pa < BH_CFG_PHYS_POOL_BASE || pa.pa - BH_CFG_PHYS_POOL_BASE >= HOST_RAM_SIZE) {
		fprintf(stderr, "host arch: physical address %#x is not backed\n", pa.pa);
		abort();
	}
	return host_ram + (pa.pa - BH_CFG_PHYS_POOL_BASE);
}

uint32_t host_ram_end(void)
{
	return BH_CFG_PHYS_POOL_BASE + HOST_RAM_SIZE;
}

int arch_aspace_init(struct partition *p)
{
	(void)p;
	return 0;
}

void arch_ctx_reload(struct arch_ctx *c)
{
	memset(c->fpu, 0, sizeof(c->fpu));
}

void arch_switch_to(struct partition *next)
{
	if (next && next != host_live) {
		host_live = next;
		host_switches++;
	}
}

struct arch_regs *arch_idle_regs(void)
{
	idle_regs = (struct arch_regs){ .cs = 0x08, .eip = 0x1D1E };
	return &idle_regs;
}

void arch_enter(struct arch_regs *r)
{
	host_entered = r;
	if (host_enter_jmp)
		longjmp(*host_enter_jmp, 1);
	abort(); /* the host never enters a partition */
}
