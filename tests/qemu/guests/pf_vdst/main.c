/*
 * pf_vdst (tests/qemu/port_fuzz): the victim. Its arrival vectors are
 * unmasked; each window it logs what arrived (vector counts, at which time
 * relative to its window start), the latest sample and every queued
 * message. Every fifth window it prints a digest of all it observed; the
 * digests must be the same with and without the fuzzer next door.
 */
#include <bhtest.h>

#define WINDOWS 30u

static uint32_t arrivals[2], late;
static uint32_t digest = 2166136261u;

static void mix(uint32_t v)
{
	digest = (digest ^ v) * 16777619u;
}

static void on_port(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)f;
	arrivals[vector - 8u] += count;
	if (bh_vstate->time_ns != bh_vstate->window_start_ns)
		late++;
	mix(vector);
	mix(count);
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_port_info in;
	uint32_t est_id, seq_id, m[8], f, next = 1;

	(void)cond;
	(void)id;
	bht_init("pf_vdst");
	bh_port_info(0, &in);
	est_id = in.id;
	bh_port_info(1, &in);
	seq_id = in.id;
	bh_virq_init();
	bh_set_handler(8, on_port);
	bh_set_handler(9, on_port);
	bh_irq_unmask(8);
	bh_irq_unmask(9);
	bh_irq_enable();
	for (uint32_t w = 1; w <= WINDOWS; w++) {
		BHT_EQ(bh_port_read(est_id, m, sizeof(m), &f), 32);
		mix(m[0]);
		mix(m[7]);
		mix(f);
		while (bh_port_read(seq_id, m, 8, &f) == 8) {
			BHT_CHECK(m[0] == next && m[1] == next * 7u, "message %u, expected %u", m[0],
				  next);
			next = m[0] + 1;
			mix(m[0]);
		}
		if (w % 5 == 0)
			bh_printf("window %u: %u samples, %u queued arrivals, %u messages, "
				  "%u late, digest %08x\n",
				  w, arrivals[0], arrivals[1], next - 1, late, digest);
		bht_wait_next_window();
	}
	BHT_EQ(late, 0);
	bht_finish(false);
	for (;;)
		bh_yield();
}
