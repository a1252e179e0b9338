/*
 * Partition switch benchmark (bench/switch*, under icount): the worst case
 * over what the outgoing partition is doing when its window ends.
 *
 * One image, roles chosen by partition name ("<role>" or "<role>_p<N>",
 * N = vectors left pending and masked in that partition, so that pending
 * state exists on both sides of every switch):
 *
 *   m       the measurer: owns every other window. It yields at once in
 *           each of its windows, so it resumes exactly at the start of the
 *           next one, right after the switch; its first instruction there
 *           reads the TSC (yield.S). The kernel's entry probe stamped the
 *           timer interrupt that ended the previous window (benchmark gate
 *           0x83, line 0), so the sample is "timer entry -> first
 *           instruction of the next partition", whoever ran before.
 *   m_tick  the measurer with its virtual tick unmasked and virtual
 *           interrupts enabled while it yields: the tick that fell in the
 *           other window is delivered as its window starts, and the first
 *           instruction of its tick handler reads the TSC (yield.S), so the
 *           sample is "timer entry -> the incoming partition's tick
 *           handler" (switch_to_tick_handler).
 *   spin    spins in ring 3 (and fill*: the same, to make the system big)
 *   hcall   makes hypercalls back to back (BH_HC_VERSION)
 *   upcall  spins inside an upcall handler (virtual interrupts disabled,
 *           on its interrupt stack)
 *   idle    sleeps in BH_HC_IDLE: the processor idles in ring 0
 *   fault   faults in a loop (ud2, propagated to its handler, which skips it)
 *   stop    faulted once and was stopped by its health monitor: its
 *           windows find no partition to run
 *
 * Every outgoing partition writes its role into a shared page whenever it
 * runs, so the measurer knows whose window ended. It prints each role's
 * maximum (and the switches at the end of the major frame) and reports the
 * maximum of all as partition_switch_worst.
 */
#include <bhbench.h>

#define SHARED_VA 0x40800000u
#define FIRST_FRAME 2u /* frames before this one are start-up */
#define LAST_FRAME 8u
#define V_UPCALL 2u

enum role { R_NONE, R_M, R_SPIN, R_HCALL, R_UPCALL, R_IDLE, R_FAULT, R_STOP, R_COUNT };

static const char *const role_names[R_COUNT] = { "stop",  "m",	   "spin", "hcall",
						 "upcall", "idle", "fault", "stop" };

struct bsw_shared {
	volatile uint32_t last; /* role of the last partition that ran */
};

#define shared ((struct bsw_shared *)SHARED_VA)

uint32_t bsw_yield_and_stamp(void);
void bsw_fault_loop(void);
void bsw_tick_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);
extern volatile uint32_t bsw_tick_tsc; /* its TSC (low half), yield.S */

static uint32_t max_of[R_COUNT], n_of[R_COUNT], frame_end_max, frame_end_n;

static bool prefix(const char *name, const char *p)
{
	while (*p)
		if (*name++ != *p++)
			return false;
	return true;
}

static enum role role_of(const char *name)
{
	static const struct {
		const char *prefix;
		enum role role;
	} map[] = { { "m", R_M },	   { "spin", R_SPIN }, { "fill", R_SPIN }, { "hcall", R_HCALL },
		    { "upcall", R_UPCALL }, { "idle", R_IDLE }, { "fault", R_FAULT }, { "stop", R_STOP } };

