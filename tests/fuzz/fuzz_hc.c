/*
 * libFuzzer target: the kernel core's hypercall dispatcher, built on the
 * host against kernel/arch/host with the unit tests' system (tsys.h:
 * alpha, beta privileged, gamma). Each input is a program of operations on
 * a freshly booted system: hypercalls from whichever partition runs, with
 * registers taken from the input (arguments often aimed inside the
 * caller's regions), writes of input bytes into the caller's writable
 * memory and vCPU page (the guest's side of every buffer and flag), timer
 * ticks, device interrupts and CPU traps. After every hypercall:
 *   - a negative result is one of enum bh_error;
 *   - no byte of any partition's memory outside the caller's writable
 *     regions changed;
 *   - the kernel did not panic (any halt but a panic ends the program).
 * AddressSanitizer and UBSan watch everything else.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_sys.h"

enum op { OP_HYPERCALL, OP_WRITE_MEM, OP_TICK, OP_IRQ, OP_TRAP, OP_VCPU, OP_COUNT };

#define MAX_OPS 200u

struct input {
	const uint8_t *p;
	size_t left;
};

static uint32_t take(struct input *in, unsigned n)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < n && in->left; i++, in->left--)
		v |= (uint32_t)*in->p++ << (8 * i);
	return v;
}

/* An argument: a raw value, or an address in (or at the edge of) one of
 * the caller's regions, or a small number. */
static uint32_t arg(struct input *in, const struct partition *caller)
{
	uint32_t kind = take(in, 1), v = take(in, 4);
	const struct bh_cfg_partition *cfg = caller->cfg;

	switch (kind % 4) {
	case 0:
		return v;
	case 1:
	case 2: {
		const struct bh_cfg_region *r = &cfg->regions[(kind >> 2) % cfg->nregions];
		uint32_t off = v % (r->size + 128u);
		return kind & 0x80u ? r->vaddr + r->size - off : r->vaddr + off;
	}
	default:
		return v % 128u;
	}
}

static void op_hypercall(struct input *in)
{
	struct partition *p = bh_sched.running;
	uint32_t a[6];

	if (!p)
		return;
	a[0] = take(in, 1);
	if (a[0] & 0x80u)
		a[0] = take(in, 4);
	else
		a[0] %= BH_HC_COUNT + 2u;
	for (unsigned i = 1; i < 6; i++)
		a[i] = arg(in, p);
	fz_sys_hypercall(p, a);
}

static void op_write_mem(struct input *in)
{
	struct partition *p = bh_sched.running;
	uint32_t which = take(in, 1), off = take(in, 2), len = take(in, 1) % 64u + 1u;

	if (!p)
		return;
	const struct bh_cfg_region *r = &p->cfg->regions[which % p->cfg->nregions];
	if (!(r->perms & BH_PERM_W) || r->size < len)
		return;
	uint8_t *k = fz_sys_mem(r->paddr + off % (r->size - len + 1u));
	for (uint32_t i = 0; i < len; i++)
		k[i] = (uint8_t)take(in, 1);
}

static void op_vcpu(struct input *in)
{
	struct partition *p = bh_sched.running;
	uint32_t word = take(in, 1), v = take(in, 4);

	if (p) /* the guest may write any word of its vCPU page */
		((volatile uint32_t *)p->vcpu)[word % (sizeof(struct bh_vcpu) / 4u)] = v;
}

static void run(struct input *in)
{
	for (unsigned n = 0; n < MAX_OPS && in->left; n++) {
		switch (take(in, 1) % OP_COUNT) {
		case OP_HYPERCALL: op_hypercall(in); break;
		case OP_WRITE_MEM: op_write_mem(in); break;
		case OP_TICK: fz_sys_tick(take(in, 1) % 8u + 1u); break;
		case OP_IRQ: fz_sys_irq(take(in, 1) % 16u); break;
		case OP_TRAP: fz_sys_trap(take(in, 1) % 32u, take(in, 4)); break;
		default: op_vcpu(in); break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	jmp_buf jb;

	host_halt_jmp = &jb;
	if (!setjmp(jb)) {
		fz_sys_boot();
		run(&in);
	} else if (host_halt_code == BH_EXIT_PANIC) {
		fz_sys_report("kernel panic");
	}
	host_halt_jmp = NULL;
	return 0;
}
