/*
 * Hypercall entry benchmark: the bare trap (int $0x81, an empty gate), the
 * null hypercall BH_HC_VERSION through int $0x80, and the same through the
 * kernel's experimental sysenter entry (plus a bare sysenter/sysexit).
 *
 * Partition "..._tcg" (bench/hc_tcg, no icount): host-time ratios of each
 * trip to the bare trap, the median of the ratios within many batches (a
 * batch times BATCH_LEN trips of each kind, back to back). Otherwise
 * (bench/hc_icount): guest instruction counts.
 */
#include <bhbench.h>

#define SAMPLES 7u
#define BATCHES 500u
#define BATCH_LEN 500u

uint32_t bhc_once_stamp(void);
uint32_t bhc_once_stamp_nr(void);
uint32_t bhc_once_null_trap(void);
uint32_t bhc_once_int80(void);
uint32_t bhc_once_sysenter(void);
uint32_t bhc_once_sysenter_null(void);
uint32_t bhc_loop_empty(uint32_t n);
uint32_t bhc_loop_null_trap(uint32_t n);
uint32_t bhc_loop_int80(uint32_t n);
uint32_t bhc_loop_sysenter(uint32_t n);
uint32_t bhc_loop_sysenter_null(uint32_t n);
int32_t bhc_sysenter_version(void);

static bool sysenter_ok;

static bool check_entries(void)
{
	int32_t v = bh_version(NULL);

	if (v != (int32_t)BH_ABI_VERSION) {
		BHB_ERROR("int $0x80 version returned %d\n", v);
		return false;
	}
	sysenter_ok = bhb_has_sysenter();
	if (!sysenter_ok) {
		bh_printf("note: no sysenter on this processor, sysenter trips skipped\n");
		return true;
	}
	v = bhc_sysenter_version();
	if (v != (int32_t)BH_ABI_VERSION) {
		BHB_ERROR("sysenter version returned %d\n", v);
		return false;
	}
	return true;
}

/*
 * Counted from the trap instruction to the return: the load of the number
 * into eax is taken off with the stamp (stamp_nr); sysenter's loads of the
 * return esp/eip into ecx/edx are part of its convention and are counted.
 */
static void run_icount(void)
{
	uint32_t stamp = bhb_median_of("stamp", bhc_once_stamp, SAMPLES);
	uint32_t stamp_nr = bhb_median_of("stamp_nr", bhc_once_stamp_nr, SAMPLES);

	bhb_report("null_trap", bhb_median_of("null_trap", bhc_once_null_trap, SAMPLES) - stamp,
		   "insn");
	bhb_report("null_hypercall", bhb_median_of("int80", bhc_once_int80, SAMPLES) - stamp_nr,
		   "insn");
	if (!sysenter_ok)
		return;
	bhb_report("null_sysenter",
		   bhb_median_of("sysenter_null", bhc_once_sysenter_null, SAMPLES) - stamp_nr,
		   "insn");
	bhb_report("null_hypercall_sysenter",
		   bhb_median_of("sysenter", bhc_once_sysenter, SAMPLES) - stamp_nr, "insn");
}

enum { T_EMPTY, T_TRAP, T_INT80, T_SYSENTER, T_SYSNULL, T_COUNT };

static uint32_t (*const loops[T_COUNT])(uint32_t) = {
	bhc_loop_empty, bhc_loop_null_trap, bhc_loop_int80, bhc_loop_sysenter,
	bhc_loop_sysenter_null,
};

static uint32_t batch[T_COUNT][BATCHES];

/* Run the batches, every trip in each, so that load changes hit all alike. */
static void time_batches(uint32_t ntrips)
{
	for (uint32_t b = 0; b < BATCHES; b++)
		for (uint32_t t = 0; t < ntrips; t++)
			batch[t][b] = loops[t](BATCH_LEN);
}

/*
 * Trip t against the bare trap: the median over batches of the ratio within
 * a batch (both measured within microseconds of each other), the fastest
 * empty loop taken off both.
 */
static void report_ratio(const char *name, uint32_t t)
{
	static uint32_t milli[BATCHES];
	uint32_t empty = UINT32_MAX;

	for (uint32_t b = 0; b < BATCHES; b++)
		empty = batch[T_EMPTY][b] < empty ? batch[T_EMPTY][b] : empty;
	for (uint32_t b = 0; b < BATCHES; b++) {
		uint64_t num = batch[t][b] > empty ? batch[t][b] - empty : 0u;
		uint64_t den = batch[T_TRAP][b] > empty ? batch[T_TRAP][b] - empty : 1u;
		milli[b] = (uint32_t)((num * 1000u + den / 2u) / den);
	}
	bhb_report_ratio(name, bhb_median(milli, BATCHES), 1000u);
}

static void run_tcg(void)
{
	time_batches(sysenter_ok ? T_COUNT : T_SYSENTER);
	report_ratio("null_hypercall_tcg_ratio", T_INT80);
	if (!sysenter_ok)
		return;
	report_ratio("null_sysenter_tcg_ratio", T_SYSNULL);
	report_ratio("null_hypercall_sysenter_tcg_ratio", T_SYSENTER);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	if (check_entries()) {
		if (bhb_tcg_mode())
			run_tcg();
		else
			run_icount();
	}
	bhb_end();
}
