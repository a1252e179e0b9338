/*
 * pm_dst (tests/qemu/port_multi), two instances: pm_dst1 (port 0 sampling,
 * vector 8; port 1 queuing, vector 9) and pm_dst2 (sampling only, vector
 * 8 masked for its first MASKED windows). Each frame pm_src writes once
 * and sends twice in its window, before ours: at our window start the
 * kernel must deliver
 * vector 8 (count 1) then vector 9 (count 2), both stamped with the
 * window's start; then the latest sample is pm_src's window number and the
 * FIFO holds exactly the next two commands.
 */
#include <bhvirq.h>

#define WINDOWS 20u
#define MASKED 5u

static uint32_t next_cmd = 4; /* 2 and 3 are drained at start-up */
static uint32_t est_id, cmd_id; /* system-wide port ids */

static void check_arrivals(uint32_t w, bool dst1)
{
	uint64_t start = bh_vstate->window_start_ns;
	const struct bhv_event *e = bhv_log_get(0);
	uint32_t want = dst1 ? 2u : 1u;

	BHT_CHECK(bhv_log_len() == want, "window %u: %u upcalls", w, bhv_log_len());
	if (!e)
		return;
	/* pm_dst2's first unmasked window sees every write since boot: the
	 * start-up frame's, then one per window. */
	BHT_EQ(e->vector, 8);
	BHT_EQ(e->count, !dst1 && w == MASKED + 1 ? MASKED + 2 : 1);
	BHT_CHECK(e->time_ns == start, "window %u: vector 8 at %u, window start %u", w,
		  (uint32_t)e->time_ns, (uint32_t)start);
	if (dst1 && bhv_log_len() > 1) {
		e = bhv_log_get(1);
		BHT_EQ(e->vector, 9);
		BHT_EQ(e->count, 2);
		BHT_CHECK(e->time_ns == start, "window %u: vector 9 late", w);
	}
}

static void check_messages(uint32_t w, bool dst1)
{
	uint32_t m[2], f;

	BHT_EQ(bh_port_read(est_id, m, sizeof(m), &f), 8);
	BHT_EQ(m[0], w + 1); /* pm_src's window of this frame came just before */
	BHT_EQ(f, BH_PORT_READ_VALID);
	if (!dst1)
		return;
	for (uint32_t i = 0; i < 2; i++, next_cmd++) {
		BHT_EQ(bh_port_read(cmd_id, m, sizeof(m), &f), 8);
		BHT_EQ(m[0], next_cmd);
	}
	BHT_EQ(bh_port_read(cmd_id, m, sizeof(m), &f), BH_EAGAIN);
}

int main(uint32_t cond, uint32_t id)
{
	bool dst1 = id == 1;

	(void)cond;
	bht_init(dst1 ? "pm_dst1" : "pm_dst2");
	struct bh_port_info in;

	BHT_EQ(bh_port_info(0, &in), dst1 ? 2 : 1);
	est_id = in.id;
	if (dst1 && bh_port_info(1, &in) == 2)
		cmd_id = in.id;
	bhv_register();
	bh_set_handler(8, bhv_log_handler);
	bh_set_handler(9, bhv_log_handler);
	if (dst1)
		bh_irq_unmask(8);
	bh_irq_unmask(9);
	bh_irq_enable();
	/* Start-up (frame 0, after pm_src's first window): take its commands. */
	if (dst1) {
		uint32_t m[2], f;
		BHT_EQ(bh_port_read(cmd_id, m, sizeof(m), &f), 8);
		BHT_EQ(m[0], 2);
		BHT_EQ(bh_port_read(cmd_id, m, sizeof(m), &f), 8);
		BHT_EQ(m[0], 3);
	}
	for (uint32_t w = 1; w <= WINDOWS; w++) {
		bh_irq_disable();
		bhv_log_reset();
		bh_irq_enable();
		bht_wait_next_window(); /* pm_src's window w came in between */
		if (!dst1 && w == MASKED + 1)
			bh_irq_unmask(8);
		if (dst1 || w > MASKED)
			check_arrivals(w, dst1);
		check_messages(w, dst1);
	}
	bht_finish(false);
	for (;;)
		bh_yield();
}
