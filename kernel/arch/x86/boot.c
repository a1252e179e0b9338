/*
 * From the Multiboot hand-over to kmain: zero .bss, bring up the console,
 * read the command line and memory size, then set up the processor.
 */
#include <arch/bench.h>
#include <arch/x86.h>
#include <bh/arch.h>
#include <bh/cmdline.h>
#include <bh/config.h>
#include <bh/lib.h>
#include <bh/printk.h>

#define MB_BOOT_MAGIC 0x2BADB002u
#define MB_INFO_MEM (1u << 0)
#define MB_INFO_CMDLINE (1u << 2)

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
};

extern char __bss_start[], __bss_end[], __kernel_end[];

void x86_boot(uint32_t magic, const struct mb_info *mbi)
{
	struct boot_info bi = { NULL, 0 };

	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	serial_init();
	if (magic != MB_BOOT_MAGIC)
		panic("not started by a Multiboot loader (eax=%#x)", magic);
	if (mbi->flags & MB_INFO_CMDLINE)
		bi.cmdline = (const char *)mbi->cmdline;
	if (mbi->flags & MB_INFO_MEM)
		bi.ram_end = 0x100000u + mbi->mem_upper * 1024u;
	kmain(&bi);
}

void arch_init(void)
{
	if ((uint32_t)__kernel_end > BH_CFG_PHYS_POOL_BASE)
		panic("kernel image (%#x bytes) reaches partition memory at %#x",
		      (uint32_t)__kernel_end, BH_CFG_PHYS_POOL_BASE);
	desc_init();
	pic_init();
	paging_init();
	fpu_init();
	serial_emulation_init(); /* uart_baud=N: real UART timing under QEMU */
#if BH_BENCH
	x86_bench_init(); /* benchmark image: gates, probes, ring-0 baselines */
#else
	if (cmdline_flag("bench"))
		kprintf("[bh] bench: not a benchmark image, ignored\n");
#endif
}

void arch_halt(unsigned code)
{
	__asm__ volatile("cli");
	/* QEMU's isa-debug-exit device ends the emulator with (code<<1)|1. */
	__asm__ volatile("outl %0, %1" : : "a"((uint32_t)code), "Nd"((uint16_t)0xF4));
	for (;;)
		__asm__ volatile("hlt");
}
