/*
 * The register contract of the guest wrappers (issue 8, break 8): every
 * bh_hypercall* wrapper, compiled at -O2 in tight loops, must tell the
 * compiler exactly which registers the call changes. BH_HC_VERSION and
 * BH_HC_TIME_GET write edx; a wrapper that does not say so lets the
 * compiler keep a value in edx across the trap (the loop counter, the call
 * number, an argument it passed in edx) and reuse it after the call.
 * Each loop checks every result, and the values it kept in registers.
 */
#include <bhtest.h>

#define N 2000u

/* Keep the compiler from seeing the loop bounds and arguments. */
static volatile uint32_t vn = N, vzero, vk = 0x1234u;

static uint32_t loop0_version(void)
{
	uint32_t n = vn, bad = 0;

	for (uint32_t i = 0; i < n; i++)
		bad += bh_hypercall0(BH_HC_VERSION) != (int32_t)BH_ABI_VERSION;
	return bad;
}

static uint32_t loop1_version(void)
{
	uint32_t n = vn, z = vzero, bad = 0;

	for (uint32_t i = 0; i < n; i++)
		bad += bh_hypercall1(BH_HC_VERSION, z) != (int32_t)BH_ABI_VERSION;
	return bad;
}

static uint32_t loop2_version(void)
{
	uint32_t n = vn, z = vzero, bad = 0;

	for (uint32_t i = 0; i < n; i++)
		bad += bh_hypercall2(BH_HC_VERSION, z, i) != (int32_t)BH_ABI_VERSION;
	return bad;
}

/* edx carries argument 2 in; the compiler must not assume it survives. */
static uint32_t loop3_version(void)
{
	uint32_t n = vn, k = vk, bad = 0, sum = 0;

	for (uint32_t i = 0; i < n; i++) {
		bad += bh_hypercall3(BH_HC_VERSION, 0, 0, k) != (int32_t)BH_ABI_VERSION;
		sum += k;
	}
	return bad + (sum != n * vk);
}

static uint32_t loop5_version(void)
{
	uint32_t n = vn, k = vk, bad = 0, sum = 0;

	for (uint32_t i = 0; i < n; i++) {
		bad += bh_hypercall5(BH_HC_VERSION, i, k, k, k, i) != (int32_t)BH_ABI_VERSION;
		sum += k;
	}
	return bad + (sum != n * vk);
}

/* The call number itself from a variable: the wrapper cannot know it. */
static uint32_t loop_var_nr(void)
{
	uint32_t n = vn, nr = vzero + BH_HC_TIME_GET, bad = 0, last = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t t = (uint32_t)bh_hypercall0(nr);
		bad += t < last && i; /* low half only: wraps are rare enough */
		last = t;
		bad += nr != BH_HC_TIME_GET;
	}
	return bad;
}

/* A call that keeps edx: edx-held values must still be right after it. */
static uint32_t loop_keeps_edx(void)
{
	uint32_t n = vn, k = vk, bad = 0, sum = 0;

	for (uint32_t i = 0; i < n; i++) {
		bad += bh_hypercall3(BH_HC_VIRQ_SYNC, i, k, k) != BH_OK;
		sum += k;
	}
	return bad + (sum != n * vk);
}

static void run(const char *what, uint32_t (*fn)(void))
{
	uint32_t bad = fn();

	BHT_CHECK(bad == 0, "%s: %u of %u calls or kept values wrong", what, bad, N);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("hc_wrappers");
	run("bh_hypercall0(VERSION)", loop0_version);
	run("bh_hypercall1(VERSION)", loop1_version);
	run("bh_hypercall2(VERSION)", loop2_version);
	run("bh_hypercall3(VERSION)", loop3_version);
	run("bh_hypercall5(VERSION)", loop5_version);
	run("bh_hypercall0(variable number)", loop_var_nr);
	run("bh_hypercall3(VIRQ_SYNC)", loop_keeps_edx);
	bht_finish(true);
	return 0;
}
