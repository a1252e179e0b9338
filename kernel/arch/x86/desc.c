/*
 * Descriptor tables: a flat GDT (kernel and user code/data, the
 * thread-pointer slot, one TSS slot; the layout is arch/selectors.h), the
 * null LDT and the IDT. The TSSs and their I/O permission bitmaps are in
 * tss.c. Without the `lldt` LDTR would keep its reset value (base 0, limit
 * 0xFFFF): ring 3 could load descriptors from whatever bytes lie at linear
 * address 0.
 */
#include <arch/x86.h>
#include <bulkhead/abi.h>
#include <bh/lib.h>
#include <bh/types.h>

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

struct desc_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

union gdt_slot x86_gdt[GDT_ENTRIES] __attribute__((aligned(8)));
static struct idt_gate idt[256] __attribute__((aligned(8)));

extern const uint32_t x86_vector_table[48];
extern char x86_hypercall_entry[];
extern char x86_upcall_return_entry[];

static void gdt_set(unsigned i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	struct gdt_entry *e = &x86_gdt[i].e;

	e->limit_lo = (uint16_t)limit;
	e->base_lo = (uint16_t)base;
	e->base_mid = (uint8_t)(base >> 16);
	e->access = access;
	e->flags_limit_hi = (uint8_t)((flags << 4) | ((limit >> 16) & 0xFu));
	e->base_hi = (uint8_t)(base >> 24);
}

static void idt_set(unsigned vec, uint32_t handler, unsigned dpl)
{
	idt[vec].off_lo = (uint16_t)handler;
	idt[vec].sel = SEL_KCODE;
	idt[vec].zero = 0;
	idt[vec].type = (uint8_t)(0x8Eu | (dpl << 5)); /* present 32-bit interrupt gate */
	idt[vec].off_hi = (uint16_t)(handler >> 16);
}

static void gdt_load(void)
{
	struct desc_ptr p = { sizeof(x86_gdt) - 1, (uint32_t)x86_gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%ss\n\t"
			 "mov %3, %%fs\n\t"
			 "mov %3, %%gs\n\t"
			 "lldt %w3\n\t" /* the null LDT: see arch/selectors.h */
			 "ltr %w4"
			 :
			 : "m"(p), "i"(SEL_KCODE), "r"(SEL_KDATA), "r"(0), "r"(SEL_TSS)
			 : "memory");
}

void desc_init(void)
{
	/* flags 0xC: 4 KiB granularity, 32-bit. */
	gdt_set(GDT_KCODE, 0, 0xFFFFF, 0x9A, 0xC); /* kernel code */
	gdt_set(GDT_KDATA, 0, 0xFFFFF, 0x92, 0xC); /* kernel data */
	gdt_set(GDT_UCODE, 0, 0xFFFFF, 0xFA, 0xC); /* user code, DPL 3 */
	gdt_set(GDT_UDATA, 0, 0xFFFFF, 0xF2, 0xC); /* user data, DPL 3 */
	desc_set_tss(tss_boot_desc()); /* until a partition's is loaded (tss.c) */
	gdt_load();

	for (unsigned v = 0; v < 48; v++)
		idt_set(v, x86_vector_table[v], 0);
	idt_set(0x80, (uint32_t)x86_hypercall_entry, 3);
	idt_set(BH_UPCALL_RETURN_VECTOR, (uint32_t)x86_upcall_return_entry, 3);
	struct desc_ptr ip = { sizeof(idt) - 1, (uint32_t)idt };
	__asm__ volatile("lidt %0" : : "m"(ip));
}

#if BH_BENCH
/* For the benchmark module (bench/bench.c) only: set or replace a gate. */
void desc_set_gate(unsigned vec, uint32_t handler, unsigned dpl)
{
	idt_set(vec, handler, dpl);
}

#endif
