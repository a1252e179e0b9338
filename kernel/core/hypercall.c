/*
 * Hypercall dispatch: one table line per call (number, handler, privilege,
 * argument checks). The fast path, for calls with nothing to check, is a
 * range check, one flag test and an indirect call.
 *
 * Checked calls go through hc_checked_call(), which validates every argument
 * as declared and copies pointer arguments into kernel bounce buffers before
 * the handler runs, and copies results out after it returns: check
 * everything, then act. A failed call (other than "busy" or "wrong state",
 * which a correct guest can meet) counts toward the partition's
 * bad-hypercall limit.
 */
#include <bh/arch.h>
#include <bh/hm.h>
#include <bh/hypercall.h>
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/uaccess.h>

static ARCH_FASTCALL int32_t hc_checked_entry(struct partition *p, struct arch_regs *r,
					      struct hc_call *unused);

/* One line per hypercall: number, handler, name, flags, argument checks. */
#define HC(nr, handler, flags, ...)                                                   \
	[nr] = { (flags) ? hc_checked_entry : handler, handler, #handler + 3, (flags), \
		 { __VA_ARGS__ } }

#define NONE { HC_ARG_ANY, 0, 0 }
#define MAX(n) { HC_ARG_MAX, 0, (n) }
#define IN(len_arg, max) { HC_ARG_IN, (len_arg), (max) }
#define IN_FIXED(size) { HC_ARG_IN_FIXED, 0, (size) }
#define OUT(size) { HC_ARG_OUT, 0, (size) }

const struct hc_desc hc_table[BH_HC_COUNT] = {
	HC(BH_HC_VERSION, hc_version, 0, NONE),
	HC(BH_HC_CONSOLE_WRITE, hc_console_write, HC_CHECKED, IN(1, BH_CONSOLE_MAX)),
	HC(BH_HC_TIME_GET, hc_time_get, 0, NONE),
	HC(BH_HC_WINDOW_INFO, hc_window_info, HC_CHECKED, OUT(sizeof(struct bh_window_info))),
	HC(BH_HC_YIELD, hc_yield, 0, NONE),
	HC(BH_HC_IDLE, hc_idle, 0, NONE),
	HC(BH_HC_PARTITION_STATUS, hc_partition_status, HC_CHECKED, NONE, OUT(sizeof(struct bh_partition_status))),
	HC(BH_HC_SET_MODE, hc_set_mode, HC_CHECKED, MAX(BH_MODE_NORMAL)),
	HC(BH_HC_PARTITION_CONTROL, hc_partition_control, HC_PRIVILEGED | HC_CHECKED, NONE, MAX(BH_PCTL_RESTART_WARM)),
	HC(BH_HC_HM_RAISE, hc_hm_raise, HC_CHECKED, NONE, IN(2, BH_CONSOLE_MAX)),
	HC(BH_HC_VIRQ_REGISTER, hc_virq_register, 0, NONE),
	HC(BH_HC_VIRQ_BIND, hc_virq_bind, HC_CHECKED, MAX(BH_NR_IRQ_LINES - 1)),
	HC(BH_HC_VIRQ_UNBIND, hc_virq_unbind, HC_CHECKED, MAX(BH_NR_IRQ_LINES - 1)),
	HC(BH_HC_VIRQ_SYNC, hc_virq_sync, 0, NONE),
	HC(BH_HC_VIRQ_UNMASK, hc_virq_unmask, HC_CHECKED, MAX(BH_NR_VECTORS - 1)),
	HC(BH_HC_UPCALL_RETURN, hc_upcall_return, HC_CHECKED, IN_FIXED(sizeof(struct bh_upcall_frame))),
	HC(BH_HC_TIMER_SET, hc_timer_set, 0, NONE),
	HC(BH_HC_MODULE_HALT, hc_module_halt, HC_PRIVILEGED, NONE),
};

