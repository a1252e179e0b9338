/*
 * hc_fuzz, execution: one campaign step (generate, predict, call, check),
 * the checks on registers and returned data, and the campaign bookkeeping,
 * which is made atomic with respect to upcalls by clearing the virtual flag.
 */
#include "fuzz.h"

#define SENTINEL_EBP 0xFEEDF00Du
#define FEATURES (BH_FEAT_VIRQ | BH_FEAT_ONESHOT | BH_FEAT_DEVICE_IRQ | BH_FEAT_IOPORTS | BH_FEAT_PORTS | \
		  BH_FEAT_RAISE | BH_FEAT_TLS | BH_FEAT_BATCH)
#define PRINTED_MISMATCHES 10u

static uint64_t last_time;
static uint8_t land_stack[256] __attribute__((aligned(16)));

static uint32_t checksum(void)
{
	const uint32_t *w = (const uint32_t *)FZ;
	uint32_t s = 0x5EED5EEDu;

	for (uint32_t i = 0; i < offsetof(struct fz_state, sum) / 4; i++)
		s = (s ^ w[i]) * 16777619u;
	return s;
}

uint32_t fz_irq_off(void)
{
	uint32_t e = bh_vcpu->enabled;

	bh_vcpu->enabled = 0;
	BH_BARRIER();
	return e;
}

void fz_irq_restore(uint32_t e)
{
	BH_BARRIER();
	bh_vcpu->enabled = e;
}

void fz_state_save(void)
{
	FZ->sum = checksum();
}

/* Count a mismatch; the first is kept for the result line (the line
 * printed when it happens may be dropped: a full console ring). */
uint32_t fz_count_mismatch(const struct fz_call *c, const char *what, uint32_t got, uint32_t want)
{
	uint32_t e = fz_irq_off();
	uint32_t n = ++FZ->mismatches;

	if (n == 1) {
		FZ->bad = *c;
		FZ->bad_what = what;
		FZ->bad_got = got;
		FZ->bad_want = want;
	}
	fz_state_save();
	fz_irq_restore(e);
	return n;
}

void fz_mismatch(const struct fz_call *c, const char *what, uint32_t got, uint32_t want)
{
	uint32_t n = fz_count_mismatch(c, what, got, want);

	if (n <= PRINTED_MISMATCHES)
		bh_printf("\nmismatch %u: nr=%#x args=%#x,%#x,%#x,%#x,%#x: %s %#x, expected %#x\n", n,
			  c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], what, got, want);
}

static void check_regs(const struct fz_call *c, const struct hcl_regs *r, bool edx_out)
{
	if (r->ebx != c->a[0] || r->ecx != c->a[1] || r->esi != c->a[3] || r->edi != c->a[4])
		fz_mismatch(c, "argument register changed, ebx", r->ebx, c->a[0]);
	if (!edx_out && r->edx != c->a[2])
		fz_mismatch(c, "edx", r->edx, c->a[2]);
	if (r->ebp != SENTINEL_EBP || r->esp != 0)
		fz_mismatch(c, "ebp/esp changed, esp delta", r->esp, 0);
	if ((r->eflags & HCL_EFLAGS_USER) != c->eflags)
		fz_mismatch(c, "flags", r->eflags, c->eflags);
}

static void check_window_info(const struct fz_call *c, const struct bh_window_info *w)
{
	uint64_t first = (uint64_t)w->frame_seq * FZ_MAJOR_TICKS + FZ_WIN_START;

	if (w->partition_id != FZ_ID || w->window_index != FZ_WINDOW)
		fz_mismatch(c, "window info of partition", w->partition_id, FZ_ID);
	if (w->start_ns != hcl_tick_ns(first) || w->end_ns != hcl_tick_ns(first + FZ_WIN_TICKS) ||
	    w->major_frame_ns != hcl_tick_ns(FZ_MAJOR_TICKS))
		fz_mismatch(c, "window start (low bits)", (uint32_t)w->start_ns,
			    (uint32_t)hcl_tick_ns(first));
	if (w->now_ns < w->start_ns || w->now_ns >= w->end_ns)
		fz_mismatch(c, "now outside the window", (uint32_t)w->now_ns, (uint32_t)w->start_ns);
}

