/*
 * hostile_ptr: the call families. IN buffers (console_write, hm_raise),
 * OUT buffers (window_info, partition_status, with a guard pattern around
 * them), interrupt stack registration and upcall return (whose frame, when
 * the model accepts it, is a real one that lands on hx_land).
 */
#include "ptr.h"

#define GUARD 0xA5u
#define SLACK 16u
#define OUT_MAX 64u
#define FRAME_LEN ((uint32_t)sizeof(struct bh_upcall_frame))
#define LAND_STACK 0x4003F000u /* free memory at the top of region 0 */
#define SAVE_MAX (OUT_MAX + 2 * SLACK)

static const uint32_t in_lens[] = { 0,	  1,	      2,	  BH_CONSOLE_MAX - 1, BH_CONSOLE_MAX,
				    BH_CONSOLE_MAX + 1, 4096, 0x7FFFFFFFu, 0x80000000u,
				    0xFFFFFFFFu };
#define N_IN_LENS (sizeof(in_lens) / sizeof(in_lens[0]))

/* Writable bytes of [va - SLACK, va + len + SLACK): saved, then guarded. */
struct guard {
	uint32_t lo, n;
	uint8_t saved[SAVE_MAX];
};

static void guard_set(struct guard *g, uint32_t va, uint32_t len)
{
	g->lo = va - SLACK;
	g->n = 0;
	if (g->lo > va || !ptr_inside(g->lo, 1, PERM_W))
		g->lo = va;
	for (uint32_t a = g->lo; g->n < len + 2 * SLACK && ptr_inside(a, 1, PERM_W); a++)
		g->saved[g->n++] = *(volatile uint8_t *)a;
	for (uint32_t i = 0; i < g->n; i++)
		*(volatile uint8_t *)(g->lo + i) = GUARD;
}

/* Bytes changed outside [va, va + written), then the memory as it was. */
static uint32_t guard_check(struct guard *g, uint32_t va, uint32_t written)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < g->n; i++) {
		uint32_t a = g->lo + i;
		bool inside = written && a - va < written;
		bad += !inside && *(volatile uint8_t *)a != GUARD;
		*(volatile uint8_t *)a = g->saved[i];
	}
	return bad;
}

/* Long valid writes go to the console once only: they are output. */
static bool worth(uint32_t len, int32_t want)
{
	return !ptr_passes || want != BH_OK || len <= 2;
}

void ptr_in_calls(void)
{
	uint32_t va[MAX_CANDIDATES];

	for (uint32_t l = 0; l < N_IN_LENS; l++) {
		uint32_t len = in_lens[l], n = ptr_candidates(len, va);
		for (uint32_t i = 0; i < n; i++) {
			int32_t want = ptr_expect_in(va[i], len, BH_CONSOLE_MAX);
			if (!worth(len, want))
				continue;
			int32_t got = bh_console_write((const char *)(uintptr_t)va[i], len);
			ptr_check("console_write", va[i], len, got, want == BH_OK ? (int32_t)len : want);
			got = bh_hm_raise(1, (const char *)(uintptr_t)va[i], len);
			ptr_check("hm_raise", va[i], len, got, want);
		}
	}
	bh_console_write("\n", 1);
}

/* The calls that write a struct out; the ports ones find no port here
 * (ENOENT, after the pointer check, and nothing written). */
struct out_call {
	const char *name;
	uint32_t nr, arg0, len;
	int32_t ok;
};

static const struct out_call out_calls[] = {
	{ "window_info", BH_HC_WINDOW_INFO, 0, sizeof(struct bh_window_info), BH_OK },
	{ "partition_status", BH_HC_PARTITION_STATUS, BH_SELF, sizeof(struct bh_partition_status),
	  BH_OK },
	{ "port_info", BH_HC_PORT_INFO, 0, sizeof(struct bh_port_info), BH_ENOENT },
	{ "port_status", BH_HC_PORT_STATUS, 0, sizeof(struct bh_port_status), BH_ENOENT },
};

_Static_assert(sizeof(struct bh_port_status) <= OUT_MAX && sizeof(struct bh_port_info) <= OUT_MAX,
	       "guard buffer");

static int32_t call_out(const struct out_call *c, uint32_t va)
{
	if (c->nr == BH_HC_WINDOW_INFO)
		return bh_hypercall1(c->nr, va);
	return bh_hypercall2(c->nr, c->arg0, va);
}

void ptr_out_calls(void)
{
	static struct guard g;
	uint32_t va[MAX_CANDIDATES];

	for (uint32_t k = 0; k < sizeof(out_calls) / sizeof(out_calls[0]); k++) {
		const struct out_call *c = &out_calls[k];
		uint32_t n = ptr_candidates(c->len, va);
		for (uint32_t i = 0; i < n; i++) {
			int32_t want = ptr_expect_out(va[i], c->len);
			guard_set(&g, va[i], c->len);
			int32_t got = call_out(c, va[i]);
			uint32_t id = got == BH_OK ? *(volatile uint32_t *)(uintptr_t)va[i] : 0;
			uint32_t bad = guard_check(&g, va[i], got == BH_OK ? c->len : 0);
			ptr_check(c->name, va[i], c->len, got, want == BH_OK ? c->ok : want);
			BHT_CHECK(!bad, "%s(%#x): %u bytes written outside its buffer", c->name,
				  va[i], bad);
			if (got == BH_OK && c->nr == BH_HC_PARTITION_STATUS)
				BHT_CHECK(id == bh_vstate->partition_id, "status id %u", id);
		}
	}
}

