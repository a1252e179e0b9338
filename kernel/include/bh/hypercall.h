/*
 * Hypercall dispatch. The table in hypercall.c has one line per call: its
 * handler, whether it is privileged, and a declaration of how each argument
 * is checked. The dispatcher performs the declared checks and copies pointer
 * arguments in (or out) through bounce buffers, so handlers only ever see
 * validated values and kernel copies: there is no time-of-check/time-of-use
 * gap.
 */
#ifndef BH_HYPERCALL_H
#define BH_HYPERCALL_H

#include <bulkhead/abi.h>
#include <bh/arch.h>

struct partition;

enum hc_arg_kind {
	HC_ARG_ANY = 0,	 /* any value; the handler interprets it */
	HC_ARG_MAX,	 /* value <= limit */
	HC_ARG_IN,	 /* pointer to `arg[len_arg]` bytes (<= limit) to copy in */
	HC_ARG_IN_FIXED, /* pointer to exactly `limit` bytes to copy in */
	HC_ARG_OUT,	 /* pointer to `limit` writable bytes, copied out on success */
};

struct hc_arg_spec {
	uint8_t kind;	 /* enum hc_arg_kind */
	uint8_t len_arg; /* HC_ARG_IN: which argument holds the length */
	uint16_t limit;
};

#define HC_PRIVILEGED 0x1u /* only partitions configured `privileged` */
#define HC_CHECKED 0x2u	   /* has at least one argument to check */

#define HC_BOUNCE_MAX 256u

/* What a checked handler receives besides the registers. */
struct hc_call {
	const void *in; /* HC_ARG_IN*: kernel copy of the guest buffer */
	uint32_t in_len;
	void *out; /* HC_ARG_OUT: kernel buffer copied out if result >= 0 */
};

/*
 * A handler gets the caller, its registers (arguments are read with
 * arch_regs_arg()) and, for HC_CHECKED calls only, the validated copies (c is
 * NULL for unchecked calls). It returns the result for eax, or
 * HC_RESULT_SET if it has set every result register itself.
 */
typedef ARCH_FASTCALL int32_t (*hc_fn_t)(struct partition *p, struct arch_regs *r,
					 struct hc_call *c);

struct hc_desc {
	hc_fn_t entry; /* what the fast path calls: fn, or the checking path */
	hc_fn_t fn;
	const char *name;
	uint8_t flags;
	uint8_t changes; /* BH_HC_REG_* the call may change (the ABI's list) */
	struct hc_arg_spec arg[5];
};


/* Exposed for unit tests. */
extern const struct hc_desc hc_table[BH_HC_COUNT];
/* BH_HC_VERSION's eax and edx (hc_info.c). */
extern const uint32_t hc_version_result[2];

/* Handlers (hc_*.c): hc_<name> for each line of the ABI's BH_HYPERCALLS. */
#define HC_DECLARE_(nr, NAME, name, ...) \
	ARCH_FASTCALL int32_t hc_##name(struct partition *p, struct arch_regs *r, struct hc_call *c);
BH_HYPERCALLS(HC_DECLARE_)

/* The slow end of core_hypercall(): an error, an unknown number, or a
 * handler that set its own result registers. Returns the frame to resume. */
ARCH_FASTCALL struct arch_regs *hc_failed(struct arch_regs *r, int32_t ret);

/* A result that means "the handler already set every result register".
 * Negative, so that the common path tests the sign only. */
#define HC_RESULT_SET INT32_MIN

#endif /* BH_HYPERCALL_H */
