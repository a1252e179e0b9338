/*
 * Hostile class: privileged instructions and every `int n` (tests/qemu/
 * hostile_priv). Each is run in ring 3 and must fault, as this
 * partition's own event (propagated back to it), with exactly the vector
 * and error code the architecture gives for a ring-3 attempt: #GP(0) for
 * privileged and I/O instructions, #GP(n << 3 | 2) for `int n` to a DPL-0
 * gate or an empty IDT slot (every n but 0x80 and 0x84), #UD, #DB, #BR, #DE and #PF
 * where those apply; `popf` may not change IF or IOPL; `int $0x80` with an
 * unknown number is a hypercall that fails with ENOSYS. The only
 * privileged instructions that do not fault are the two reads the kernel
 * serves (kernel/arch/x86/emulate.c): `mov %cr4` gives OSFXSR|OSXMMEXCPT
 * and `mov %cr2` the address of this partition's last page fault, with no
 * event; any other form of them (a write, a prefix) faults. The kernel must
 * count one health-monitor event per fault. The whole list runs again and
 * again until the victim has measured its windows.
 */
#include <hx.h>

#define DE 0u
#define DB 1u
#define BR 5u
#define UD 6u
#define GP 13u
#define PF 14u
#define NONE 0xFFu
#define KERNEL_VA 0x00100000u /* the kernel image: mapped, supervisor only */
#define HOLE_VA 0xFFC00000u   /* above the partition's range, below the vCPU page */

struct probe {
	const char *name;
	const char *code;
	uint8_t len, vector;
	uint32_t error;
};

/* eax = scratch, ebx = bounds, edx = a kernel-owned port, esi/edi = buffer. */
static const struct probe probes[] = {
	{ "hlt", "\xF4", 1, GP, 0 },
	{ "cli", "\xFA", 1, GP, 0 },
	{ "sti", "\xFB", 1, GP, 0 },
	{ "clts", "\x0F\x06", 2, GP, 0 },
	{ "invd", "\x0F\x08", 2, GP, 0 },
	{ "wbinvd", "\x0F\x09", 2, GP, 0 },
	{ "lgdt", "\x0F\x01\x10", 3, GP, 0 },
	{ "lidt", "\x0F\x01\x18", 3, GP, 0 },
	{ "lldt", "\x0F\x00\xD0", 3, GP, 0 },
	{ "ltr", "\x0F\x00\xD8", 3, GP, 0 },
	{ "lmsw", "\x0F\x01\xF0", 3, GP, 0 },
	{ "invlpg", "\x0F\x01\x38", 3, GP, 0 },
	{ "mov cr0, eax", "\x0F\x22\xC0", 3, GP, 0 },
	{ "mov eax, cr0", "\x0F\x20\xC0", 3, GP, 0 },
	{ "mov cr2, eax", "\x0F\x22\xD0", 3, GP, 0 },
	{ "mov eax, cr3", "\x0F\x20\xD8", 3, GP, 0 },
	{ "mov eax, cr2 (0x66)", "\x66\x0F\x20\xD0", 4, GP, 0 },
	{ "mov cr3, eax", "\x0F\x22\xD8", 3, GP, 0 },
	{ "mov cr4, eax", "\x0F\x22\xE0", 3, GP, 0 },
	{ "mov dr7, eax", "\x0F\x23\xF8", 3, GP, 0 },
	{ "mov eax, dr6", "\x0F\x21\xF0", 3, GP, 0 },
	{ "rdmsr", "\x0F\x32", 2, GP, 0 },
	{ "wrmsr", "\x0F\x30", 2, GP, 0 },
	{ "rdpmc", "\x0F\x33", 2, GP, 0 },
	{ "sysexit", "\x0F\x35", 2, GP, 0 },
	{ "sysenter", "\x0F\x34", 2, GP, 0 },
	{ "in al, dx (PIC)", "\xEC", 1, GP, 0 },
	{ "out dx, al (PIC)", "\xEE", 1, GP, 0 },
	{ "in al, 0x21", "\xE4\x21", 2, GP, 0 },
	{ "out 0x80, al", "\xE6\x80", 2, GP, 0 },
	{ "out 0xf4, al (debug exit)", "\xE6\xF4", 2, GP, 0 },
	{ "out 0x92, al (reset)", "\xE6\x92", 2, GP, 0 },
	{ "out 0x64, al (reset)", "\xE6\x64", 2, GP, 0 },
	{ "out 0xcf9, al (reset)", "\x66\xBA\xF9\x0C\xEE", 5, GP, 0 },
	{ "in eax, 0xcfc (PCI)", "\x66\xBA\xFC\x0C\xED", 5, GP, 0 },
	{ "insb", "\x6C", 1, GP, 0 },
	{ "outsb", "\x6E", 1, GP, 0 },
	{ "rep outsd", "\xF3\x6F", 2, GP, 0 },
	{ "int3", "\xCC", 1, GP, (3u << 3) | 2u },
	{ "into (OF set)", "\xB0\x7F\x04\x01\xCE", 5, GP, (4u << 3) | 2u },
	{ "icebp", "\xF1", 1, DB, 0 }, /* QEMU 7.2 raises #UD */
	{ "bound", "\x62\x03", 2, BR, 0 },
	{ "ud2", "\x0F\x0B", 2, UD, 0 },
	{ "lock nop", "\xF0\x90", 2, UD, 0 },
	{ "syscall", "\x0F\x05", 2, UD, 0 },
	{ "sysret", "\x0F\x07", 2, UD, 0 },
	{ "div by zero", "\x31\xC9\xF7\xF1", 4, DE, 0 },
	{ "read kernel", "\xA1\x00\x00\x10\x00", 5, PF, 5 },
	{ "write kernel", "\xA3\x00\x00\x10\x00", 5, PF, 7 },
	{ "read hole", "\xA1\x00\x00\xC0\xFF", 5, PF, 4 },
	{ "jump to kernel", "\xB8\x00\x00\x10\x00\xFF\xE0", 7, PF, 5 },
};
#define NPROBES (sizeof(probes) / sizeof(probes[0]))

