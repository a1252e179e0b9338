/*
 * vclock_read and time_hypercall (bench/clock, under icount): the
 * instructions of one bh_clock_ns() (the clock in the vCPU page, no trap)
 * and of one bh_time_ns() (BH_HC_TIME_GET), each between two TSC stamps,
 * the stamp pair's own cost taken off; medians of several samples.
 */
#include <bhbench.h>

static volatile uint64_t sink;

static uint32_t stamp_pair(void)
{
	uint32_t a = bhb_tsc();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t one_clock_read(void)
{
	uint32_t a = bhb_tsc();
	sink = bh_clock_ns();
	uint32_t b = bhb_tsc();

	return b - a;
}

static uint32_t one_time_call(void)
{
	uint32_t a = bhb_tsc();
	sink = bh_time_ns();
	uint32_t b = bhb_tsc();

	return b - a;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	(void)partition_id;
	uint32_t stamp = bhb_median_of("stamp pair", stamp_pair, 9);
	uint32_t clock = bhb_median_of("clock read", one_clock_read, 9);
	uint32_t call = bhb_median_of("time call", one_time_call, 9);

	bhb_report("vclock_read", clock - stamp, "insn");
	bhb_report("time_hypercall", call - stamp, "insn");
	bhb_end();
}
