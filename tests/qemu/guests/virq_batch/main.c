/*
 * Batch upcalls (ABI 2.1; abi.h: struct bh_upcall_frame_batch), set up as
 * every partition using the guest library gets them (bh_virq_init_hooked,
 * whose enter/exit hooks count the upcalls). What the guest must observe:
 *   - all at once: every vector pending and unmasked at the enable runs in
 *     ONE upcall, lowest first, each with its own coalesced count (in the
 *     arguments and in the frame), nothing left pending or counted after;
 *   - a handler masking a later vector of the same batch does not stop it
 *     (it was handed over); the mask holds for later arrivals;
 *   - arrivals during a batch (a lower vector, the running one again) are
 *     not run in it: the return delivers them as a second batch;
 *   - a physical line (COM2, line 3) in a batch is acknowledged by the
 *     return: it fires again, straight to its handler;
 *   - a handler that enables gets a nested upcall (its own batch), and the
 *     outer batch goes on after it;
 *   - the BSP's deferral (bh_bsp_interrupt_defer) from a batch upcall: the
 *     deferred function runs with clean flags although the interrupted
 *     code had DF set, and the interrupted code gets DF and its registers
 *     back.
 */
#include <bhvirq.h>
#include <bulkhead/io.h>
#include <bulkhead/rtems_paravirt.h>

#define COM2 0x2F8u
#define LINE 3u
#define VLINE BH_VEC_IRQ(LINE)
#define MCR_OUT2 0x08u
#define LOG_MAX 128u

/* upcall: upcalls entered so far; depth: how deeply nested. */
struct rec {
	uint32_t v, count, fvec, fcount, upcall, depth;
};

static struct rec log[LOG_MAX];
static volatile uint32_t nlog, enters, exits, depth;

static void on_enter(uint32_t v)
{
	(void)v;
	enters++;
	depth++;
}

static void on_exit(struct bh_upcall_frame *f)
{
	(void)f;
	exits++;
	depth--;
}

static void record(uint32_t v, uint32_t count, const struct bh_upcall_frame *f)
{
	if (nlog < LOG_MAX)
		log[nlog] = (struct rec){ v, count, f->vector, f->count, enters, depth };
	nlog++;
}

static void h_plain(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
}

static void h_mask_next(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
	bh_irq_mask(v + 1);
}

static void h_raise_again(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
	if (nlog < 4) { /* the first time only */
		bh_irq_raise(2);
		bh_irq_raise(v);
	}
}

static void h_nest(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
	bh_irq_enable();
	bh_irq_raise(v + 1); /* delivered at once: nested */
	bh_irq_disable();
}

static void h_line(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
	bh_outb(COM2 + 1, 0); /* the device's "transmitter empty" off */
}

static volatile uint32_t deferred_runs, deferred_eflags;

static void deferred(void)
{
	uint32_t fl;

	__asm__ volatile("pushfl\n\tpopl %0" : "=r"(fl));
	deferred_eflags = fl;
	deferred_runs++;
}

static void h_defer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	record(v, count, f);
	bh_bsp_interrupt_defer(f, deferred);
}

static void start(void)
{
	nlog = 0;
	bh_irq_disable();
}

static void expect(const char *what, const uint32_t *v, const uint32_t *count,
		   const uint32_t *upcall, uint32_t n, uint32_t first_upcall)
{
	BHT_CHECK(nlog == n, "%s: %u handlers ran, %u expected", what, nlog, n);
	for (uint32_t i = 0; i < n && i < nlog; i++) {
		const struct rec *r = &log[i];

		BHT_CHECK(r->v == v[i] && r->count == count[i] &&
				  r->upcall == first_upcall + upcall[i],
			  "%s: #%u vector %u count %u in upcall %u, expected %u x%u in %u", what,
			  i, r->v, r->count, r->upcall - first_upcall, v[i], count[i], upcall[i]);
		BHT_CHECK(r->fvec == r->v && r->fcount == r->count,
			  "%s: #%u the frame says vector %u count %u", what, i, r->fvec, r->fcount);
	}
	BHT_CHECK(enters == exits && depth == 0, "%s: %u enters, %u exits", what, enters, exits);
	/* (the tick and the timer stay masked: they may pend) */
	BHT_EQ(bh_vstate->pending[0] & ~3u, 0);
	BHT_EQ(bh_vstate->pending[1], 0);
}

