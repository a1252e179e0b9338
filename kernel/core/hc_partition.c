/* Hypercalls that change partition or module state. */
#include <bh/console.h>
#include <bh/entry.h>
#include <bh/hm.h>
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/trace.h>

ARCH_FASTCALL int32_t hc_yield(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	(void)r;
	p->wait = PART_YIELDED;
	sched_kick();
	return BH_OK;
}

ARCH_FASTCALL int32_t hc_idle(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	(void)r;
	if (virq_deliverable(p) < 0)
		p->wait = PART_IDLING;
	sched_kick(); /* either way: what is deliverable now is delivered on return */
	return BH_OK;
}

ARCH_FASTCALL int32_t hc_set_mode(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	uint32_t mode = arch_regs_arg(r, 0);

	switch (mode) {
	case BH_MODE_NORMAL:
		if (p->mode == BH_MODE_NORMAL)
			return BH_ESTATE;
		p->mode = BH_MODE_NORMAL;
		trace_mode(p, BH_MODE_NORMAL, p->start_condition);
		return BH_OK;
	case BH_MODE_IDLE:
		part_stop(p);
		return BH_OK;
	case BH_MODE_WARM_START:
		if (p->mode == BH_MODE_COLD_START)
			return BH_ESTATE; /* ARINC 653: cold start cannot become warm */
		part_restart(p, false, BH_START_PARTITION_RESTART);
		return HC_RESULT_SET;
	default:
		part_restart(p, true, BH_START_PARTITION_RESTART);
		return HC_RESULT_SET;
	}
}

ARCH_FASTCALL int32_t hc_partition_control(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	struct partition *t = part_get(arch_regs_arg(r, 0));
	uint32_t op = arch_regs_arg(r, 1);

	if (!t)
		return BH_ENOENT;
	/* In t's ring, in order with the lines of the stop or restart itself. */
	console_kline(t, "[bh] partition %s: %s by %s", t->cfg->name,
		      op == BH_PCTL_STOP ? "stop requested" : "restart requested", p->cfg->name);
	if (op == BH_PCTL_STOP)
		part_stop(t);
	else
		part_restart(t, op == BH_PCTL_RESTART_COLD, BH_START_OTHER_PARTITION);
	return t == p && op != BH_PCTL_STOP ? HC_RESULT_SET : BH_OK;
}

ARCH_FASTCALL int32_t hc_hm_raise(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	struct hm_detail d = {
		UINT32_MAX, arch_regs_arg(r, 0), 0, arch_regs_pc(r), c->in, c->in_len, NULL,
	};

	/* Stopped or restarted: the old registers are gone, leave them be. */
	return hm_raise(p, BH_HM_APPLICATION_ERROR, &d, r) ? BH_OK : HC_RESULT_SET;
}

ARCH_FASTCALL int32_t hc_module_halt(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	console_flush_all(); /* the run ends: what the partitions wrote comes first */
	kprintf("[bh] module halt requested by %s (code %u)\n", p->cfg->name, arch_regs_arg(r, 0));
	kernel_shutdown(BH_EXIT_OK, "module halt hypercall");
}
