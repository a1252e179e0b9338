/*
 * Schedule test partition: observes each of its windows through the vCPU
 * page and checks that it gets exactly the windows of the schedule in
 * tests/qemu/sched_windows/system.cfg, in order and on their ticks.
 * It spins between windows without any hypercall (a CPU hog): the kernel's
 * summary shows it still gets exactly its configured time.
 */
#include <bhtest.h>

#define FRAMES 20u	   /* windows to observe: the run is frames=21 */
#define MAJOR_TICKS 12u

struct expect {
	const char *name;
	uint32_t windows_per_frame;
	uint32_t offset[2];   /* ticks */
	uint32_t duration[2]; /* ticks */
};

static const struct expect expects[3] = {
	{ "sched_alpha", 2, { 0, 6 }, { 2, 2 } },
	{ "sched_beta", 1, { 2, 0 }, { 3, 0 } },
	{ "sched_gamma", 1, { 8, 0 }, { 4, 0 } },
};

int main(uint32_t cond, uint32_t id)
{
	const struct expect *e = &expects[id < 3 ? id : 0];
	struct bh_window_info wi;
	uint32_t total = FRAMES * e->windows_per_frame;

	bht_init(e->name);
	BHT_EQ(cond, BH_START_NORMAL);
	BHT_EQ(bh_window_info(&wi), BH_OK);
	uint64_t major = wi.major_frame_ns;
	for (uint32_t seen = 1;; seen++) {
		uint32_t k = (seen - 1) % e->windows_per_frame;
		uint32_t frame = (seen - 1) / e->windows_per_frame;
		uint64_t want = frame * major + e->offset[k] * major / MAJOR_TICKS;
		uint64_t got = bh_vstate->window_start_ns;
		uint64_t len = bh_vstate->window_end_ns - got;
		uint64_t tol = frame + 2; /* ns rounding of the PIT period */

		BHT_EQ(bh_vstate->window_seq, seen);
		BHT_EQ(bh_vstate->frame_seq, frame);
		BHT_CHECK(got + tol >= want && got <= want + tol,
			  "window %u starts at %llu ns, expected %llu", seen, got, want);
		BHT_CHECK(len + 2 >= e->duration[k] * major / MAJOR_TICKS &&
				  len <= e->duration[k] * major / MAJOR_TICKS + 2,
			  "window %u lasts %llu ns", seen, len);
		if (seen == total) {
			bh_printf("observed %u windows\n", seen);
			bht_finish(false);
		}
		uint32_t next = bht_wait_next_window();
		BHT_CHECK(next == seen + 1, "window sequence jumped from %u to %u", seen, next);
	}
}
