/*
 * Virtual-8086 frames from ring 3 (issue 8, break 1). QEMU 7.2 enters
 * virtual-8086 mode on a ring-3 iret with VM set; the next trap or
 * interrupt pushes a frame 16 bytes larger (gs, fs, ds, es above ss). The
 * kernel resumed it shifted and took a general protection fault itself
 * (PANIC, status 35). Now such a frame is the partition's fault: a
 * general_protection event (cause vm86-exception or vm86-interrupt), never
 * a panic, and nothing is written outside the partition's context.
 *
 * Partition 0 (trap_vm86, propagates general_protection and page_fault,
 * as in the issue): the exact sequence, then the same with IOPL 3
 * and NT, with TF and AC, with a code segment whose low bits are 0 (it
 * would look like a ring-0 frame), and with 0 as cs. Each must arrive as
 * one trap 13 upcall (error 0) from which the handler resumes in
 * protected mode with every segment register back to the partition's own
 * and none of VM, NT, IOPL set.
 * Partition 1 (vm86_race): the iret timed against the kernel's tick, at
 * offsets around the interrupt's arrival, so that in one attempt the
 * timer interrupt comes in virtual-8086 mode (expect: cause=vm86-interrupt);
 * every attempt must still come back as one trap.
 * Partition 2 (vm86_stop, default actions): the sequence stops it.
 * Partition 3 (win_victim) must not notice any of it.
 */
#include <bhtest.h>
#include <bhvictim.h>

uint32_t vm86_enter(uint32_t eflags, uint32_t cs);
uint32_t vm86_enter_at(uint32_t tsc, uint32_t eflags);
uint32_t vm86_tick_edge(void);
uint32_t vm86_tick_edge_late(uint32_t j);
extern char vm86_back[];
extern uint32_t vm86_saved_esp;

#define VM 0x20000u
#define BASE_FLAGS (VM | 0x202u) /* the 0x20202 */
#define RACE_LO (-7)		  /* offsets tried around the calibrated arrival */
#define RACE_HI 3

static volatile uint32_t traps, bad_traps;
static struct bh_upcall_frame last;

static void on_gp(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	last = *f;
	traps++;
	if (vector != BH_VEC_TRAP(13) || count != 1 || f->error_code != 0)
		bad_traps++;
	f->eip = BH_PTR(vm86_back);
	f->esp = vm86_saved_esp;
	f->eflags &= ~(0x100u | 0x400u | 0x40000u); /* no TF, DF, AC at vm86_back */
}

