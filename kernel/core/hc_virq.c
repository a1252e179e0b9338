/* Hypercalls of the virtual interrupt layer; the logic is in virq.c. */
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/virq.h>

ARCH_FASTCALL int32_t hc_virq_register(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_register(p, arch_regs_arg(r, 0), arch_regs_arg(r, 1), arch_regs_arg(r, 2));
}

ARCH_FASTCALL int32_t hc_virq_bind(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_bind(p, arch_regs_arg(r, 0));
}

ARCH_FASTCALL int32_t hc_virq_unbind(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_unbind(p, arch_regs_arg(r, 0));
}

ARCH_FASTCALL int32_t hc_virq_sync(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	(void)r;
	return virq_sync(p);
}

ARCH_FASTCALL int32_t hc_virq_unmask(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_unmask(p, arch_regs_arg(r, 0));
}

ARCH_FASTCALL int32_t hc_upcall_return(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	int32_t err = virq_upcall_return(p, r, c->in);

	return err ? err : HC_RESULT_SET;
}

ARCH_FASTCALL int32_t hc_timer_set(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_timer_set(p, ((uint64_t)arch_regs_arg(r, 1) << 32) | arch_regs_arg(r, 0));
}

ARCH_FASTCALL int32_t hc_virq_raise(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_raise_own(p, arch_regs_arg(r, 0));
}

ARCH_FASTCALL int32_t hc_virq_options(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return virq_options(p, arch_regs_arg(r, 0));
}