static void check_status(const struct fz_call *c, const struct bh_partition_status *s)
{
	static const char name[BH_NAME_MAX] = "hc_fuzz";
	const uint32_t *n = (const uint32_t *)s->name, *want = (const uint32_t *)name;

	if (s->id != FZ_ID || n[0] != want[0] || n[1] != want[1] || n[2] || n[3])
		fz_mismatch(c, "status of partition", s->id, FZ_ID);
	if (s->restart_count != FZ->restart_count)
		fz_mismatch(c, "status restart count", s->restart_count, FZ->restart_count);
	if (!fz_model.wild && s->mode != fz_model.mode)
		fz_mismatch(c, "status mode", s->mode, fz_model.mode);
	if (fz_model.wild)
		return; /* the counts may include calls of code the model does not know */
	if (s->bad_hypercalls != fz_model.bad || s->hm_events != FZ->hm_events)
		fz_mismatch(c, "status bad hypercalls", s->bad_hypercalls, fz_model.bad);
}

/* Data a successful call wrote, if nothing else can have touched it. */
static void check_output(const struct fz_call *c, bool quiet)
{
	if (!quiet)
		return;
	if (c->nr == BH_HC_WINDOW_INFO && c->a[0] - ARENA_BASE < ARENA_SIZE)
		check_window_info(c, (const struct bh_window_info *)c->a[0]);
	if (c->nr == BH_HC_PARTITION_STATUS && c->a[1] - ARENA_BASE < ARENA_SIZE)
		check_status(c, (const struct bh_partition_status *)c->a[1]);
}

static void check_result(const struct fz_call *c, const struct fz_pred *p,
			 const struct hcl_regs *r, uint64_t prev_time)
{
	uint64_t t = ((uint64_t)r->edx << 32) | r->eax;

	switch (p->kind) {
	case P_EXACT:
		if ((int32_t)r->eax != p->value)
			fz_mismatch(c, "result", r->eax, (uint32_t)p->value);
		break;
	case P_VERSION:
		if (r->eax != BH_ABI_VERSION || r->edx != FEATURES)
			fz_mismatch(c, "version", r->eax, BH_ABI_VERSION);
		break;
	case P_TIME:
		if (t < prev_time)
			fz_mismatch(c, "time went back, low bits", r->eax, (uint32_t)prev_time);
		if (t > last_time)
			last_time = t;
		break;
	default:
		fz_mismatch(c, "returned from a call that does not return", r->eax, 0);
	}
	check_regs(c, r, p->kind == P_VERSION || p->kind == P_TIME);
}

/* Write a frame for an upcall return that lands on hcl_land. */
static void make_frame(struct fz_rng *g, const struct fz_call *c, struct bh_upcall_frame *want)
{
	struct bh_upcall_frame *f = (struct bh_upcall_frame *)c->a[0];
	uint32_t *w = (uint32_t *)want;

	for (uint32_t i = 0; i < sizeof(*want) / 4; i++)
		w[i] = fz_rand(g);
	want->enabled &= fz_rand(g) & 1 ? 1u : 0xFFFFFFFFu;
	want->eflags &= ~HCL_EFLAGS_TF; /* an upcall return gives TF back: it
					   would single-step hcl_land */
	want->eip = BH_PTR(hcl_land);
	want->esp = BH_PTR(land_stack + sizeof(land_stack) - 32);
	*f = *want;
}

/* The jump: the frame's registers exactly, flags sanitised, the virtual
 * flag from the frame. */
static bool structured_jump(const struct fz_call *c, const struct bh_upcall_frame *want)
{
	struct bh_upcall_frame *f = (struct bh_upcall_frame *)c->a[0];
	struct hcl_regs l;
	int32_t r = hcl_upcall_jump(f, &l);

	memset(f, ARENA_FILL, sizeof(*f)); /* no stale frame that leads to hcl_land */
	if (r != 1) {
		fz_mismatch(c, "structured upcall return", (uint32_t)r, 1);
		return false;
	}
	if (l.eax != want->eax || l.ebx != want->ebx || l.ecx != want->ecx ||
	    l.edx != want->edx || l.esi != want->esi || l.edi != want->edi ||
	    l.ebp != want->ebp || l.esp != want->esp)
		fz_mismatch(c, "landed with eax", l.eax, want->eax);
	if (l.eflags != ((want->eflags & HCL_EFLAGS_USER) | HCL_EFLAGS_FIXED))
		fz_mismatch(c, "landed with flags", l.eflags,
			    (want->eflags & HCL_EFLAGS_USER) | HCL_EFLAGS_FIXED);
	if (bh_vcpu->enabled != (want->enabled ? 1u : 0u))
		fz_mismatch(c, "landed with the virtual flag", bh_vcpu->enabled, want->enabled);
	return true;
}

