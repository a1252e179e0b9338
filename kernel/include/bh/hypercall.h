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
	struct hc_arg_spec arg[5];
};


/* Exposed for unit tests. */
extern const struct hc_desc hc_table[BH_HC_COUNT];

/* Handlers (hc_*.c). */
ARCH_FASTCALL int32_t hc_version(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_console_write(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_time_get(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_window_info(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_yield(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_idle(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_partition_status(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_set_mode(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_partition_control(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_hm_raise(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_virq_register(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_virq_bind(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_virq_unbind(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_virq_sync(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_virq_unmask(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_upcall_return(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_timer_set(struct partition *p, struct arch_regs *r, struct hc_call *c);
ARCH_FASTCALL int32_t hc_module_halt(struct partition *p, struct arch_regs *r, struct hc_call *c);

/* A result that means "the handler already set every result register".
 * Negative, so that the common path tests the sign only. */
#define HC_RESULT_SET INT32_MIN

#endif /* BH_HYPERCALL_H */