static void all_at_once(void)
{
	uint32_t v[32], c[32], u[32], n = 0, e0;

	for (uint32_t i = 2; i < 32; i++)
		bh_set_handler(i, h_plain);
	bh_set_handler(50, h_plain);
	bh_set_handler(60, h_plain);
	start();
	for (uint32_t i = 31; i >= 2; i--) /* raised highest first */
		bh_irq_raise(i);
	bh_irq_raise(5);
	bh_irq_raise(60);
	bh_irq_raise(50);
	for (uint32_t i = 2; i < 32; i++) {
		v[n] = i, c[n] = i == 5 ? 2 : 1, u[n++] = 1;
	}
	v[n] = 50, c[n] = 1, u[n++] = 1;
	v[n] = 60, c[n] = 1, u[n++] = 1;
	e0 = enters;
	bh_irq_enable();
	expect("all at once", v, c, u, n, e0);
	for (uint32_t i = 2; i < 64; i++)
		BHT_CHECK(bh_vstate->count[i] == 0, "count[%u] = %u after delivery", i,
			  bh_vstate->count[i]);
}

static void masked_later(void)
{
	static const uint32_t v[] = { 2, 3 }, c[] = { 1, 1 }, u[] = { 1, 1 };
	uint32_t e0 = enters;

	bh_set_handler(2, h_mask_next);
	start();
	bh_irq_raise(3);
	bh_irq_raise(2);
	bh_irq_enable();
	expect("masked by an earlier handler", v, c, u, 2, e0);
	BHT_CHECK(bh_vcpu->mask[0] & (1u << 3), "vector 3 not masked");
	bh_irq_raise(3);
	BHT_EQ(nlog, 2); /* masked now: pending */
	BHT_EQ(bh_vstate->count[3], 1);
	bh_irq_unmask(3);
	BHT_EQ(nlog, 3);
	bh_set_handler(2, h_plain);
}

static void arrivals_during(void)
{
	/* 4's handler raises 2 and 4: the batch [4, 6] ends, then [2, 4]. */
	static const uint32_t v[] = { 4, 6, 2, 4 }, c[] = { 1, 1, 1, 1 }, u[] = { 1, 1, 2, 2 };
	uint32_t e0 = enters;

	bh_set_handler(4, h_raise_again);
	start();
	bh_irq_raise(6);
	bh_irq_raise(4);
	bh_irq_enable();
	expect("arrivals during a batch", v, c, u, 4, e0);
	bh_set_handler(4, h_plain);
}

static void line_in_batch(void)
{
	static const uint32_t v[] = { 2, VLINE, VLINE }, c[] = { 1, 1, 1 }, u[] = { 1, 1, 2 };
	uint32_t e0 = enters;

	start();
	bh_outb(COM2 + 1, 0x02); /* the line rises at once: pending */
	BHT_CHECK(bh_vstate->pending[1] & (1u << LINE), "line %u not pending", LINE);
	bh_irq_raise(2);
	bh_irq_enable();
	/* Acknowledged by the return (ebp): it fires again, directly. */
	bh_outb(COM2 + 1, 0x02);
	expect("a line in a batch", v, c, u, 3, e0);
}

static volatile int32_t options_said;

/* The line's handler asks for one vector per upcall while its upcall (a
 * batch, with vector 50 after it) is still in progress. */
static void h_line_options(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	h_line(v, count, f);
	options_said = bh_virq_options(0);
}

/*
 * The return of an upcall acknowledges its lines as that upcall was
 * written (a batch: the lines in ebp), so the mode cannot change while a
 * line's upcall is in progress: BH_ESTATE. Before that rule the switch
 * took effect at once, the return looked at the frame's vector (50, run
 * last) and the line stayed masked: its next rise was never delivered.
 */
