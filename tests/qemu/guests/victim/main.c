/*
 * Isolation victim: keeps a canary pattern in its memory and watches its
 * windows. Whatever its neighbours do, it must see every window of its
 * schedule, on time, and its memory unchanged.
 */
#include <bhtest.h>

#define WINDOWS 30u
#define CANARY_WORDS 4096u

static uint32_t canary[CANARY_WORDS];

static uint32_t pattern(uint32_t i)
{
	return 0xB0A7C0DEu ^ (i * 2654435761u);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("victim");
	for (uint32_t i = 0; i < CANARY_WORDS; i++)
		canary[i] = pattern(i);
	struct bh_window_info wi;
	bh_window_info(&wi);
	uint64_t first = bh_vstate->window_start_ns, major = wi.major_frame_ns;
	for (uint32_t seen = 1; seen <= WINDOWS; seen++) {
		uint64_t want = first + (seen - 1) * major;
		uint64_t got = bh_vstate->window_start_ns;
		BHT_EQ(bh_vstate->window_seq, seen);
		BHT_CHECK(got + seen + 2 >= want && got <= want + seen + 2,
			  "window %u at %llu, expected %llu", seen, got, want);
		for (uint32_t i = 0; i < CANARY_WORDS; i++)
			if (canary[i] != pattern(i)) {
				bht_fail(__FILE__, __LINE__, "canary word %u changed", i);
				break;
			}
		if (seen < WINDOWS)
			bht_wait_next_window();
	}
	bht_finish(false);
	for (;;) /* keep using every tick: the summary checks them */
		;
}