static uint8_t scratch[64] __attribute__((aligned(16)));
static int32_t bounds[2] = { 10, 20 };
static uint32_t traps, passes;

static void regs_for(struct hx_regs *r)
{
	*r = (struct hx_regs){ BH_PTR(scratch), BH_PTR(bounds), 0, 0x20, BH_PTR(scratch),
			       BH_PTR(scratch), 0 };
	r->eax = BH_PTR(scratch);
}

static void probe(const struct probe *p)
{
	struct hx_regs r;
	struct hx_trap t;

	regs_for(&r);
	if (p->vector == BR)
		r.eax = 5; /* below the bounds */
	bool trapped = hx_exec(p->code, p->len, &r, &t);
	traps += trapped;
	if (passes)
		return; /* checked once: later passes only repeat the attack */
	BHT_CHECK(trapped, "%s: no fault", p->name);
	if (!trapped)
		return;
	uint32_t v = p->vector == DB && t.vector == BH_VEC_TRAP(UD) ? DB : t.vector - BH_VEC_TRAP_BASE;
	BHT_CHECK(v == p->vector && t.error == p->error,
		  "%s: trap %u error %#x, expected %u error %#x", p->name,
		  t.vector - BH_VEC_TRAP_BASE, t.error, p->vector, p->error);
	uint32_t at = hx_code_addr();
	if (p->vector == PF && p->len == 7)
		BHT_CHECK(t.eip == KERNEL_VA, "%s: fault at %#x", p->name, t.eip);
	else if (p->vector != DB)
		BHT_CHECK(t.eip >= at && t.eip < at + p->len, "%s: fault at %#x, code at %#x",
			  p->name, t.eip, at);
}

/* int n for every n: a #GP on the gate, except the hypercall gate. */
static void int_n(uint32_t n)
{
	uint8_t code[2] = { 0xCD, (uint8_t)n };
	struct hx_regs r = { 0x7FFFFFFFu, 0, 0, 0, 0, 0, 0 };
	struct hx_trap t;
	bool trapped = hx_exec(code, 2, &r, &t);

	traps += trapped;
	if (passes)
		return;
	if (n == BH_HYPERCALL_VECTOR) {
		BHT_CHECK(!trapped && (int32_t)r.eax == BH_ENOSYS, "int $0x80: eax %#x", r.eax);
		return;
	}
	if (n == BH_UPCALL_RETURN_VECTOR) { /* an upcall return from frame 0 */
		BHT_CHECK(!trapped && (int32_t)r.eax == BH_EFAULT, "int $0x84: eax %#x", r.eax);
		return;
	}
	BHT_CHECK(trapped && t.vector == BH_VEC_TRAP(GP) && t.error == hx_idt_error(n),
		  "int $%#x: %s trap %u error %#x", n, trapped ? "" : "no", t.vector - BH_VEC_TRAP_BASE,
		  t.error);
}

/* The served reads: cr2 after a page fault of this partition's own. */
static void cr_reads(void)
{
	static const char fault[] = "\xA1\x04\x10\xC0\xFF";	    /* mov 0xFFC01004, %eax */
	static const char reads[] = "\x0F\x20\xE0\x0F\x20\xD3"; /* mov %cr4, %eax; %cr2, %ebx */
	struct hx_regs r = { 0 };
	struct hx_trap t;
	bool faulted = hx_exec(fault, sizeof(fault) - 1, &r, &t);

	uint32_t vector = t.vector;

	traps += faulted;
	r = (struct hx_regs){ 0 };
	bool trapped = hx_exec(reads, sizeof(reads) - 1, &r, &t);
	traps += trapped;
	if (passes)
		return;
	BHT_CHECK(faulted && vector == BH_VEC_TRAP(PF), "the page fault before mov cr2");
	BHT_CHECK(!trapped && r.eax == 0x600u && r.ebx == HOLE_VA + 0x1004u,
		  "cr4, cr2 reads: %s, %#x %#x", trapped ? "trapped" : "served", r.eax, r.ebx);
}

/* popf in ring 3 changes neither IF nor IOPL, and does not fault. */
static void popf_check(void)
{
	static const char code[] = "\x9C\x81\x0C\x24\x00\x32\x00\x00\x9D\x9C\x58";
	struct hx_regs r = { 0 };
	struct hx_trap t;
	bool trapped = hx_exec(code, sizeof(code) - 1, &r, &t);

	traps += trapped;
	if (!passes)
		BHT_CHECK(!trapped && (r.eax & 0x3200u) == 0x200u, "popf: flags %#x", r.eax);
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_partition_status st;

	(void)cond;
	(void)id;
	hx_init("hostile_priv");
	bh_irq_enable();
	while (hx_attacking()) {
		for (uint32_t i = 0; i < NPROBES; i++)
			probe(&probes[i]);
		for (uint32_t n = 0; n < 256; n++)
			int_n(n);
		popf_check();
		cr_reads();
		passes++;
	}
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.hm_events, traps);
	bh_printf("%u passes, %u faults, all this partition's events\n", passes, traps);
	bht_finish(false);
	for (;;)
		;
}
