/*
 * Task-state segments: one per partition, each with its own I/O permission
 * bitmap and its own esp0 (the top of that partition's saved registers),
 * filled once at boot. A partition switch loads the next partition's TSS
 * (switch.S: its descriptor written into the GDT's one TSS slot, then
 * ltr): the cost does not depend on how many ports a partition has
 * (updating one shared
 * bitmap port by port cost 19 instructions per granted port on each side
 * of a switch; 8,192 ports livelocked a 100 us tick). The boot TSS serves
 * until the first partition runs.
 */
#include <arch/x86.h>
#include <bh/config.h>
#include <bh/lib.h>

#define IOMAP_BYTES 8192u

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
	uint8_t iomap[IOMAP_BYTES];
	uint8_t iomap_end; /* must be 0xff */
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct tss, iomap) == 104, "TSS layout");

static struct tss boot_tss __attribute__((aligned(128)));
static struct tss part_tss[BH_CFG_MAX_PARTITIONS] __attribute__((aligned(128)));

#if BH_BENCH
/* The running partition's esp0, for the benchmark's sysenter entry
 * (switch.S keeps it). */
uint32_t x86_bench_esp0;
#endif

/* An available 32-bit TSS descriptor for t, byte-granular limit. */
static uint64_t tss_desc(const struct tss *t)
{
	uint64_t base = (uint32_t)t, limit = sizeof(*t) - 1;

	return (limit & 0xFFFFu) | (base & 0xFFFFFFu) << 16 | (uint64_t)0x89u << 40 |
	       (limit >> 16 & 0xFu) << 48 | (base >> 24) << 56;
}

static void tss_clear(struct tss *t)
{
	memset(t, 0, sizeof(*t));
	t->ss0 = SEL_KDATA;
	t->iomap_base = (uint16_t)__builtin_offsetof(struct tss, iomap);
	memset(t->iomap, 0xFF, sizeof(t->iomap)); /* every port denied */
	t->iomap_end = 0xFF;
}

/* The boot TSS's descriptor, for desc_init() to put in the GDT. */
uint64_t tss_boot_desc(void)
{
	tss_clear(&boot_tss);
	return tss_desc(&boot_tss);
}

/* Partition id's TSS: its kernel entry stack and the ports it is granted.
 * Returns its descriptor, which a switch loads (switch.S): constant time,
 * whatever the number of ports. */
uint64_t tss_partition_init(uint32_t id, uint32_t esp0, const struct bh_cfg_ioport *ports,
			    uint32_t nports)
{
	struct tss *t = &part_tss[id];

	tss_clear(t);
	t->esp0 = esp0;
	for (uint32_t i = 0; i < nports; i++) {
		uint32_t end = (uint32_t)ports[i].base + ports[i].count; /* cfg_check: <= 64 Ki */
		for (uint32_t port = ports[i].base; port < end; port++)
			t->iomap[port >> 3] &= (uint8_t)~(1u << (port & 7u));
	}
	return tss_desc(t);
}

#if BH_BENCH
/* Where the running partition's esp0 is, for the benchmark's sysenter. */
uint32_t desc_kernel_stack_slot(void)
{
	return (uint32_t)&x86_bench_esp0;
}
#endif
