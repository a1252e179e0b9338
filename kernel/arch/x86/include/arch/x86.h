/*
 * i386 definitions shared by the x86 arch files: selectors, control-register
 * bits, port I/O and the few privileged instructions the kernel uses.
 */
#ifndef ARCH_X86_X86_H
#define ARCH_X86_X86_H

#include <stdint.h>
#include <stdbool.h>

#include <arch/selectors.h>

#define EFLAGS_CF (1u << 0)
#define EFLAGS_RSVD1 (1u << 1)
#define EFLAGS_PF (1u << 2)
#define EFLAGS_AF (1u << 4)
#define EFLAGS_ZF (1u << 6)
#define EFLAGS_SF (1u << 7)
#define EFLAGS_TF (1u << 8)
#define EFLAGS_IF (1u << 9)
#define EFLAGS_DF (1u << 10)
#define EFLAGS_OF (1u << 11)
#define EFLAGS_IOPL (3u << 12)
#define EFLAGS_NT (1u << 14)
#define EFLAGS_RF (1u << 16)
#define EFLAGS_VM (1u << 17)
#define EFLAGS_AC (1u << 18)

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR0_WP (1u << 16)
#define CR0_PG (1u << 31)
#define CR4_PSE (1u << 4)
#define CR4_PGE (1u << 7)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)

#define PTE_P 0x001u
#define PTE_W 0x002u
#define PTE_U 0x004u
#define PTE_PS 0x080u
#define PTE_G 0x100u

#define VEC_IRQ_BASE 0x20u
#define VEC_BENCH_NULL 0x81u /* empty ring-3 trap, benchmark images only */

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr2(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Defined in the x86 arch files. */
struct arch_regs;
struct mb_info;
void x86_boot(uint32_t magic, const struct mb_info *mbi); /* boot.S calls it */
/* C side of the trap stubs (entry.S): frame in, frame to resume out. */
__attribute__((regparm(1))) struct arch_regs *x86_trap(struct arch_regs *r);
__attribute__((regparm(1))) struct arch_regs *x86_irq(struct arch_regs *r);
__attribute__((regparm(1))) struct arch_regs *x86_vm86(struct arch_regs *r);
void desc_init(void);

/* The GDT (desc.c). Two slots change at run time, written inline on the
 * switch path: the thread-pointer slot (tls.c: a partition's descriptor
 * only for the instant the kernel loads fs or gs with it, null whenever
 * ring 3 runs) and the TSS slot (tss.c: the next partition's, then ltr). */
struct gdt_entry {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, flags_limit_hi, base_hi;
} __attribute__((packed));

union gdt_slot {
	struct gdt_entry e;
	uint32_t w[2];
};

extern union gdt_slot x86_gdt[GDT_ENTRIES];

static inline void desc_set(unsigned slot, uint64_t desc)
{
	x86_gdt[slot].w[0] = (uint32_t)desc;
	x86_gdt[slot].w[1] = (uint32_t)(desc >> 32);
}

static inline void desc_set_tls(uint64_t desc)
{
	desc_set(GDT_TLS, desc);
}

static inline void desc_set_tss(uint64_t desc)
{
	desc_set(GDT_TSS, desc);
}
#if BH_BENCH
/* Benchmark images only (kernel/arch/x86/bench/): gates and the sysenter stack. */
void desc_set_gate(unsigned vec, uint32_t handler, unsigned dpl);
uint32_t desc_kernel_stack_slot(void);
#endif
struct bh_cfg_ioport;
uint64_t tss_boot_desc(void);
uint64_t tss_partition_init(uint32_t id, uint32_t esp0, const struct bh_cfg_ioport *ports,
			    uint32_t nports);
void pic_init(void);
void pic_eoi(unsigned line);
int pic_spurious(unsigned line);
void serial_init(void);
void serial_emulation_init(void);
uint64_t clock_tsc_hz(void); /* the TSC rate measured at boot, 0 before */
void paging_init(void);
uint32_t paging_kernel_pd(void);
struct partition;
struct arch_ctx;
/*
 * The segment fs and gs hold until the partition sets a thread pointer
 * (tls.c): expand-down read-write data, DPL 3, largest limit (no offset is
 * inside it), base 0x20000000 in the kernel's half.
 */
#define DESC_TLS_UNSET 0x20CFF7000000FFFFull
void tls_load_segments(const struct arch_ctx *c);
void tls_ctx_reset(struct arch_ctx *c);
void tls_unusable_segments(struct arch_ctx *c);
bool tls_emulate(struct partition *p, struct arch_regs *r);
uint32_t *x86_gpr(struct arch_regs *r, uint32_t n); /* ModRM numbering */
int paging_aspace_init(struct partition *p);
void fpu_init(void);
void fpu_save(uint8_t *area);
void fpu_restore(const uint8_t *area);
void fpu_clean_state(uint8_t *area);
void fpu_restore_clean(void); /* the registers as fpu_init left them */
struct partition;

/* Mask a line that just fired and acknowledge it (inline: the IRQ path). */
extern uint32_t x86_pic_imr;

static inline void pic_mask_and_eoi(unsigned line)
{
	uint32_t imr = x86_pic_imr |= 1u << line;

	if (line < 8) {
		outb(0x21, (uint8_t)imr);
		outb(0x20, 0x20);
	} else {
		outb(0xA1, (uint8_t)(imr >> 8));
		/* non-specific EOI to the slave, then to the master */
		__asm__ volatile("outb %%al, $0xA0\n\toutb %%al, $0x20" : : "a"(0x20));
	}
}

#endif /* ARCH_X86_X86_H */
