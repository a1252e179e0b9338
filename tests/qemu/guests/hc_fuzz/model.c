/*
 * hc_fuzz, the model: what the kernel must answer, from the documented
 * rules (abi.h, docs/internals.md) and this partition's configuration,
 * written independently of the kernel's code. A pointer is good only if the
 * whole range lies inside one region with the needed permission; a zero
 * length is never looked at.
 */
#include "fuzz.h"

#define PERM_R 1u
#define PERM_W 2u
#define PERM_X 4u

struct region {
	uint32_t base, size, perms;
};

static const struct region regions[] = {
	{ IMAGE_BASE, IMAGE_SIZE, PERM_R | PERM_W | PERM_X },
	{ ARENA_BASE, ARENA_SIZE, PERM_R | PERM_W },
	{ RO_BASE, RO_SIZE, PERM_R },
	{ SLED_BASE, SLED_SIZE, PERM_R | PERM_W | PERM_X },
	{ STATE_BASE, STATE_SIZE, PERM_R | PERM_W },
	{ STACKS_BASE, STACKS_SIZE, PERM_R | PERM_W },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

struct fz_model fz_model;

static bool access_ok(uint32_t va, uint32_t len, uint32_t perms)
{
	uint64_t end = (uint64_t)va + len;

	if (!len)
		return true;
	for (uint32_t i = 0; i < NREGIONS; i++) {
		const struct region *r = &regions[i];
		if (va >= r->base && end <= (uint64_t)r->base + r->size)
			return (r->perms & perms) == perms;
	}
	return false;
}

bool fz_can_write(uint32_t va, uint32_t len)
{
	return access_ok(va, len, PERM_W);
}

bool fz_is_stateful(uint32_t nr)
{
	return nr == BH_HC_SET_MODE || nr == BH_HC_VIRQ_REGISTER || nr == BH_HC_VIRQ_BIND ||
	       nr == BH_HC_VIRQ_UNBIND || nr == BH_HC_UPCALL_RETURN;
}

void fz_model_reset(uint32_t mode)
{
	fz_model = (struct fz_model){ .mode = mode };
}

static struct fz_pred exact(int32_t v)
{
	return (struct fz_pred){ P_EXACT, v };
}

static struct fz_pred set_mode(uint32_t m)
{
	if (m > BH_MODE_NORMAL)
		return exact(BH_EINVAL);
	if (m == BH_MODE_NORMAL)
		return exact(fz_model.mode == BH_MODE_NORMAL ? BH_ESTATE : BH_OK);
	if (m == BH_MODE_WARM_START && fz_model.mode == BH_MODE_COLD_START)
		return exact(BH_ESTATE); /* ARINC 653: cold start cannot become warm */
	return (struct fz_pred){ P_NORETURN, (int32_t)m };
}

static struct fz_pred virq_register(const uint32_t *a)
{
	if (a[2] < BH_MIN_IRQ_STACK || (a[1] & 15u) || (a[2] & 15u))
		return exact(BH_EINVAL);
	if (!access_ok(a[0], 1, PERM_X) || !access_ok(a[1], a[2], PERM_W))
		return exact(BH_EFAULT);
	return exact(BH_OK);
}

static struct fz_pred bind(uint32_t line, bool unbind)
{
	if (line >= BH_NR_IRQ_LINES)
		return exact(BH_EINVAL);
	if (unbind)
		return exact(line == FZ_LINE && fz_model.bound ? BH_OK : BH_ENOENT);
	if (line != FZ_LINE)
		return exact(BH_EPERM);
	return exact(fz_model.bound ? BH_EBUSY : (int32_t)BH_VEC_IRQ(line));
}

static struct fz_pred status(uint32_t id, uint32_t out)
{
	if (!access_ok(out, sizeof(struct bh_partition_status), PERM_W))
		return exact(BH_EFAULT);
	if (id == BH_SELF || id == FZ_ID)
		return exact(BH_OK);
	return exact(BH_EPERM); /* not privileged: any other id, existing or not */
}

static struct fz_pred in_buffer(uint32_t va, uint32_t n, int32_t ok)
{
	if (n > BH_CONSOLE_MAX)
		return exact(BH_E2BIG);
	return exact(access_ok(va, n, PERM_R) ? ok : BH_EFAULT);
}

struct fz_pred fz_predict(const struct fz_call *c)
{
	const uint32_t *a = c->a;

	switch (c->nr) {
	case BH_HC_VERSION: return (struct fz_pred){ P_VERSION, (int32_t)BH_ABI_VERSION };
	case BH_HC_CONSOLE_WRITE: return in_buffer(a[0], a[1], (int32_t)a[1]);
	case BH_HC_TIME_GET: return (struct fz_pred){ P_TIME, 0 };
	case BH_HC_WINDOW_INFO:
		return exact(access_ok(a[0], sizeof(struct bh_window_info), PERM_W) ? BH_OK
										      : BH_EFAULT);
	case BH_HC_YIELD: case BH_HC_IDLE: case BH_HC_VIRQ_SYNC: case BH_HC_TIMER_SET:
		return exact(BH_OK);
	case BH_HC_PARTITION_STATUS: return status(a[0], a[1]);
	case BH_HC_SET_MODE: return set_mode(a[0]);
	case BH_HC_PARTITION_CONTROL: case BH_HC_MODULE_HALT: return exact(BH_EPERM);
	case BH_HC_HM_RAISE: return in_buffer(a[1], a[2], BH_OK);
	case BH_HC_VIRQ_REGISTER: return virq_register(a);
	case BH_HC_VIRQ_BIND: return bind(a[0], false);
	case BH_HC_VIRQ_UNBIND: return bind(a[0], true);
	case BH_HC_VIRQ_UNMASK: return exact(a[0] < BH_NR_VECTORS ? BH_OK : BH_EINVAL);
	case BH_HC_UPCALL_RETURN:
		if (!access_ok(a[0], sizeof(struct bh_upcall_frame), PERM_R))
			return exact(BH_EFAULT);
		if (fz_model.entry == ENTRY_NONE)
			return exact(BH_ESTATE);
		return (struct fz_pred){ P_JUMP, 0 };
	/* This system configures no ports: every id is unknown. */
	case BH_HC_PORT_INFO:
		return exact(access_ok(a[1], sizeof(struct bh_port_info), PERM_W) ? BH_ENOENT
										 : BH_EFAULT);
	case BH_HC_PORT_STATUS:
		return exact(access_ok(a[1], sizeof(struct bh_port_status), PERM_W) ? BH_ENOENT
										   : BH_EFAULT);
	case BH_HC_PORT_WRITE: case BH_HC_PORT_READ: case BH_HC_PORT_CLEAR:
		return exact(BH_ENOENT);
	/* Its own vectors; a physical line's belongs to the device (EPERM). */
	case BH_HC_VIRQ_RAISE:
		return exact(a[0] >= BH_NR_VECTORS		     ? BH_EINVAL
			     : a[0] - BH_VEC_IRQ_BASE < BH_NR_IRQ_LINES ? BH_EPERM
									: BH_OK);
	/* Any base: a segment the partition's own accesses are checked by. */
	case BH_HC_TLS_SET: return exact(BH_OK);
	/* 0 turns it off; otherwise 8 readable bytes, read at each use. */
	case BH_HC_TLS_DESC: return exact(access_ok(a[0], 8, PERM_R) || !a[0] ? BH_OK : BH_EFAULT);
	/* Batch upcalls (2.1) or not: the library's entry takes either. */
	case BH_HC_VIRQ_OPTIONS: return exact(a[0] & ~BH_VIRQ_OPT_ALL ? BH_EINVAL : BH_OK);
	default: return exact(BH_ENOSYS);
	}
}

/* HM events the kernel counts for c if it returns as predicted. */
uint32_t fz_hm_events_of(const struct fz_call *c, const struct fz_pred *p)
{
	if (p->kind == P_EXACT && p->value < 0 && p->value != BH_EBUSY &&
	    p->value != BH_ESTATE && p->value != BH_EAGAIN)
		return (fz_model.bad + 1u) % 1000u == 0;
	return p->kind == P_EXACT && p->value >= 0 && c->nr == BH_HC_HM_RAISE;
}

/* Record the effect of a call that returned as predicted. */
void fz_apply(const struct fz_call *c, const struct fz_pred *p)
{
	if (p->kind == P_EXACT && p->value < 0 && p->value != BH_EBUSY &&
	    p->value != BH_ESTATE && p->value != BH_EAGAIN && ++fz_model.bad % 1000u == 0)
		FZ->hm_events++; /* hm bad_hypercall ignore limit 1000 */
	if (p->kind != P_EXACT || p->value < 0)
		return;
	switch (c->nr) {
	case BH_HC_SET_MODE: fz_model.mode = BH_MODE_NORMAL; break;
	case BH_HC_HM_RAISE: FZ->hm_events++; break;
	case BH_HC_VIRQ_BIND: fz_model.bound = true; break;
	case BH_HC_VIRQ_UNBIND: fz_model.bound = false; break;
	case BH_HC_VIRQ_REGISTER:
		fz_model.entry = c->a[0] == BH_PTR(bh_upcall_entry) ? ENTRY_REAL : ENTRY_FOREIGN;
		/* Upcalls now run code the model does not know, which may make
		 * calls or return through any frame (past a call the model
		 * then counts but the kernel never saw): as after a wild
		 * upcall return, the counts are no longer the model's. */
		fz_model.wild |= fz_model.entry == ENTRY_FOREIGN;
		fz_model.stack_lo = c->a[1];
		fz_model.stack_hi = c->a[1] + c->a[2];
		break;
	default: break;
	}
}
