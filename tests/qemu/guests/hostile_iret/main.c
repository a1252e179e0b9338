/*
 * Hostile class: forged iret frames (tests/qemu/hostile_iret). From ring 3
 * an iret can only stay in ring 3, and only with the partition's own
 * selectors; the flags it may change are the unprivileged ones:
 *   - any code selector but its own: each GDT entry 0..15 (kernel code and
 *     data, the TSS, the thread-pointer entry, null ones, past the table's
 *     end) with RPL 3, its own code segment with RPL 0..2, LDT selectors:
 *     #GP(selector);
 *   - IOPL 3 or IF clear asked: ignored (lands with IOPL 0, IF 1);
 *   - NT, AC, RF asked: lands (NT and AC set; the partition's business);
 *   - TF asked: lands, then one debug trap of its own;
 *   - iret with NT already set: a task return, which must fault as this
 *     partition's own event (no task switch);
 *   - an eip in the kernel: its own page fault at the fetch;
 *   - a frame that runs off the mapped stack: its own page fault;
 *   - VM asked (QEMU 7.2 enters virtual-8086 mode here, unlike real CPUs):
 *     whatever faults next must be this partition's own event, never the
 *     kernel's (the frame then has four more segment words).
 * Repeated until the victim is done.
 */
#include <hx.h>

#define EF_TF 0x100u
#define EF_IF 0x200u
#define EF_IOPL 0x3000u
#define EF_NT 0x4000u
#define EF_RF 0x10000u
#define EF_VM 0x20000u
#define EF_AC 0x40000u
#define UCODE 0u /* in a case: the partition's own code selector */
#define STACK_END 0x40040000u /* end of region 0 */
#define LANDED 0xFFu
#define ANY_TRAP 0xFEu

struct frame_case {
	const char *name;
	uint32_t cs, eflags, eip; /* eip 0: hx_land */
	bool nt_before, short_stack;
	uint8_t vector;	 /* LANDED, ANY_TRAP or the trap expected */
	uint32_t error;	 /* for #GP: the selector */
	uint32_t set, clear; /* flags that must be set / clear on landing */
};

static const struct frame_case cases[] = {
	{ "IOPL 3", UCODE, 0x202 | EF_IOPL, 0, false, false, LANDED, 0, EF_IF, EF_IOPL },
	{ "IF clear", UCODE, 0x002, 0, false, false, LANDED, 0, EF_IF, 0 },
	{ "NT", UCODE, 0x202 | EF_NT, 0, false, false, LANDED, 0, EF_NT, EF_IOPL },
	{ "AC", UCODE, 0x202 | EF_AC, 0, false, false, LANDED, 0, EF_AC, EF_IOPL },
	{ "RF", UCODE, 0x202 | EF_RF, 0, false, false, LANDED, 0, EF_IF, EF_IOPL },
	{ "TF", UCODE, 0x202 | EF_TF, 0, false, false, 1, 0, 0, 0 },
	{ "with NT set", UCODE, 0x202, 0, true, false, ANY_TRAP, 0, 0, 0 },
	{ "eip in the kernel", UCODE, 0x202, 0x00100000u, false, false, 14, 0, 0, 0 },
	{ "frame past the stack", UCODE, 0x202, 0, false, true, 14, 0, 0, 0 },
	{ "VM", UCODE, 0x202 | EF_VM, 0, false, false, ANY_TRAP, 0, 0, 0 },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static uint32_t passes, irets, traps;

static uint32_t put_push(uint8_t *c, uint32_t v)
{
	c[0] = 0x68; /* push imm32 */
	for (uint32_t i = 0; i < 4; i++)
		c[1 + i] = (uint8_t)(v >> (8 * i));
	return 5;
}

/* [pushf; orl $NT, (%esp); popf] [mov $end-8, %esp] push eflags, cs, eip; iret */
static uint32_t build(const struct frame_case *k, uint8_t *c)
{
	static const uint8_t nt[] = { 0x9C, 0x81, 0x0C, 0x24, 0x00, 0x40, 0x00, 0x00, 0x9D };
	uint32_t n = 0;

	if (k->nt_before)
		for (uint32_t i = 0; i < sizeof(nt); i++)
			c[n++] = nt[i];
	if (k->short_stack) { /* two words of frame, then the end of memory */
		c[n++] = 0xBC; /* mov imm32, %esp */
		for (uint32_t i = 0; i < 4; i++)
			c[n++] = (uint8_t)((STACK_END + 4u) >> (8 * i));
	}
	n += put_push(c + n, k->eflags);
	n += put_push(c + n, k->cs == UCODE ? hx_code_sel() : k->cs);
	n += put_push(c + n, k->eip ? k->eip : BH_PTR(hx_land));
	c[n++] = 0xCF; /* iret */
	return n;
}

static void check(const struct frame_case *k, enum hx_outcome how, const struct hx_trap *t)
{
	uint32_t v = t->vector - BH_VEC_TRAP_BASE;

	if (k->vector == LANDED) {
		BHT_CHECK(how == HX_LANDED && (t->eflags & k->set) == k->set && !(t->eflags & k->clear),
			  "iret %s: outcome %u flags %#x", k->name, how, t->eflags);
	} else if (k->vector == ANY_TRAP) {
		BHT_CHECK(how == HX_TRAPPED, "iret %s: outcome %u", k->name, how);
	} else {
		BHT_CHECK(how == HX_TRAPPED && v == k->vector && (k->vector != 13 || t->error == k->error),
			  "iret %s: outcome %u vector %u error %#x", k->name, how, v, t->error);
	}
}

/* An iret to code selector sel, which is not the partition's own. */
static void foreign_cs(uint32_t sel)
{
	struct frame_case k = { "to a foreign code selector", sel, 0x202, 0, false, false, 13,
				sel & ~3u, 0, 0 };
	uint8_t code[48];
	struct hx_regs r = { 0 };
	struct hx_trap t;
	enum hx_outcome how = hx_run_code(code, build(&k, code), &r, &t);

	irets++;
	traps += how == HX_TRAPPED;
	if (!passes)
		BHT_CHECK(how == HX_TRAPPED && t.vector == BH_VEC_TRAP(13) && t.error == (sel & ~3u),
			  "iret to cs %#x: outcome %u vector %u error %#x", sel, how,
			  t.vector - BH_VEC_TRAP_BASE, t.error);
}

static void foreign_selectors(void)
{
	uint32_t own = hx_code_sel() & ~3u;

	for (uint32_t idx = 0; idx < 16; idx++) {
		uint32_t sel = idx << 3;
		if (sel != own)
			foreign_cs(sel | 3u);
		else
			for (uint32_t rpl = 0; rpl < 3; rpl++)
				foreign_cs(sel | rpl);
		foreign_cs(sel | 4u | 3u); /* the LDT (null: nothing in it) */
	}
}

static void one(const struct frame_case *k)
{
	uint8_t code[48];
	struct hx_regs r = { 0 };
	struct hx_trap t;
	uint32_t n = build(k, code);
	enum hx_outcome how = hx_run_code(code, n, &r, &t);

	irets++;
	traps += how == HX_TRAPPED;
	if (!passes)
		check(k, how, &t);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	hx_init("hostile_iret");
	bh_irq_enable();
	while (hx_attacking()) {
		for (uint32_t i = 0; i < NCASES; i++)
			one(&cases[i]);
		foreign_selectors();
		passes++;
	}
	bh_printf("%u passes: %u forged irets, %u of them faults of this partition\n", passes,
		  irets, traps);
	bht_finish(false);
	for (;;)
		;
}
