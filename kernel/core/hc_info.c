/* Hypercalls that report: version, console, time, window and status. */
#include <bh/console.h>
#include <bh/hypercall.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/sched.h>

#define FEATURES (BH_FEAT_VIRQ | BH_FEAT_ONESHOT | BH_FEAT_DEVICE_IRQ | BH_FEAT_IOPORTS | BH_FEAT_PORTS | \
		  BH_FEAT_RAISE | BH_FEAT_TLS | BH_FEAT_BATCH)

/* eax and edx of BH_HC_VERSION; the architecture's entry may answer it
 * from here without a frame (x86: entry.S). */
const uint32_t hc_version_result[2] = { BH_ABI_VERSION, FEATURES };

ARCH_FASTCALL int32_t hc_version(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)p;
	(void)c;
	arch_regs_set_ret2(r, hc_version_result[1]);
	return (int32_t)hc_version_result[0];
}

ARCH_FASTCALL int32_t hc_console_write(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)r;
	console_write(p, c->in, c->in_len);
	return (int32_t)c->in_len;
}

ARCH_FASTCALL int32_t hc_time_get(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	uint64_t t = time_now_ns();

	(void)p;
	(void)c;
	arch_regs_set_ret(r, (int32_t)(uint32_t)t);
	arch_regs_set_ret2(r, (uint32_t)(t >> 32));
	return HC_RESULT_SET;
}

ARCH_FASTCALL int32_t hc_window_info(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	struct bh_window_info *w = c->out;

	(void)r;
	/* The caller owns the current window. Never read back the vCPU page's
	 * copies of these: the guest can write them. */
	w->now_ns = time_now_ns();
	w->start_ns = bh_sched.window_start_ns;
	w->end_ns = bh_sched.window_end_ns;
	w->major_frame_ns = time_major_frame_ns();
	w->window_index = bh_sched.win;
	w->window_seq = p->window_seq;
	w->frame_seq = bh_sched.frame_seq;
	w->partition_id = p->id;
	return BH_OK;
}

ARCH_FASTCALL int32_t hc_partition_status(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	uint32_t id = arch_regs_arg(r, 0);
	struct bh_partition_status *s = c->out;
	const struct partition *t;

	if (id == BH_SELF)
		id = p->id;
	/* Privilege first: an unprivileged caller learns nothing about other
	 * ids, not even whether they exist. */
	if (id != p->id && !part_privileged(p))
		return BH_EPERM;
	t = part_get(id);
	if (!t)
		return BH_ENOENT;
	s->id = t->id;
	s->mode = t->mode;
	s->start_condition = t->start_condition;
	s->restart_count = t->restart_count;
	s->hm_events = t->hm_events;
	s->last_hm_event = t->last_hm_event;
	s->bad_hypercalls = t->bad_hypercalls;
	s->window_seq = t->window_seq;
	for (uint32_t i = 0; i + 1 < BH_NAME_MAX && t->cfg->name[i]; i++)
		s->name[i] = t->cfg->name[i];
	return BH_OK;
}
