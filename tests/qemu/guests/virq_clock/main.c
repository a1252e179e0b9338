/*
 * The clock in the vCPU page (bh_clock_ns(), no trap): over many windows
 * and a warm restart of the partition, every read is at least the one
 * before it (monotonic, across ticks, windows and the restart), lies
 * between two BH_HC_TIME_GET readings taken around it (it is kernel time,
 * to within a small interpolation error), and never runs ahead of the
 * kernel's time. It also really advances between ticks (it interpolates).
 * Two partitions run this image (tests/qemu/virq_clock), under -icount.
 */
#include <bhtest.h>

#define WINDOWS 40u
#define SLACK_NS 1000u /* the calls read the PIT: 838 ns steps */

/* Kept over the warm restart (memory is not reloaded). */
static uint64_t last_before_restart;
static uint32_t restarted;

static void check_read(uint64_t *last, uint32_t *between_ticks)
{
	uint64_t h0 = bh_time_ns();
	uint64_t c = bh_clock_ns();
	uint64_t h1 = bh_time_ns();

	BHT_CHECK(c >= *last, "clock went back: %llu after %llu", c, *last);
	BHT_CHECK(c + SLACK_NS >= h0 && c <= h1 + SLACK_NS,
		  "clock %llu outside the calls' [%llu, %llu]", c, h0, h1);
	if (c > bh_vstate->time_ns && c < bh_vstate->clock.limit_ns)
		(*between_ticks)++;
	*last = c;
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	uint64_t last = 0;
	uint32_t between = 0, reads = 0;

	(void)partition_id;
	bht_init("virq_clock");
	BHT_CHECK(bh_vstate->clock.mult != 0, "no clock published");
	if (start_condition == BH_START_PARTITION_RESTART) {
		BHT_EQ(restarted, 1);
		last = last_before_restart;
		BHT_CHECK(bh_clock_ns() >= last, "clock went back over the restart");
	}
	while (bh_vstate->window_seq < WINDOWS) {
		check_read(&last, &between);
		reads++;
	}
	if (!restarted) {
		restarted = 1;
		last_before_restart = last;
		bh_set_mode(BH_MODE_NORMAL); /* (ARINC 653: no warm start from cold) */
		bh_set_mode(BH_MODE_WARM_START); /* restarts: main again */
		bht_error("warm restart returned");
	}
	bh_printf("%u reads, %u between ticks, last %llu ns\n", reads, between, last);
	BHT_CHECK(between > reads / 2, "the clock did not interpolate between ticks");
	bht_finish_and_stop(false);
}
