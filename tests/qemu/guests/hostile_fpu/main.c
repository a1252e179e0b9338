/*
 * Hostile class: FPU/SSE/MMX and flags leakage (tests/qemu/hostile_fpu).
 * The attacker's first look at the x87/MMX/SSE registers must show a
 * clean processor (FNINIT state, MXCSR 0x1F80, every register zero), and
 * never a byte of the victim's pattern (guests/hostile_victim/fpu.h). It
 * then loads its own pattern everywhere (x87 stack through MMX, xmm0-7,
 * odd control word and MXCSR) and spins with DF, AC and NT set, taking its
 * ticks: the pattern and the flags must survive every window and upcall;
 * every upcall must start with DF, TF, AC, NT and RF clear (the flags it
 * interrupted come back at the upcall return); TF set gives one debug trap
 * of its own. Then a warm restart: the restarted partition must find a
 * clean processor again. The victim checks its own registers and flags
 * every window (0 bytes may change).
 */
#include <hx.h>

#include "../hostile_victim/fpu.h"

#define FX_REGS 288u
#define ATK_WORD 0x214B5441u /* "ATK!" */
#define EF_TF 0x100u
#define EF_DF 0x400u
#define EF_NT 0x4000u
#define EF_RF 0x10000u
#define EF_AC 0x40000u
#define DIRTY (EF_DF | EF_NT | EF_AC)

uint32_t hf_spin_dirty(uint32_t n);
void hf_entry(void);
extern volatile uint32_t hf_entry_flags;

static uint8_t fx[512] __attribute__((aligned(16)));
static uint8_t mine[512] __attribute__((aligned(16)));
static uint32_t pattern[32] __attribute__((aligned(16)));
static uint8_t stack[8192] __attribute__((aligned(16)));
static volatile uint32_t upcalls, dirty_entries, debug_traps;
static uint32_t windows_checked;

static void fxsave(uint8_t *area)
{
	__asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])area) : : "memory");
}

static uint32_t victim_words(const uint8_t *area)
{
	const uint32_t *w = (const uint32_t *)area;
	uint32_t n = 0;

	for (uint32_t i = 0; i < FX_REGS / 4; i++)
		for (uint32_t k = 0; k < 32; k++)
			n += w[i] == (HV_FPU_WORD ^ (k * 0x01010101u));
	return n;
}

/* FNINIT state, MXCSR 0x1F80 (mask 0xFFBF or 0xFFFF), every register zero. */
static void check_clean(const char *when)
{
	const uint16_t *h = (const uint16_t *)fx;
	const uint32_t *w = (const uint32_t *)fx;
	uint32_t nonzero = 0;

	fxsave(fx);
	for (uint32_t i = 32 / 4; i < FX_REGS / 4; i++)
		nonzero += w[i] != 0;
	BHT_CHECK(h[0] == 0x037F && h[1] == 0 && fx[4] == 0 && w[6] == 0x1F80,
		  "%s: FCW %#x FSW %#x FTW %#x MXCSR %#x, not a clean FPU", when, h[0], h[1], fx[4],
		  w[6]);
	BHT_CHECK(!nonzero, "%s: %u words of the x87/SSE registers not zero", when, nonzero);
	BHT_CHECK(!victim_words(fx), "%s: the victim's pattern in my registers", when);
}

static void load_mine(void)
{
	uint16_t fcw = 0x0B7F;	 /* round up */
	uint32_t mxcsr = 0x5F80; /* round up, all masked */

	for (uint32_t i = 0; i < 32; i++)
		pattern[i] = ATK_WORD ^ (i * 0x00010001u);
	__asm__ volatile("fninit\n\tfldcw %0\n\t"
			 "movq 0(%2), %%mm0\n\tmovq 8(%2), %%mm1\n\tmovq 16(%2), %%mm2\n\t"
			 "movq 24(%2), %%mm3\n\tmovq 32(%2), %%mm4\n\tmovq 40(%2), %%mm5\n\t"
			 "movq 48(%2), %%mm6\n\tmovq 56(%2), %%mm7\n\t"
			 "ldmxcsr %1\n\t"
			 "movdqa 0(%2), %%xmm0\n\tmovdqa 16(%2), %%xmm1\n\t"
			 "movdqa 32(%2), %%xmm2\n\tmovdqa 48(%2), %%xmm3\n\t"
			 "movdqa 64(%2), %%xmm4\n\tmovdqa 80(%2), %%xmm5\n\t"
			 "movdqa 96(%2), %%xmm6\n\tmovdqa 112(%2), %%xmm7"
			 :
			 : "m"(fcw), "m"(mxcsr), "r"(pattern)
			 : "memory");
	fxsave(mine);
}

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	upcalls++;
	if (hf_entry_flags & (EF_DF | EF_TF | EF_AC | EF_NT | EF_RF))
		dirty_entries++;
	(void)f;
}

static void on_debug(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	debug_traps++;
	if (hf_entry_flags & (EF_DF | EF_TF | EF_AC | EF_NT | EF_RF))
		dirty_entries++;
	f->eflags &= ~EF_TF;
}

/* A window's worth of dirty spinning, then every check. */
static void round_(void)
{
	uint32_t seq = bh_vstate->window_seq, fl = hf_spin_dirty(300000);

	BHT_CHECK((fl & DIRTY) == DIRTY, "flags %#x after spinning with DF, AC and NT", fl);
	fxsave(fx);
	uint32_t diff = 0;
	for (uint32_t i = 0; i < FX_REGS; i++)
		diff += fx[i] != mine[i];
	BHT_CHECK(!diff, "%u bytes of my FPU/SSE state changed", diff);
	BHT_CHECK(!victim_words(fx), "the victim's pattern in my registers");
	windows_checked += bh_vstate->window_seq != seq;
}

static void single_step(void)
{
	uint32_t before = debug_traps;

	__asm__ volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\tnop\n\tnop" ::: "memory");
	BHT_CHECK(debug_traps == before + 1, "TF set: %u debug traps", debug_traps - before);
}

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	bht_init("hostile_fpu");
	check_clean(cond == BH_START_NORMAL ? "first start" : "after a warm restart");
	if (cond != BH_START_NORMAL) {
		bh_printf("%u windows of dirty flags and my own FPU state checked, %u upcalls, "
			  "%u entered with dirty flags\n", windows_checked, upcalls, dirty_entries);
		BHT_EQ(dirty_entries, 0);
		bht_finish(false);
		for (;;)
			;
	}
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TRAP(1), on_debug);
	BHT_EQ(bh_virq_register(hf_entry, stack, sizeof(stack)), BH_OK);
	bh_irq_unmask(BH_VEC_TICK);
	bh_irq_enable();
	load_mine();
	single_step();
	while (hx_attacking())
		round_();
	bh_set_mode(BH_MODE_NORMAL);
	bh_set_mode(BH_MODE_WARM_START); /* main again, with a clean processor */
	bht_error("no warm restart");
}
