/*
 * pf_fuzz (tests/qemu/port_fuzz): 100,000 random port hypercalls, each
 * result predicted exactly by a model of this partition's ports (ids 2..5:
 * s_out -> s_in loop-back, 1024 bytes; q_out -> q_in loop-back, 16 bytes,
 * depth 4) and of its memory. Ids cover every port in the system (the
 * victims' 0, 1, 6, 7 must answer EPERM) and beyond; pointers sit at and
 * around region edges, in the kernel, on the vCPU page and wrap; lengths
 * sit around each limit. Reads only ever aim at the scratch region or at
 * memory the kernel must refuse, so a wrong answer cannot hide as
 * self-inflicted damage.
 */
#include <bhtest.h>

#define CALLS 100000u
#define CODE 0x40000000u
#define CODE_SIZE 0x10000u
#define RO 0x40100000u
#define ARENA 0x40200000u
#define PAGE 0x1000u
#define S_OUT 2u
#define S_IN 3u
#define Q_OUT 4u
#define Q_IN 5u
#define NPORTS 8u

static uint32_t rng = 0x9E3779B9u;
static uint32_t sample_len;	    /* 0: never written */
static uint32_t fifo[4], head, count; /* lengths in the loop-back FIFO */
static uint32_t mismatches;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t pick(const uint32_t *v, uint32_t n)
{
	return v[rnd() % n];
}

static bool inside(uint32_t va, uint32_t len, uint32_t base, uint32_t size)
{
	return va >= base && len <= size && va - base <= size - len;
}

static bool readable(uint32_t va, uint32_t len)
{
	return inside(va, len, CODE, CODE_SIZE) || inside(va, len, RO, PAGE) ||
	       inside(va, len, ARENA, PAGE);
}

static bool writable(uint32_t va, uint32_t len)
{
	return inside(va, len, ARENA, PAGE);
}

static uint32_t gen_id(void)
{
	static const uint32_t odd[] = { 0xFFFFFFFFu, 0x80000002u, 8, 9, 0x10002u };

	return rnd() % 4 ? rnd() % NPORTS : pick(odd, 5);
}

static uint32_t gen_len(void)
{
	static const uint32_t v[] = { 0, 1, 3, 4, 15, 16, 17, 48, 1023, 1024, 1025, 4096,
				      0xFFFFFFFFu, 0x80000000u };

	return rnd() % 3 ? pick(v, 14) : rnd() % 1100;
}

/* A pointer for a buffer of len bytes; `wr` keeps it off our own code. */
static uint32_t gen_ptr(uint32_t len, bool wr)
{
	uint32_t bases[] = { ARENA, ARENA + PAGE - len, ARENA + PAGE - len + 1, RO,
			     RO + PAGE - len, CODE + CODE_SIZE - len, CODE + CODE_SIZE - len + 1,
			     0x40300000u, 0x00100000u, BH_VCPU_VADDR, 0xFFFFFFF0u, 0,
			     ARENA + rnd() % PAGE, CODE + rnd() % CODE_SIZE };
	uint32_t n = wr ? 5 : 14;

	return bases[rnd() % n] + (rnd() % 8 == 0 ? rnd() % 5 - 2 : 0);
}

static int32_t owner_check(uint32_t id)
{
	if (id >= NPORTS)
		return BH_ENOENT;
	if (id < S_OUT || id > Q_IN)
		return BH_EPERM;
	return BH_OK;
}

static int32_t predict_write(uint32_t id, uint32_t va, uint32_t len)
{
	int32_t e = owner_check(id);
	uint32_t max = id == S_OUT ? 1024u : 16u;

	if (e)
		return e;
	if (id != S_OUT && id != Q_OUT)
		return BH_EINVAL;
	if (!len)
		return BH_EINVAL;
	if (len > max)
		return BH_E2BIG;
	if (!readable(va, len))
		return BH_EFAULT;
	if (id == S_OUT) {
		sample_len = len;
		return BH_OK;
	}
	if (count == 4)
		return BH_EAGAIN;
	fifo[(head + count++) % 4] = len;
	return BH_OK;
}

static int32_t predict_read(uint32_t id, uint32_t va, uint32_t size)
{
	int32_t e = owner_check(id);
	uint32_t len;

	if (e)
		return e;
	if (id != S_IN && id != Q_IN)
		return BH_EINVAL;
	if (id == S_IN ? !sample_len : !count)
		return BH_EAGAIN;
	len = id == S_IN ? sample_len : fifo[head];
	if (len > size)
		return BH_E2BIG;
	if (!writable(va, len))
		return BH_EFAULT;
	if (id == Q_IN) {
		head = (head + 1) % 4;
		count--;
	}
	return (int32_t)len;
}

static int32_t predict_clear(uint32_t id)
{
	int32_t e = owner_check(id);

	if (e)
		return e;
	if (id != Q_IN)
		return BH_EINVAL;
	count = 0;
	head = 0;
	return BH_OK;
}

static void one_call(uint32_t i)
{
	uint32_t id = gen_id(), len = gen_len(), kind = rnd() % 16, va = 0, f;
	int32_t want, got;

	if (kind < 6) {
		va = gen_ptr(len, false);
		want = predict_write(id, va, len);
		got = bh_port_write(id, (const void *)va, len);
	} else if (kind < 12) {
		va = gen_ptr(len, true);
		want = predict_read(id, va, len);
		got = bh_port_read(id, (void *)va, len, &f);
	} else if (kind < 13) {
		want = predict_clear(id);
		got = bh_port_clear(id);
	} else if (kind < 15) {
		va = gen_ptr(48, true);
		want = !writable(va, 48) ? BH_EFAULT : owner_check(id);
		got = bh_port_status(id, (struct bh_port_status *)va);
	} else {
		va = gen_ptr(48, true);
		want = !writable(va, 48) ? BH_EFAULT : id < 4 ? 4 : BH_ENOENT;
		got = bh_port_info(id, (struct bh_port_info *)va);
	}
	if (got != want && ++mismatches <= 5)
		bh_printf("call %u: kind %u id %#x va %#x len %#x: got %d, expected %d\n", i,
			  kind, id, va, len, got, want);
}

int main(uint32_t cond, uint32_t id)
{
	struct bh_port_status s;

	(void)cond;
	(void)id;
	bht_init("pf_fuzz");
	for (uint32_t i = 0; i < CALLS; i++)
		one_call(i);
	BHT_EQ(mismatches, 0);
	BHT_EQ(bh_port_status(Q_IN, &s), BH_OK);
	BHT_EQ(s.nb_messages, count);
	bht_finish(false);
	for (;;)
		bh_yield();
}
