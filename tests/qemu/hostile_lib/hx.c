/* The hostile suite's guest library (see hx.h). */
#include "hx.h"

#define RET 0xC3u

static uint8_t code_buf[HX_CODE_MAX + 1] __attribute__((aligned(16)));
static uint8_t irq_stack[8192] __attribute__((aligned(16)));
static struct hx_regs *cur_regs;
static struct hx_trap *cur_trap;
static volatile bool armed;
static uint32_t stray;

static void on_trap(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)count;
	if (!armed) {
		stray++;
		bht_error("trap %u at %#x outside a probe (error %#x addr %#x)",
			  v - BH_VEC_TRAP_BASE, f->eip, f->error_code, f->fault_addr);
	}
	armed = false;
	*cur_trap = (struct hx_trap){ v, f->error_code, f->fault_addr, f->eip, f->esp, f->eflags };
	*cur_regs = (struct hx_regs){ f->eax, f->ebx, f->ecx, f->edx, f->esi, f->edi, f->ebp };
	f->eip = BH_PTR(hx_recover);
	f->esp = hx_saved_esp;
	f->eflags = 0x202; /* not the probe's: TF would trap again at hx_recover */
}

void hx_register(void)
{
	if (bh_virq_register(hx_entry, irq_stack, sizeof(irq_stack)) != BH_OK)
		bht_error("cannot register the upcall entry");
}

void hx_init(const char *name)
{
	bht_init(name);
	for (uint32_t v = BH_VEC_TRAP_BASE; v < BH_NR_UPCALL_VECTORS; v++)
		bh_set_handler(v, on_trap);
	hx_register();
}

void hx_set_handler(uint32_t v, bh_handler_t h)
{
	bh_set_handler(v, h);
}

enum hx_outcome hx_call(void (*fn)(void), struct hx_regs *r, struct hx_trap *t)
{
	cur_regs = r;
	cur_trap = t;
	armed = true;
	BH_BARRIER();
	uint32_t how = hx_run(r, fn);
	BH_BARRIER();
	armed = false;
	if (how == HX_LANDED) {
		const uint32_t *l = hx_landed;
		*r = (struct hx_regs){ l[0], l[1], l[2], l[3], l[4], l[5], l[6] };
		*t = (struct hx_trap){ HX_NO_TRAP, 0, 0, BH_PTR(hx_land), l[7], l[8] };
	}
	return (enum hx_outcome)how;
}

enum hx_outcome hx_run_code(const void *code, uint32_t len, struct hx_regs *r, struct hx_trap *t)
{
	const uint8_t *c = code;

	if (len > HX_CODE_MAX)
		bht_error("snippet of %u bytes", len);
	for (uint32_t i = 0; i < len; i++)
		code_buf[i] = c[i];
	code_buf[len] = RET;
	return hx_call((void (*)(void))(uintptr_t)code_buf, r, t);
}

uint32_t hx_code_addr(void)
{
	return BH_PTR(code_buf);
}

uint32_t hx_stray_traps(void)
{
	return stray;
}