static void options_mid_upcall(void)
{
	static const uint32_t v[] = { VLINE, 50, VLINE }, c[] = { 1, 1, 1 }, u[] = { 1, 1, 2 };
	uint32_t e0 = enters;

	bh_set_handler(VLINE, h_line_options);
	options_said = 1;
	start();
	bh_outb(COM2 + 1, 0x02); /* the line rises: pending */
	bh_irq_raise(50);
	bh_irq_enable();
	BHT_EQ(options_said, BH_ESTATE);
	BHT_EQ(bh_vstate->virq_options, BH_VIRQ_OPT_BATCH);
	bh_set_handler(VLINE, h_line);
	bh_outb(COM2 + 1, 0x02); /* acknowledged by the return: delivered again */
	expect("options during a line's upcall", v, c, u, 3, e0);
	/* With no line in service the mode changes (and back). */
	BHT_EQ(bh_virq_options(0), BH_OK);
	BHT_EQ(bh_vstate->virq_options, 0);
	BHT_EQ(bh_virq_options(BH_VIRQ_OPT_BATCH), BH_OK);
}

static void nested(void)
{
	/* 7 enables and raises 8 (nested upcall, the second entered), then the
	 * outer batch goes on: 9, at depth 1 again. */
	static const uint32_t v[] = { 7, 8, 9 }, c[] = { 1, 1, 1 }, u[] = { 1, 2, 2 };
	uint32_t e0 = enters;

	bh_set_handler(7, h_nest);
	start();
	bh_irq_raise(9);
	bh_irq_raise(7);
	bh_irq_enable();
	expect("nested", v, c, u, 3, e0);
	BHT_CHECK(log[1].depth == 2 && log[0].depth == 1 && log[2].depth == 1,
		  "nesting depths %u %u %u", log[0].depth, log[1].depth, log[2].depth);
	bh_set_handler(7, h_plain);
}

static void deferral(void)
{
	uint32_t fl, esi = 0x5A5A1234u, edi = 0xA5A54321u, vec = 12;

	bh_set_handler(12, h_defer);
	start();
	bh_irq_enable();
	/* DF set across a raise that delivers at once and defers. */
	__asm__ volatile("std\n\t"
			 "int $0x80\n\t"
			 "pushfl\n\t"
			 "popl %[fl]\n\t"
			 "cld"
			 : [fl] "=r"(fl), "+S"(esi), "+D"(edi), "+b"(vec)
			 : "a"(BH_HC_VIRQ_RAISE)
			 : "ecx", "edx", "memory", "cc");
	BHT_EQ(deferred_runs, 1);
	BHT_CHECK(!(deferred_eflags & 0x400u) && !(deferred_eflags & 0x100u),
		  "the deferred function ran with eflags %#x (DF or TF)", deferred_eflags);
	BHT_CHECK(fl & 0x400u, "DF not given back to the interrupted code (eflags %#x)", fl);
	BHT_EQ(esi, 0x5A5A1234u);
	BHT_EQ(edi, 0xA5A54321u);
	BHT_EQ(vec, 12);
	BHT_EQ(bh_vcpu->enabled, 1);
	bh_set_handler(12, h_plain);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	static const struct bh_upcall_hooks hooks = { on_enter, on_exit };
	uint32_t features = 0;

	(void)start_condition;
	(void)partition_id;
	bht_init("virq_batch");
	bh_version(&features);
	BHT_CHECK(features & BH_FEAT_BATCH, "BH_FEAT_BATCH not announced");
	BHT_EQ(bh_virq_init_hooked(&hooks), BH_OK);
	BHT_EQ(bh_vstate->virq_options, BH_VIRQ_OPT_BATCH);
	BHT_EQ(bh_irq_bind(LINE), (int32_t)VLINE);
	bh_set_handler(VLINE, h_line);
	bh_outb(COM2 + 4, MCR_OUT2); /* the UART's interrupt output on */
	for (uint32_t v = 0; v < 64; v++)
		if (v != BH_VEC_TICK && v != BH_VEC_TIMER)
			bh_irq_unmask(v);
	all_at_once();
	masked_later();
	arrivals_during();
	line_in_batch();
	options_mid_upcall();
	nested();
	deferral();
	bh_irq_disable();
	bht_finish(true);
	for (;;)
		bh_idle();
}
