/*
 * Virtual interrupt benchmark (bench/virq, under icount). The partition
 * uses the guest library as any partition does (bh_virq_init, handlers
 * installed with bh_set_handler); the measured handler is the kernel's
 * ring-0 baseline handler instruction for instruction (handlers.S).
 *
 *   virq_disable_enable  bh_irq_disable(); bh_irq_enable(); nothing pending
 *   virq_delivery        the kernel's entry for COM2's line (the probe's
 *                        stamp) to the first instruction of the handler
 *                        function (bvq_handler)
 *   virq_round_trip      the same entry to the interrupted instruction
 *                        (bvq_resumed, right after the out that raised the
 *                        line), the handler included
 *   upcall_return        the handler's ret to the interrupted instruction
 *   pending_delivery_N   N = 1, 8, 30 vectors pending while disabled (put
 *                        there through the benchmark gate, as a kernel
 *                        source would): from the store that re-enables to
 *                        the code after bh_irq_enable() resuming, all N
 *                        handlers (bvq_nop) having run
 *
 * The ring-0 baselines of the same boot: native_cli_sti, native_irq,
 * native_irq_round_trip, native_irq_return (kernel/arch/x86/bench/bench.c).
 * The interrupt is COM2's "transmitter empty" (line 3, which QEMU has with
 * a second -serial): setting IER's bit 1 raises the line at once and the
 * handler clears it again, so each sample is one interrupt at a known point.
 */
#include <bulkhead/io.h>
#include <bhbench.h>
#include <fmt.h>

#define COM2 0x2F8u
#define COM2_LINE 3u
#define MCR_OUT2 0x08u
#define SAMPLES 7u
#define FIRST_PENDING 2u /* vectors 2.. carry the pending batches */
/* The handler's last stamp (rdtsc and two stores) precedes its ret. */
#define HANDLER_END_STAMP 3u

void bvq_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);
void bvq_nop(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);
uint32_t bvq_trip(void);
extern char bvq_resumed[];
extern volatile uint32_t bvq_h0[2], bvq_h1[2], bvq_runs, bvq_nops;

static volatile uint32_t stamp_a[2], stamp_b[2];
static volatile uint32_t seen_eip, seen_vector, seen_count;
static bool failed;

/* rdtsc and two stores: the pending path's start; its cost is measured. */
#define STAMP(s)                                                                 \
	__asm__ volatile("rdtsc\n\tmovl %%eax, %0\n\tmovl %%edx, %1"             \
			 : "=m"((s)[0]), "=m"((s)[1])                            \
			 :                                                       \
			 : "eax", "edx", "memory")

static void fail(const char *what, uint32_t a, uint32_t b)
{
	if (!failed)
		BHB_ERROR("%s (%u, %u)\n", what, a, b);
	failed = true;
}

/* The first, unmeasured, delivery: what was interrupted, and where. */
static void on_com2_check(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	bh_outb(COM2 + 1, 0);
	seen_eip = f->eip;
	seen_vector = vector;
	seen_count = count;
}

static bool setup(void)
{
	if (bh_virq_init() != BH_OK || bh_irq_bind(COM2_LINE) != (int32_t)BH_VEC_IRQ(COM2_LINE)) {
		BHB_ERROR("cannot register, or bind line %u\n", COM2_LINE);
		return false;
	}
	for (uint32_t v = FIRST_PENDING; v < 32; v++) {
		bh_set_handler(v, bvq_nop);
		bh_irq_unmask(v);
	}
	bh_set_handler(BH_VEC_IRQ(COM2_LINE), on_com2_check);
	bh_outb(COM2 + 4, MCR_OUT2);
	bh_irq_unmask(BH_VEC_IRQ(COM2_LINE));
	bh_irq_enable();
	(void)bvq_trip();
	if (seen_eip != BH_PTR(bvq_resumed) || seen_vector != BH_VEC_IRQ(COM2_LINE) ||
	    seen_count != 1) {
		BHB_ERROR("COM2's interrupt did not come right after the out: eip %#x (expected "
			  "%#x), vector %u, count %u\n",
			  seen_eip, BH_PTR(bvq_resumed), seen_vector, seen_count);
		return false;
	}
	bh_set_handler(BH_VEC_IRQ(COM2_LINE), bvq_handler);
	return true;
}

