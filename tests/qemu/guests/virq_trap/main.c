/*
 * Traps propagated as synchronous virtual traps (config `hm <event>
 * propagate`): a divide error, an invalid opcode, page faults on an
 * unmapped address of the partition's own range (read and write), and an
 * x87 error (#MF, from an unmasked zero divide). Each must arrive as
 * vector 64 + n, once, with the CPU error code, the faulting address, the
 * faulting eip and esp in the frame, whatever the virtual flag and mask
 * say (enabled, disabled, everything masked) and inside an interrupt
 * handler too (nested on the interrupt stack). The handler skips the
 * instruction by editing the saved eip and plants a value in the saved
 * eax, which the interrupted code must get back; the virtual flag it had
 * is restored.
 * Partition 1 (virq_trap_np) has no propagate line: its invalid opcode
 * stops it (the default action) and its handler never runs. Partition 0
 * checks that through the partition status (it is privileged).
 */
#include <bhvirq.h>

#include "sites.h"

#define UNMAPPED 0x50000000u
#define MAGIC 0x600DF1C5u

struct site {
	const char *name;
	uint32_t exc, arg, error, addr;
	uint32_t (*fn)(uint32_t);
	const char *at, *end;
};

static const struct site sites[] = {
	{ "divide error", 0, 0, 0, 0, trap_de, trap_de_site, trap_de_end },
	{ "invalid opcode", 6, 0, 0, 0, trap_ud, trap_ud_site, trap_ud_end },
	{ "page fault (read)", 14, UNMAPPED, 4, UNMAPPED, trap_pf_read, trap_pf_read_site,
	  trap_pf_read_end },
	{ "page fault (write)", 14, UNMAPPED + 0x124, 6, UNMAPPED + 0x124, trap_pf_write,
	  trap_pf_write_site, trap_pf_write_end },
	{ "x87 error", 16, 0, 0, 0, trap_mf, trap_mf_site, trap_mf_end },
};
#define NSITES (sizeof(sites) / sizeof(sites[0]))

static const struct site *cur;
static struct bh_upcall_frame seen;
static uint32_t seen_vcpu_enabled, seen_frame;
static volatile uint32_t ntraps, total_traps, nest_request, tick_frame;

static void on_trap(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	seen = *f;
	seen_frame = BH_PTR(f);
	seen_vcpu_enabled = bh_vcpu->enabled;
	ntraps++;
	total_traps++;
	if (!cur)
		return; /* unexpected: the checks will say so */
	if (cur->exc == 16)
		__asm__ volatile("fnclex");
	f->eip = BH_PTR(cur->end);
	f->eax = MAGIC;
}

static void check_trap(const char *state, uint32_t enabled, uint32_t ret)
{
	BHT_CHECK(ntraps == 1, "%s, %s: %u trap upcalls", cur->name, state, ntraps);
	BHT_CHECK(seen.vector == BH_VEC_TRAP(cur->exc) && seen.count == 1,
		  "%s, %s: vector %u count %u", cur->name, state, seen.vector, seen.count);
	BHT_CHECK(seen.error_code == cur->error && seen.fault_addr == cur->addr,
		  "%s, %s: error %#x addr %#x, expected %#x %#x", cur->name, state, seen.error_code,
		  seen.fault_addr, cur->error, cur->addr);
	BHT_CHECK(seen.eip == BH_PTR(cur->at) && seen.esp == trap_esp && seen.ecx == cur->arg,
		  "%s, %s: eip %#x esp %#x ecx %#x, expected %#x %#x %#x", cur->name, state,
		  seen.eip, seen.esp, seen.ecx, BH_PTR(cur->at), trap_esp, cur->arg);
	BHT_CHECK(seen.enabled == enabled && seen_vcpu_enabled == 0,
		  "%s, %s: saved flag %u, flag in handler %u", cur->name, state, seen.enabled,
		  seen_vcpu_enabled);
	BHT_CHECK(ret == MAGIC, "%s, %s: edited context not resumed (eax %#x)", cur->name, state,
		  ret);
	BHT_CHECK(bh_vcpu->enabled == enabled, "%s, %s: flag %u after return", cur->name, state,
		  bh_vcpu->enabled);
}

static void run_site(const struct site *s, const char *state, uint32_t enabled)
{
	cur = s;
	ntraps = 0;
	if (s->exc == 16)
		fpu_arm_zero_divide();
	uint32_t ret = s->fn(s->arg);
	__asm__ volatile("fninit");
	check_trap(state, enabled, ret);
	cur = NULL;
}

static void run_all(const char *state, uint32_t enabled, uint32_t mask)
{
	bh_vcpu->mask[0] = mask;
	bh_vcpu->mask[1] = mask;
	bh_vcpu->enabled = enabled;
	for (uint32_t i = 0; i < NSITES; i++)
		run_site(&sites[i], state, enabled);
	bh_vcpu->enabled = 0;
	bh_vcpu->mask[0] = bh_vcpu->mask[1] = ~0u;
}

/* The tick handler takes one invalid opcode when asked. */
static void on_tick(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	if (!nest_request)
		return;
	nest_request = 0;
	tick_frame = BH_PTR(f);
	run_site(&sites[1], "in a tick handler", 0);
	BHT_CHECK(seen_frame < tick_frame && seen.esp < tick_frame,
		  "nested trap frame %#x (esp %#x) not below the tick frame %#x", seen_frame,
		  seen.esp, tick_frame);
}

static void nested_in_handler(void)
{
	bh_vcpu->mask[0] = ~(1u << BH_VEC_TICK);
	nest_request = 1;
	bh_irq_enable();
	while (nest_request)
		;
	bh_irq_disable();
}

static void check_status(void)
{
	struct bh_partition_status st;

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.hm_events, total_traps);
	BHT_EQ(st.last_hm_event, BH_HM_INVALID_OPCODE);
	BHT_EQ(st.mode, BH_MODE_COLD_START);
	BHT_EQ(bh_partition_status(1, &st), BH_OK);
	BHT_EQ(st.mode, BH_MODE_IDLE);
	BHT_EQ(st.hm_events, 1);
	BHT_EQ(st.last_hm_event, BH_HM_INVALID_OPCODE);
}

static void no_propagate(void)
{
	bh_irq_enable();
	bh_printf("invalid opcode without propagate\n");
	cur = &sites[1];
	trap_ud(0);
	bh_printf("RESULT virq_trap_np FAILURE still running after ud2 (%u upcalls)\n", ntraps);
	bh_exit();
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bht_init("virq_trap");
	bhv_register();
	for (uint32_t i = 0; i < NSITES; i++)
		bh_set_handler(BH_VEC_TRAP(sites[i].exc), on_trap);
	bh_set_handler(BH_VEC_TICK, on_tick);
	if (id == 1)
		no_propagate();
	run_all("enabled", 1, 0);
	run_all("disabled", 0, 0);
	run_all("all masked", 1, ~0u);
	nested_in_handler();
	BHT_EQ(total_traps, 3 * NSITES + 1);
	bht_wait_next_window(); /* virq_trap_np has had its window */
	check_status();
	bht_finish(true);
	bh_exit();
}