/* Restart reasons this call adds while it is in flight. */
static uint32_t in_flight(const struct fz_pred *p, const struct fz_call *c)
{
	if (p->kind == P_JUMP)
		return RS_HM;
	if (p->kind == P_NORETURN)
		return c->a[0] == BH_MODE_IDLE ? RS_DOG : RS_MODE;
	/* A foreign entry faults at the first upcall, which may come as the
	 * registration returns, before fz_step counts the new entry. */
	if (c->nr == BH_HC_VIRQ_REGISTER && p->value == BH_OK && c->a[0] != BH_PTR(bh_upcall_entry))
		return RS_HM;
	return 0;
}

/* One call being made: what was generated, predicted and prepared. */
struct step {
	struct fz_call c;
	struct fz_pred p;
	struct bh_upcall_frame frame; /* a structured upcall return's frame */
	bool structured;
	uint32_t ok_before, upcalls;
	uint32_t hm; /* HM events this call adds if it completes */
	uint64_t prev_time;
};

/* Generate and predict, and record it all before the call can restart us. */
static void prepare(struct fz_rng *g, bool in_handler, struct step *s)
{
	fz_gen_call(g, &s->c, in_handler && fz_main_busy);
	s->p = fz_predict(&s->c);
	s->structured = s->p.kind == P_JUMP && !in_handler && fz_can_write(s->c.a[0], 60) &&
			fz_rand(g) % 8;
	if (s->structured)
		make_frame(g, &s->c, &s->frame);
	if (s->c.nr == BH_HC_VIRQ_REGISTER && s->p.value == BH_OK)
		fz_model.new_lo = s->c.a[1], fz_model.new_hi = s->c.a[1] + s->c.a[2];
	FZ->last = s->c;
	FZ->last_in_handler = in_handler;
	s->ok_before = FZ->restart_ok;
	/* A restart between the kernel's count and fz_apply() (an upcall
	 * into a foreign entry, as the call returns) must not count this
	 * call's HM event as a mismatch: resumed() allows for it. */
	s->hm = fz_hm_events_of(&s->c, &s->p);
	FZ->hm_in_flight += s->hm;
	s->upcalls = FZ->upcalls;
	s->prev_time = last_time;
	*(in_handler ? &FZ->calls_irq : &FZ->calls_main) += 1;
	FZ->restart_ok |= s->structured ? 0 : in_flight(&s->p, &s->c);
	fz_model.wild |= s->p.kind == P_JUMP && !s->structured;
	FZ->jumps += s->p.kind == P_JUMP;
	FZ->checked += s->p.kind != P_NORETURN && s->p.kind != P_JUMP;
	fz_state_save();
}

/* Make the call and check what came back; true if a jump landed. */
static bool execute(const struct step *s, bool in_handler)
{
	const struct fz_call *c = &s->c;
	struct hcl_regs r = { c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], SENTINEL_EBP,
			      0, c->eflags };

	if (s->structured)
		return structured_jump(c, &s->frame);
	hcl_call(&r);
	check_result(c, &s->p, &r, s->prev_time);
	if ((int32_t)r.eax >= 0)
		check_output(c, !in_handler && s->upcalls == FZ->upcalls);
	return false;
}

/* One campaign call. The bookkeeping before and after it runs with the
 * virtual flag clear, so that an upcall's own calls cannot interleave. */
void fz_step(struct fz_rng *g, bool in_handler)
{
	struct step s;
	uint32_t e = fz_irq_off();
	bool landed;

	prepare(g, in_handler, &s);
	fz_irq_restore(e);
	landed = execute(&s, in_handler);
	e = fz_irq_off();
	fz_apply(&s.c, &s.p);
	FZ->hm_in_flight -= s.hm;
	FZ->landings += landed;
	fz_model.new_lo = fz_model.new_hi = 0;
	/* A foreign entry registered (even by a handler, inside a call of the
	 * main loop's) makes the next upcall a fault: from now on. */
	uint32_t hm = fz_model.entry == ENTRY_FOREIGN || fz_model.wild ? RS_HM : 0;
	FZ->restart_ok = in_handler ? s.ok_before | hm : hm;
	fz_state_save();
	fz_irq_restore(e);
}
