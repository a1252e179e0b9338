/*
 * Hypercall dispatch: one table line per call (number, handler, privilege,
 * argument checks), derived from the ABI's list. The fast path
 * (core_hypercall in entry.c), for calls with nothing to check, is a range
 * check and an indirect call to the handler.
 *
 * Checked calls go through hc_checked_call(), which validates every argument
 * as declared and copies pointer arguments into kernel bounce buffers before
 * the handler runs, and copies results out after it returns: check
 * everything, then act. A failed call (other than "busy", "wrong state" or
 * "not now", which a correct guest can meet) counts toward the
 * partition's bad-hypercall limit.
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

/*
 * The table derives from the ABI's list (BH_HYPERCALLS in bulkhead/abi.h):
 * each line's argument checks become hc_arg_spec entries and decide whether
 * the call needs the checking path. A check token is pasted onto HC_SPEC_ or
 * HC_CHECK_ (so IN(1, 256) becomes HC_SPEC_IN(1, 256)); arguments the call
 * does not take, filled in by HC_LINE, paste to the empty HC_SPEC_.
 */
#define HC_SPEC_ { HC_ARG_ANY, 0, 0 }
#define HC_SPEC_ANY { HC_ARG_ANY, 0, 0 }
#define HC_SPEC_MAX(n) { HC_ARG_MAX, 0, (n) }
#define HC_SPEC_IN(len_arg, max) { HC_ARG_IN, (len_arg), (max) }
#define HC_SPEC_IN_FIXED(size) { HC_ARG_IN_FIXED, 0, (size) }
#define HC_SPEC_OUT(size) { HC_ARG_OUT, 0, (size) }
#define HC_CHECK_ 0
#define HC_CHECK_ANY 0
#define HC_CHECK_MAX(n) 1
#define HC_CHECK_IN(len_arg, max) 1
#define HC_CHECK_IN_FIXED(size) 1
#define HC_CHECK_OUT(size) 1
#define HC_WHO_ANYONE 0u
#define HC_WHO_PRIVILEGED HC_PRIVILEGED

#define HC_SPECS(a, b, c, d, e, ...) \
	{ HC_SPEC_##a, HC_SPEC_##b, HC_SPEC_##c, HC_SPEC_##d, HC_SPEC_##e }
#define HC_CHECKS(a, b, c, d, e, ...) \
	(HC_CHECK_##a | HC_CHECK_##b | HC_CHECK_##c | HC_CHECK_##d | HC_CHECK_##e)
#define HC_FLAGS(who, ...) \
	(HC_WHO_##who | (HC_CHECKS(__VA_ARGS__, , , , , ) ? HC_CHECKED : 0u))

#define HC_LINE(nr, NAME, name, changes, who, ...)                                 \
	[nr] = { HC_FLAGS(who, __VA_ARGS__) ? hc_checked_entry : hc_##name, hc_##name, \
		 #name, (uint8_t)HC_FLAGS(who, __VA_ARGS__), BH_HC_CHANGES_##changes,   \
		 HC_SPECS(__VA_ARGS__, , , , , ) },

const struct hc_desc hc_table[BH_HC_COUNT] = { BH_HYPERCALLS(HC_LINE) };

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

	if (err == BH_EBUSY || err == BH_ESTATE || err == BH_EAGAIN)
		return;
	p->bad_hypercalls++;
	if (limit && p->bad_hypercalls % limit == 0) {
		struct hm_detail d = { UINT32_MAX, nr, 0, arch_regs_pc(r), NULL, 0, NULL };
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

/*
 * A call that failed, was unknown, or set its own result registers
 * (core_hypercall's slow path). Handlers that fail leave eax alone, so it
 * still holds the call number.
 */
__attribute__((noinline)) ARCH_FASTCALL struct arch_regs *hc_failed(struct arch_regs *r,
								     int32_t ret)
{
	hc_finish(bh_sched.running, r, arch_regs_nr(r), ret);
	return sched_resume(r);
}
