/* port_api: the raw port hypercalls with hostile arguments, each with its
 * clear error, and nothing changed by any of them. */
#include "port_api.h"

static void ids(void)
{
	uint8_t b[64];
	uint32_t f;

	BHT_EQ(bh_port_write(PEER_PORT, "x", 1), BH_EPERM); /* another partition's */
	BHT_EQ(bh_port_read(PEER_PORT, b, 64, &f), BH_EPERM);
	BHT_EQ(bh_port_clear(PEER_PORT), BH_EPERM);
	BHT_EQ(bh_port_write(5, "x", 1), BH_ENOENT);
	BHT_EQ(bh_port_write(0xFFFFFFFFu, "x", 1), BH_ENOENT);
	BHT_EQ(bh_port_read(0x80000000u, b, 64, &f), BH_ENOENT);
	BHT_EQ(bh_port_status(5, (struct bh_port_status *)b), BH_ENOENT);
	BHT_EQ(bh_port_info(4, (struct bh_port_info *)b), BH_ENOENT); /* own ports: 0..3 */
	BHT_EQ(bh_port_write(1, "x", 1), BH_EINVAL);		    /* a destination */
	BHT_EQ(bh_port_read(0, b, 64, &f), BH_EINVAL);		    /* a source */
	BHT_EQ(bh_port_clear(0), BH_EINVAL);
	BHT_EQ(bh_port_clear(1), BH_EINVAL); /* sampling */
}

static void lengths_and_pointers(void)
{
	uint8_t b[64];
	uint32_t f;

	BHT_EQ(bh_port_write(0, b, 0), BH_EINVAL);
	BHT_EQ(bh_port_write(0, b, 65), BH_E2BIG);
	BHT_EQ(bh_port_write(0, b, 0xFFFFFFFFu), BH_E2BIG);
	BHT_EQ(bh_port_write(2, b, 17), BH_E2BIG);
	BHT_EQ(bh_port_write(0, (void *)0xFFFFFFF0u, 64), BH_EFAULT); /* wraps */
	BHT_EQ(bh_port_write(0, (void *)BH_VCPU_VADDR, 8), BH_EFAULT);  /* vCPU page */
	BHT_EQ(bh_port_write(0, (void *)0x00100000u, 8), BH_EFAULT);    /* kernel */
	BHT_EQ(bh_port_write(0, (void *)(RW_END - 63u), 64), BH_EFAULT);
	BHT_EQ(bh_port_write(0, (void *)RO_BASE, 64), BH_OK); /* read-only is fine to send */
	BHT_EQ(bh_port_read(1, (void *)RO_BASE, 64, &f), BH_EFAULT);
	BHT_EQ(bh_port_read(1, (void *)(RW_END - 63u), 64, &f), BH_EFAULT);
	BHT_EQ(bh_port_read(1, (void *)(RW_END - 64u), 64, &f), 64);
	BHT_EQ(bh_port_read(1, b, 63, &f), BH_E2BIG); /* buffer shorter than the message */
	BHT_EQ(bh_port_info(0, (struct bh_port_info *)RO_BASE), BH_EFAULT);
	BHT_EQ(bh_port_status(0, (struct bh_port_status *)(RW_END - 47u)), BH_EFAULT);
}

/* The bad calls above changed nothing: counters as before plus the one
 * good write and read; bad calls counted. */
static void nothing_changed(void)
{
	struct bh_port_status s;
	struct bh_partition_status ps;

	BHT_EQ(bh_port_status(0, &s), BH_OK);
	BHT_EQ(s.sent, 3); /* 2 in the sampling phase, 1 here */
	BHT_EQ(bh_port_status(1, &s), BH_OK);
	BHT_EQ(s.length, 64);
	BHT_EQ(bh_port_status(3, &s), BH_OK);
	BHT_EQ(s.nb_messages, 0);
	BHT_EQ(bh_partition_status(BH_SELF, &ps), BH_OK);
	BHT_CHECK(ps.bad_hypercalls >= 25, "bad hypercalls %u", ps.bad_hypercalls);
}

void pa_hostile(void)
{
	struct bh_partition_status ps;
	uint32_t before;

	bht_init("port_hostile");
	bh_partition_status(BH_SELF, &ps);
	before = ps.bad_hypercalls;
	ids();
	lengths_and_pointers();
	nothing_changed();
	bh_partition_status(BH_SELF, &ps);
	/* 12 + 13 failed calls here (the E2BIG read included), the rest OK. */
	BHT_EQ(ps.bad_hypercalls - before, 25);
	bht_finish(false);
}
