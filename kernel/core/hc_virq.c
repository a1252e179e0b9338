/* Hypercalls of the virtual interrupt layer; the logic is in virq.c. */
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/virq.h>

int32_t hc_virq_register(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)r;
	return virq_register(p, hc_arg(c, 0), hc_arg(c, 1), hc_arg(c, 2));
}

int32_t hc_virq_bind(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)r;
	return virq_bind(p, hc_arg(c, 0));
}

int32_t hc_virq_unbind(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)r;
	return virq_unbind(p, hc_arg(c, 0));
}

int32_t hc_virq_sync(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)p;
	(void)c;
	(void)r;
	sched_kick(); /* sched_resume() delivers before the guest runs again */
	return BH_OK;
}

int32_t hc_virq_unmask(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)r;
	return virq_unmask(p, hc_arg(c, 0));
}

int32_t hc_upcall_return(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	int32_t err = virq_upcall_return(p, r, c->in);

	return err ? err : HC_RESULT_SET;
}

int32_t hc_timer_set(struct partition *p, struct hc_call *c, struct arch_regs *r)
{
	(void)r;
	return virq_timer_set(p, ((uint64_t)hc_arg(c, 1) << 32) | hc_arg(c, 0));
}
