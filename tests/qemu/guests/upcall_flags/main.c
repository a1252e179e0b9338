/*
 * The flag state of upcall handlers (issue 8, break 4). A handler used to
 * start with the interrupted code's flags: with DF set a string-instruction
 * memset in the tick handler wrote backwards over the memory below its
 * buffer, and with TF set every handler instruction trapped again (a
 * nested-trap storm). Now every upcall starts with IF set and DF, TF, AC,
 * NT, RF clear (abi.h), and the upcall return gives the interrupted code
 * back its arithmetic flags, DF, AC and TF (NT, IOPL, VM never).
 *
 * For DF, AC and NT set in turn: spin with the flag set until a tick
 * upcall has run; the handler records its own flags and fills a buffer
 * with rep stosb; the guards around the buffer must be intact, the
 * handler's flags clean, and after the return the spin must see DF and AC
 * again (NT cleared). For TF: exactly one debug trap (propagated as
 * other_trap), after the one instruction following the popf that set it,
 * and the trap handler itself not single-stepped.
 */
#include <bhtest.h>

#define DF 0x400u
#define TF 0x100u
#define AC 0x40000u
#define NT 0x4000u
#define IOPL 0x3000u

uint32_t flags_spin(uint32_t set);
void flags_tf_step(void);
void flags_fill(void *buf, uint32_t n);
extern char flags_tf_after[];
volatile uint32_t flags_tick_seen;

static uint8_t area[3 * 64]; /* guard, buffer, guard */
static volatile uint32_t handler_flags, debug_traps, debug_eip, debug_handler_flags;

static uint32_t eflags_now(void)
{
	uint32_t f;

	__asm__ volatile("pushfl\n\tpopl %0" : "=r"(f));
	return f;
}

static void on_tick(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	(void)f;
	handler_flags = eflags_now();
	flags_fill(area + 64, 64);
	flags_tick_seen = 1;
}

static void on_debug(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	debug_handler_flags = eflags_now();
	debug_traps++;
	debug_eip = f->eip;
	f->eflags &= ~TF; /* one step is enough */
}

static uint32_t guards_bad(void)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < 64; i++)
		bad += (uint32_t)((area[i] != 0x55) + (area[128 + i] != 0x55) + (area[64 + i] != 0xAA));
	return bad;
}

static void one_flag(const char *name, uint32_t flag, uint32_t want_back)
{
	uint32_t back;

	for (uint32_t i = 0; i < sizeof(area); i++)
		area[i] = 0x55;
	flags_tick_seen = 0;
	bh_irq_enable();
	back = flags_spin(flag);
	bh_irq_disable();
	BHT_CHECK(!(handler_flags & (DF | TF | AC | NT | IOPL)) && (handler_flags & 0x200u),
		  "%s: the tick handler ran with eflags %#x", name, handler_flags);
	BHT_CHECK(guards_bad() == 0, "%s: %u bytes wrong around the handler's buffer", name,
		  guards_bad());
	BHT_CHECK((back & flag) == want_back, "%s: the interrupted code got eflags %#x back",
		  name, back);
}

static void single_step(void)
{
	debug_traps = 0;
	flags_tf_step();
	BHT_EQ(debug_traps, 1);
	BHT_CHECK(debug_eip == BH_PTR(flags_tf_after), "debug trap at %#x, expected %#x",
		  debug_eip, BH_PTR(flags_tf_after));
	BHT_CHECK(!(debug_handler_flags & TF), "the debug trap handler ran with eflags %#x",
		  debug_handler_flags);
	BHT_CHECK(!(eflags_now() & TF), "TF still set after the step");
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("upcall_flags");
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TICK, on_tick);
	bh_set_handler(BH_VEC_TRAP(1), on_debug);
	bh_irq_unmask(BH_VEC_TICK);
	one_flag("DF", DF, DF);
	one_flag("AC", AC, AC);
	one_flag("NT", NT, 0);
	one_flag("DF and AC", DF | AC, DF | AC);
	single_step();
	single_step();
	bht_finish(true);
	return 0;
}