static int32_t expect_register(uint32_t entry, uint32_t stack, uint32_t size)
{
	if (size < BH_MIN_IRQ_STACK || (stack & 15u) || (size & 15u))
		return BH_EINVAL;
	if (!ptr_inside(entry, 1, PERM_X))
		return BH_EFAULT;
	return ptr_inside(stack, size, PERM_W) ? BH_OK : BH_EFAULT;
}

static void try_register(uint32_t entry, uint32_t stack, uint32_t size)
{
	int32_t want = expect_register(entry, stack, size);
	int32_t got = bh_virq_register((void (*)(void))(uintptr_t)entry, (void *)(uintptr_t)stack,
				       size);

	if (got == BH_OK)
		hx_register();
	ptr_calls++;
	if (got != want)
		bht_fail(__FILE__, __LINE__, "virq_register(%#x, %#x, %#x): %d, expected %d", entry,
			 stack, size, got, want);
}

/* Virtual interrupts stay off: no upcall may use a stack being tried. */
void ptr_register_calls(void)
{
	static const uint32_t sizes[] = { 0, BH_MIN_IRQ_STACK - 16, BH_MIN_IRQ_STACK,
					  BH_MIN_IRQ_STACK + 1, BH_MIN_IRQ_STACK + 16, 4096,
					  0x40000u, 0xFFFFFFF0u };
	uint32_t va[MAX_CANDIDATES], n, e = bh_irq_save();

	for (uint32_t s = 0; s < sizeof(sizes) / 4; s++) {
		n = ptr_candidates(sizes[s], va);
		for (uint32_t i = 0; i < n; i++)
			try_register(BH_PTR(hx_entry), va[i], sizes[s]);
	}
	n = ptr_candidates(1, va);
	for (uint32_t i = 0; i < n; i++)
		try_register(va[i], LAND_STACK - 4096, 4096);
	bh_vcpu->enabled = e;
}

/* A frame that lands on hx_land with every register and flag chosen. */
static void make_frame(struct bh_upcall_frame *f, uint32_t i)
{
	*f = (struct bh_upcall_frame){ 0 };
	f->enabled = 1;
	f->edi = 0xD1D1D1D1u ^ i;
	f->esi = 0x51515151u ^ i;
	f->ebp = 0xB0B0B0B0u ^ i;
	f->ebx = 0xB1B1B1B1u ^ i;
	f->edx = 0xD0D0D0D0u ^ i;
	f->ecx = 0xC0C0C0C0u ^ i;
	f->eax = 0xA0A0A0A0u ^ i;
	f->eip = BH_PTR(hx_land);
	f->eflags = 0xFFFFFFFFu & ~0x100u; /* all but TF, which would single-step hx_land */
	f->esp = LAND_STACK - 4 * i;
}

static void upcall_return_at(uint32_t va, uint32_t i)
{
	static const char code[] = "\xB8\x0F\x00\x00\x00\xCD\x80"; /* mov $15, %eax; int $0x80 */
	static struct guard g;
	struct bh_upcall_frame want;
	struct hx_regs r = { 0, va, 0, 0, 0, 0, 0 };
	struct hx_trap t;
	int32_t exp = ptr_expect_in(va, FRAME_LEN, FRAME_LEN);
	bool writable = ptr_inside(va, FRAME_LEN, PERM_W);

	guard_set(&g, va, FRAME_LEN);
	make_frame(&want, i);
	if (writable)
		for (uint32_t k = 0; k < FRAME_LEN; k++)
			((volatile uint8_t *)(uintptr_t)va)[k] = ((const uint8_t *)&want)[k];
	enum hx_outcome how = hx_run_code(code, sizeof(code) - 1, &r, &t);
	bh_vcpu->enabled = 1;
	guard_check(&g, va, FRAME_LEN);
	ptr_calls++;
	if (exp != BH_OK) {
		BHT_CHECK(how == HX_RETURNED && (int32_t)r.eax == exp,
			  "upcall_return(%#x): outcome %u eax %d, expected %d", va, how, r.eax, exp);
	} else if (writable) {
		BHT_CHECK(how == HX_LANDED && r.eax == want.eax && r.edi == want.edi &&
				  t.esp == want.esp && t.eflags == ((0xFFFFFEFFu & BH_EFLAGS_RESTORED) | 0x202u),
			  "upcall_return(%#x): outcome %u eax %#x esp %#x flags %#x", va, how, r.eax,
			  t.esp, t.eflags);
	} else { /* read-only zeros: resumes at eip 0, which faults */
		BHT_CHECK(how == HX_TRAPPED && t.vector == BH_VEC_TRAP(14) && t.eip == 0,
			  "upcall_return(%#x) of zeros: outcome %u vector %u eip %#x", va, how,
			  t.vector, t.eip);
	}
}

void ptr_upcall_return_calls(void)
{
	uint32_t va[MAX_CANDIDATES], n = ptr_candidates(FRAME_LEN, va);

	for (uint32_t i = 0; i < n; i++)
		upcall_return_at(va[i], i);
}