static int32_t check_args(struct partition *p, const struct hc_desc *d, struct arch_regs *r,
			  struct hc_call *c, uint8_t *in, uint32_t *out_va, uint32_t *out_len)
{
	for (unsigned i = 0; i < 5; i++) {
		const struct hc_arg_spec *s = &d->arg[i];
		uint32_t v = arch_regs_arg(r, i);
		uint32_t len = s->limit;
		int32_t err;

		switch (s->kind) {
		case HC_ARG_MAX:
			if (v > s->limit)
				return BH_EINVAL;
			break;
		case HC_ARG_IN:
			len = arch_regs_arg(r, s->len_arg);
			if (len > s->limit)
				return BH_E2BIG;
			/* fall through */
		case HC_ARG_IN_FIXED:
			err = uaccess_copy_in(p, in, gva(v), len);
			if (err)
				return err;
			c->in = in;
			c->in_len = len;
			break;
		case HC_ARG_OUT:
			if (!uaccess_ptr(p, gva(v), len, BH_PERM_W))
				return BH_EFAULT;
			*out_va = v;
			*out_len = len;
			break;
		default:
			break;
		}
	}
	return BH_OK;
}

static int32_t hc_checked_call(struct partition *p, const struct hc_desc *d,
			       struct arch_regs *r)
{
	uint8_t in[HC_BOUNCE_MAX] __attribute__((aligned(8)));
	uint8_t out[HC_BOUNCE_MAX] __attribute__((aligned(8)));
	struct hc_call c = { NULL, 0, NULL };
	uint32_t out_va = 0, out_len = 0;
	int32_t ret;

	if ((d->flags & HC_PRIVILEGED) && !part_privileged(p))
		return BH_EPERM;
	ret = check_args(p, d, r, &c, in, &out_va, &out_len);
	if (ret)
		return ret;
	if (out_len) {
		memset(out, 0, out_len);
		c.out = out;
	}
	ret = d->fn(p, r, &c);
	if (ret >= 0 && out_len)
		uaccess_copy_out(p, gva(out_va), out, out_len); /* checked above */
	return ret;
}

static void count_bad_call(struct partition *p, int32_t err, uint32_t nr, struct arch_regs *r)
{
	uint32_t limit = p->cfg->bad_hypercall_limit;

	if (err == BH_EBUSY || err == BH_ESTATE)
		return;
	p->bad_hypercalls++;
	if (limit && p->bad_hypercalls % limit == 0) {
		struct hm_detail d = { UINT32_MAX, nr, 0, arch_regs_pc(r), NULL, 0 };
		hm_raise(p, BH_HM_BAD_HYPERCALL, &d, r);
	}
}

/* Set the result of a call that went wrong (or set its own registers). */
static void hc_finish(struct partition *p, struct arch_regs *r, uint32_t nr, int32_t ret)
{
	if (ret == HC_RESULT_SET)
		return;
	arch_regs_set_ret(r, ret);
	if (ret < 0)
		count_bad_call(p, ret, nr, r); /* last: the health monitor may restart p */
}

/* The fast-path entry of calls with privileges or arguments to check. */
static ARCH_FASTCALL int32_t hc_checked_entry(struct partition *p, struct arch_regs *r,
					      struct hc_call *unused)
{
	(void)unused;
	return hc_checked_call(p, &hc_table[arch_regs_nr(r)], r);
}

static __attribute__((noinline)) struct arch_regs *hc_unknown(struct arch_regs *r)
{
	hc_finish(bh_sched.running, r, arch_regs_nr(r), BH_ENOSYS);
	return sched_resume(r);
}

/*
 * A call that failed or set its own result registers. Handlers that fail
 * leave eax alone, so it still holds the call number.
 */
static __attribute__((noinline)) struct arch_regs *hc_unusual(struct arch_regs *r, int32_t ret)
{
	hc_finish(bh_sched.running, r, arch_regs_nr(r), ret);
	return sched_resume(r);
}

/*
 * The fast path: a range check and an indirect call (to the handler, or for
 * calls with checks to hc_checked_entry); errors go out of line.
 */
ARCH_ENTRY struct arch_regs *core_hypercall(struct arch_regs *r)
{
	uint32_t nr = arch_regs_nr(r);

	if (BH_UNLIKELY(nr >= BH_HC_COUNT))
		return hc_unknown(r);
	int32_t ret = hc_table[nr].entry(bh_sched.running, r, NULL);
	if (BH_UNLIKELY(ret < 0))
		return hc_unusual(r, ret);
	arch_regs_set_ret(r, ret);
	return sched_resume(r);
}