	for (uint32_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (prefix(name, map[i].prefix) &&
		    (name[__builtin_strlen(map[i].prefix)] == '\0' ||
		     name[__builtin_strlen(map[i].prefix)] == '_'))
			return map[i].role;
	return R_NONE;
}

/* "..._p<N>": N vectors left pending and masked. */
static uint32_t pending_of(const char *name)
{
	uint32_t n = 0;

	while (*name && !(name[0] == '_' && name[1] == 'p'))
		name++;
	if (!*name)
		return 0;
	for (name += 2; *name >= '0' && *name <= '9'; name++)
		n = n * 10u + (uint32_t)(*name - '0');
	return n;
}

/* N masked vectors pending: 3..31, then 48..63 (lines are not raised). */
static void leave_pending(uint32_t n)
{
	uint32_t w0 = 0, w1 = 0;

	for (uint32_t v = 3; v < 32 && n; v++, n--)
		w0 |= 1u << v;
	for (uint32_t v = 48; v < 64 && n; v++, n--)
		w1 |= 1u << (v - 32u);
	bhb_raise(w0, w1);
}

static void record(uint32_t role, uint32_t v, bool frame_start)
{
	if (v > max_of[role])
		max_of[role] = v;
	n_of[role]++;
	if (frame_start) {
		frame_end_max = v > frame_end_max ? v : frame_end_max;
		frame_end_n++;
	}
}

static const char *figure = "partition_switch_worst";

static __attribute__((noreturn)) void report(void)
{
	uint32_t worst = 0, samples = 0;

	for (uint32_t r = 0; r < R_COUNT; r++) {
		if (!n_of[r])
			continue;
		bh_printf("switch from %s: max %u over %u\n", role_names[r], max_of[r], n_of[r]);
		worst = max_of[r] > worst ? max_of[r] : worst;
		samples += n_of[r];
	}
	bh_printf("switch at the end of the major frame: max %u over %u\n", frame_end_max,
		  frame_end_n);
	if (!samples || !frame_end_n)
		BHB_ERROR("no switch measured (is this a benchmark image?)\n");
	else
		bhb_report(figure, worst, "insn");
	bhb_end();
}

/*
 * with_tick: the tick handler's stamp instead of the resume's; a window
 * start whose tick was not delivered first (no stamp since the yield, or
 * the resume before it) is a failed run, not a sample.
 */
static __attribute__((noreturn)) void measurer(bool with_tick)
{
	if (with_tick) {
		figure = "switch_to_tick_handler";
		bh_set_handler(BH_VEC_TICK, bsw_tick_handler);
		bh_irq_unmask(BH_VEC_TICK);
		bh_irq_enable();
	}
	for (;;) {
		shared->last = R_NONE;
		bsw_tick_tsc = 0;
		uint32_t t = bsw_yield_and_stamp();
		uint32_t entry = (uint32_t)bhb_irq_entry_tsc(0);
		uint32_t role = shared->last, frame = bh_vstate->frame_seq;
		if (frame >= LAST_FRAME)
			report();
		if (with_tick && frame >= FIRST_FRAME &&
		    (!bsw_tick_tsc || (int32_t)(t - bsw_tick_tsc) < 0)) {
			BHB_ERROR("frame %u: the tick was not delivered at the window start\n", frame);
			bhb_end();
		}
		if (with_tick)
			t = bsw_tick_tsc;
		if (frame >= FIRST_FRAME && role < R_COUNT)
			record(role, t - entry, bh_vstate->window_index == 0);
	}
}

static void on_upcall(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	(void)f;
	for (;;)
		shared->last = R_UPCALL;
}

static void on_fault(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	shared->last = R_FAULT;
	f->eip += 2; /* past the ud2 */
}

static __attribute__((noreturn)) void outgoing(enum role role)
{
	switch (role) {
	case R_HCALL:
		for (;;) {
			(void)bh_version(NULL);
			shared->last = R_HCALL;
		}
	case R_UPCALL:
		bh_set_handler(V_UPCALL, on_upcall);
		bh_irq_unmask(V_UPCALL);
		bh_irq_enable();
		bhb_raise(1u << V_UPCALL, 0);
		break; /* not reached: the handler never returns */
	case R_IDLE:
		for (;;) {
			shared->last = R_IDLE;
			bh_idle();
		}
	case R_FAULT:
		bh_set_handler(BH_VEC_TRAP(6), on_fault);
		bsw_fault_loop();
		break;
	case R_STOP:
		__asm__ volatile("ud2"); /* the health monitor stops the partition */
		break;
	default:
		break;
	}
	for (;;)
		shared->last = R_SPIN;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	struct bh_partition_status st;

	(void)start_condition;
	(void)partition_id;
	if (bh_partition_status(BH_SELF, &st) != BH_OK || bh_virq_init() != BH_OK) {
		BHB_ERROR("cannot start\n");
		bh_exit();
	}
	st.name[BH_NAME_MAX - 1] = '\0';
	leave_pending(pending_of(st.name));
	if (role_of(st.name) == R_M)
		measurer(!__builtin_strcmp(st.name, "m_tick"));
	outgoing(role_of(st.name));
}