static uint32_t sel(int which)
{
	uint32_t v;

	switch (which) {
	case 0: __asm__ volatile("mov %%cs, %0" : "=r"(v)); break;
	case 1: __asm__ volatile("mov %%ss, %0" : "=r"(v)); break;
	case 2: __asm__ volatile("mov %%ds, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("mov %%es, %0" : "=r"(v)); break;
	case 4: __asm__ volatile("mov %%fs, %0" : "=r"(v)); break;
	default: __asm__ volatile("mov %%gs, %0" : "=r"(v)); break;
	}
	return v & 0xFFFFu;
}

static uint32_t eflags_now(void)
{
	uint32_t f;

	__asm__ volatile("pushfl\n\tpopl %0" : "=r"(f));
	return f;
}

static uint32_t home[6];

/* One entry: exactly one trap 13, resumed with the partition's own state. */
static void one(const char *what, uint32_t eflags, uint32_t cs)
{
	uint32_t t = traps, f;

	BHT_CHECK(vm86_enter(eflags, cs) == 1, "%s: the iret stayed in protected mode", what);
	f = eflags_now();
	BHT_CHECK(traps == t + 1, "%s: %u traps", what, traps - t);
	BHT_CHECK(!(last.eflags & (VM | 0x7000u)), "%s: frame eflags %#x", what, last.eflags);
	BHT_CHECK(!(f & (VM | 0x7000u)) && (f & 0x200u), "%s: resumed with eflags %#x", what, f);
	for (int i = 0; i < 6; i++)
		BHT_CHECK(sel(i) == home[i], "%s: segment register %d is %#x, not %#x", what, i,
			  sel(i), home[i]);
}

static void variants(void)
{
	one("the issue's sequence", BASE_FLAGS, home[0]);
	one("IOPL 3 and NT", BASE_FLAGS | 0x3000u | 0x4000u, home[0]);
	one("TF, AC and DF", BASE_FLAGS | 0x100u | 0x40000u | 0x400u, home[0]);
	one("cs with RPL 0", BASE_FLAGS, 0x1000);
	one("cs 0", BASE_FLAGS, 0);
	BHT_EQ(bad_traps, 0);
}

/* The tick lands every 1193 PIT clocks: 1193e9/1193182 ns, exactly. */
static uint64_t tick_ns(uint64_t n)
{
	return n * 1193000000000ull / 1193182u;
}

/*
 * Where the ticks arrive, to the instruction. The kernel's time of tick K
 * (bh_vstate->time_ns, set at that tick) is tick_ns(K), the PIT's own
 * rounding; under icount tick K arrives at a fixed origin plus that many
 * instructions. vm86_tick_edge() returns a read 1 to 6 instructions before
 * a tick's arrival, depending on where its loop stands when the tick comes
 * (which depends on everything that ran before, the kernel's paths
 * included). Six edges, each started one instruction later than the last
 * (vm86_tick_edge_late), meet the tick at every phase of the loop: the
 * latest, relative to its tick's time, gives the origin to the
 * instruction. Returns the origin (minus 1).
 */
static uint32_t calibrate(void)
{
	uint32_t first = 0;
	int32_t latest = INT32_MIN;

	for (uint32_t j = 0; j < 6; j++) {
		uint32_t e = vm86_tick_edge_late(j);
		uint32_t o = e - (uint32_t)bh_vstate->time_ns; /* the tick just taken */
		if (!j)
			first = o;
		if ((int32_t)(o - first) > latest)
			latest = (int32_t)(o - first);
	}
	return first + (uint32_t)latest;
}

/* The index of the tick whose time is t ns: tick_ns(k) == t. */
static uint64_t tick_index(uint64_t t)
{
	return (t * 1193182u + 1193000000000ull - 1u) / 1193000000000ull;
}

/*
 * After the calibration, one attempt at a later tick for each offset: the
 * iret timed at that offset from the tick's arrival, so that one of them
 * lands exactly between the iret and the first virtual-8086 fetch.
 */
static void race(void)
{
	uint32_t t0 = traps, origin = calibrate();

	for (int off = RACE_LO; off <= RACE_HI;) {
		if (bh_vstate->window_end_ns - bh_vstate->time_ns < 2500000u) {
			bht_wait_next_window(); /* keep clear of window ends */
			continue;
		}
		/* the tick after the next one: at least one tick of room */
		uint64_t k = tick_index(bh_vstate->time_ns) + 2u;
		uint32_t arrival = origin + (uint32_t)tick_ns(k);
		/* the iret is the 12th instruction after the target */
		vm86_enter_at(arrival - 8u + (uint32_t)off, BASE_FLAGS);
		off++;
	}
	BHT_EQ(traps - t0, RACE_HI - RACE_LO + 1);
	BHT_EQ(bad_traps, 0);
}

static void check_stopped(void)
{
	struct bh_partition_status st;

	BHT_EQ(bh_partition_status(2, &st), BH_OK);
	BHT_EQ(st.mode, BH_MODE_IDLE);
	BHT_EQ(st.hm_events, 1);
	BHT_EQ(st.last_hm_event, BH_HM_GENERAL_PROTECTION);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bht_init(id == 0 ? "trap_vm86" : "vm86_race");
	for (int i = 0; i < 6; i++)
		home[i] = sel(i);
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TRAP(13), on_gp);
	while (!bhv_attack_time())
		bh_yield();
	if (id == 2) {
		vm86_enter(BASE_FLAGS, home[0]); /* default action: stopped here */
		bht_fail(__FILE__, __LINE__, "still running after a virtual-8086 frame");
		bht_finish_and_stop(false);
	}
	if (id == 1) {
		race();
		bht_finish_and_stop(false);
	}
	variants();
	bht_wait_next_window();
	check_stopped();
	bht_finish_and_stop(false);
}
