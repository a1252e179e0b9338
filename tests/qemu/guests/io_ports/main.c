/*
 * A partition granted 8,192 I/O ports (issue 8, break 7). The kernel used
 * to update one shared I/O bitmap port by port on every partition switch,
 * about 19 instructions per granted port on each side: with a 100 us tick
 * the switches alone took longer than a tick and no partition ran. Now each
 * partition has its own TSS and bitmap and a switch costs the same whatever
 * the ports.
 *
 * io_hog (partition 0) owns ports 0x1000-0x2FFF: it reads the first and
 * the last (they must not fault) and the ports just outside (they must:
 * general_protection, propagated), then spins, switched in and out at
 * every frame. io_peer (partition 1) owns none: reading 0x1000 must fault
 * for it, in every window (the hog's bitmap must never be left behind).
 * The win_victim has a window right after the hog's and one right after
 * the peer's: the first kind must start as early as the second (within
 * BHV_MAX_EXCESS), and it gets every tick.
 */
#include <bhtest.h>
#include <bhvictim.h>
#include <bulkhead/io.h>

#define FIRST 0x1000u
#define LAST 0x2FFFu

static volatile uint32_t faults;
static volatile uint32_t resume;

static void on_gp(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	faults++;
	f->eip = resume;
}

/* 1 if `in` from port faulted. */
static uint32_t probe(uint32_t port)
{
	uint32_t before = faults;

	__asm__ volatile("movl $1f, %0\n\t"
			 "inb %w1, %%al\n"
			 "1:"
			 : "=m"(resume)
			 : "d"((uint16_t)port)
			 : "eax", "memory");
	return faults - before;
}

static void hog(void)
{
	BHT_EQ(probe(FIRST), 0);
	BHT_EQ(probe(LAST), 0);
	BHT_EQ(probe(FIRST - 1), 1);
	BHT_EQ(probe(LAST + 1), 1);
	for (uint32_t w = 0; w < 12; w++) {
		bht_wait_next_window();
		BHT_EQ(probe(FIRST + w * 0x100u), 0);
	}
}

static void peer(void)
{
	for (uint32_t w = 0; w < 12; w++) {
		bht_wait_next_window();
		BHT_EQ(probe(FIRST + w), 1);
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	bht_init(id == 0 ? "io_hog" : "io_peer");
	BHT_EQ(bh_virq_init(), BH_OK);
	bh_set_handler(BH_VEC_TRAP(13), on_gp);
	if (id == 0)
		hog();
	else
		peer();
	bht_finish_and_stop(false);
}