static uint32_t tsc_pair(void)
{
	uint32_t a = bhb_tsc();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t disable_enable_once(void)
{
	uint32_t a = bhb_tsc();
	(void)bh_irq_disable();
	bh_irq_enable();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t stamp_pair(void)
{
	STAMP(stamp_a);
	STAMP(stamp_b);
	return stamp_b[0] - stamp_a[0];
}

/* One interrupt: the TSC back at the interrupted instruction, checked. */
static uint32_t trip(uint32_t *entry)
{
	uint32_t runs = bvq_runs;
	uint32_t back = bvq_trip();

	if (bvq_runs != runs + 1u)
		fail("expected one delivery", runs, bvq_runs);
	*entry = (uint32_t)bhb_irq_entry_tsc(COM2_LINE);
	return back;
}

static uint32_t delivery_once(void)
{
	uint32_t entry;

	(void)trip(&entry);
	return bvq_h0[0] - entry;
}

static uint32_t round_trip_once(void)
{
	uint32_t entry, back = trip(&entry);

	return back - entry;
}

static uint32_t return_once(void)
{
	uint32_t entry, back = trip(&entry);

	return back - bvq_h1[0] - HANDLER_END_STAMP;
}

static uint32_t pending_n;

static __attribute__((noinline)) uint32_t pending_once(void)
{
	uint32_t bits = ((1u << pending_n) - 1u) << FIRST_PENDING;
	uint32_t before = bvq_nops;

	(void)bh_irq_disable();
	bhb_raise(bits, 0);
	if ((bh_vstate->pending[0] & bits) != bits || bvq_nops != before)
		fail("vectors not pending while disabled", bh_vstate->pending[0], bvq_nops - before);
	STAMP(stamp_a);
	/* Labels for bench/paths.sh (this function is not inlined). */
	__asm__ volatile(".globl bvq_pending_from\nbvq_pending_from:" ::: "memory");
	bh_irq_enable();
	__asm__ volatile(".globl bvq_pending_to\nbvq_pending_to:" ::: "memory");
	STAMP(stamp_b);
	if (bvq_nops != before + pending_n)
		fail("pending vectors not all delivered", pending_n, bvq_nops - before);
	return stamp_b[0] - stamp_a[0];
}

static void report_pending(uint32_t n, uint32_t stamp)
{
	char name[32];

	pending_n = n;
	uint32_t v = bhb_median_of("pending", pending_once, SAMPLES) - stamp;
	bh_snprintf(name, sizeof(name), "pending_delivery_%u", n);
	if (!failed)
		bhb_report(name, v, "insn");
}

static void run(void)
{
	uint32_t pair = bhb_median_of("tsc_pair", tsc_pair, SAMPLES);
	uint32_t stamp = bhb_median_of("stamp", stamp_pair, SAMPLES);

	bhb_report("virq_disable_enable",
		   bhb_median_of("disable_enable", disable_enable_once, SAMPLES) - pair, "insn");
	uint32_t delivery = bhb_median_of("delivery", delivery_once, SAMPLES);
	uint32_t round = bhb_median_of("round_trip", round_trip_once, SAMPLES);
	uint32_t ret = bhb_median_of("return", return_once, SAMPLES);
	if (failed)
		return;
	bhb_report("virq_delivery", delivery, "insn");
	bhb_report("virq_round_trip", round, "insn");
	bhb_report("upcall_return", ret, "insn");
	report_pending(1, stamp);
	report_pending(8, stamp);
	report_pending(30, stamp);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	if (setup())
		run();
	bhb_end();
}
