/*
 * The thread-pointer segment (abi.h, BH_SEL_TLS), seen from a plain
 * partition. The same image runs in two partitions (tests/qemu/tls_seg),
 * each with thread pointers of its own, in alternating windows:
 *   - before the partition sets anything, fs and gs hold an unusable
 *     segment: reading or writing through gs is a fault (#GP on hardware,
 *     a page fault in the kernel's half under QEMU's TCG), never an access
 *     to memory (on the old flat gs, %gs:-4 was the vCPU page's last
 *     word), and loading 0x18 into gs or fs, by mov (32- and 16-bit) or
 *     pop, is a #GP naming 0x18;
 *   - after BH_HC_TLS_SET(tp): %gs:0 is the word at tp, %gs:-4 the word
 *     below it; the guest's own loads of 0x18 give the same segment;
 *   - after BH_HC_TLS_DESC(&desc): each load of 0x18 takes the descriptor
 *     in desc as it is then (rewritten between loads, as RTEMS does); a
 *     descriptor that is not present, a code or a system segment faults;
 *   - gs and fs keep their segments across windows of the other partition,
 *     also when each holds a different one;
 *   - every fault above is one health-monitor event, nothing else is.
 */
#include <bhvirq.h>

#define FAULTED 0xFA17FA17u
#define SEL 0x18u
#define VCPU_LAST_WORD 0xFFFFFFFCu

/* probes.S */
uint32_t tls_read_gs(void), tls_read_fs(void), tls_read_below(void);
void tls_write_below(uint32_t v), tls_load_gs(uint32_t sel), tls_load_gs16(uint32_t sel);
void tls_load_fs(uint32_t sel), tls_pop_gs(uint32_t sel);
extern char tls_read_gs_at[], tls_read_gs_end[], tls_read_fs_at[], tls_read_fs_end[];
extern char tls_read_below_at[], tls_read_below_end[], tls_write_below_at[], tls_write_below_end[];
extern char tls_load_gs_at[], tls_load_gs_end[], tls_load_gs16_at[], tls_load_gs16_end[];
extern char tls_load_fs_at[], tls_load_fs_end[], tls_pop_gs_at[], tls_pop_gs_end[];

static const struct probe {
	const char *at, *end;
	uint32_t pop;
} probes[] = {
	{ tls_read_gs_at, tls_read_gs_end, 0 },	  { tls_read_fs_at, tls_read_fs_end, 0 },
	{ tls_read_below_at, tls_read_below_end, 0 }, { tls_write_below_at, tls_write_below_end, 0 },
	{ tls_load_gs_at, tls_load_gs_end, 0 },	  { tls_load_gs16_at, tls_load_gs16_end, 0 },
	{ tls_load_fs_at, tls_load_fs_end, 0 },	  { tls_pop_gs_at, tls_pop_gs_end, 4 },
};

static volatile uint32_t faults, last_error, last_vector, stray;
static uint32_t tag; /* this partition's: in every value it stores */

static void on_gp(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)count;
	for (uint32_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		if (f->eip == BH_PTR(probes[i].at)) {
			faults++;
			last_error = f->error_code;
			last_vector = vector;
			f->eax = FAULTED;
			f->esp += probes[i].pop;
			f->eip = BH_PTR(probes[i].end);
			return;
		}
	stray++;
	bht_error("trap %u at %#x, not at a probe", vector - BH_VEC_TRAP(0), f->eip);
}

static uint32_t sel_gs(void)
{
	uint32_t v;

	__asm__ volatile("mov %%gs, %0" : "=r"(v));
	return v & 0xFFFFu;
}

static uint32_t sel_fs(void)
{
	uint32_t v;

	__asm__ volatile("mov %%fs, %0" : "=r"(v));
	return v & 0xFFFFu;
}

/* Expect exactly one #GP from the last probe, with error code err. */
#define FAULTS_ONCE(call, err)                                                     \
	do {                                                                       \
		uint32_t f0_ = faults;                                             \
		call;                                                              \
		BHT_CHECK(faults == f0_ + 1u, "%s: %u faults, not 1", #call, faults - f0_); \
		BHT_CHECK(last_vector == BH_VEC_TRAP(13) && last_error == (err),          \
			  "%s: trap %u error code %#x, not #GP %#x", #call,                \
			  last_vector - BH_VEC_TRAP(0), last_error, (uint32_t)(err));      \
	} while (0)

/* Expect exactly one fault of an access through an unusable segment: #GP
 * on hardware; a user-mode page fault in the kernel's half under QEMU's
 * TCG (not present: a partition's space maps none of it there, issue 8
 * break 10; a protection fault where the kernel's memory is mapped). */
#define ACCESS_FAULTS(call)                                                        \
	do {                                                                       \
		uint32_t f0_ = faults;                                             \
		call;                                                              \
		BHT_CHECK(faults == f0_ + 1u, "%s: %u faults, not 1", #call, faults - f0_); \
		BHT_CHECK(last_vector == BH_VEC_TRAP(13) ||                        \
				  (last_vector == BH_VEC_TRAP(14) && (last_error & 4u) == 4u),    \
			  "%s: trap %u error code %#x", #call,                      \
			  last_vector - BH_VEC_TRAP(0), last_error);                   \
	} while (0)

#define NO_FAULT(call)                                                             \
	do {                                                                       \
		uint32_t f0_ = faults;                                             \
		call;                                                              \
		BHT_CHECK(faults == f0_, "%s: %u faults", #call, faults - f0_);    \
	} while (0)

static volatile uint32_t *const vcpu_last = (volatile uint32_t *)VCPU_LAST_WORD;

/* Nothing set: nothing reaches memory through fs or gs. */
static void unset(void)
{
	uint32_t before = *vcpu_last;

	BHT_EQ(sel_gs(), SEL | 3u);
	BHT_EQ(sel_fs(), SEL | 3u);
	ACCESS_FAULTS(BHT_EQ(tls_read_gs(), FAULTED));
	ACCESS_FAULTS(BHT_EQ(tls_read_fs(), FAULTED));
	ACCESS_FAULTS(BHT_EQ(tls_read_below(), FAULTED));
	ACCESS_FAULTS(tls_write_below(0xDEADBEEFu));
	BHT_EQ(*vcpu_last, before);
	FAULTS_ONCE(tls_load_gs(SEL), SEL);
	FAULTS_ONCE(tls_load_gs(SEL | 3u), SEL);
	FAULTS_ONCE(tls_load_gs16(SEL | 3u), SEL);
	FAULTS_ONCE(tls_load_fs(SEL), SEL);
	FAULTS_ONCE(tls_pop_gs(SEL | 3u), SEL);
	BHT_EQ(sel_gs(), SEL | 3u);
	ACCESS_FAULTS(BHT_EQ(tls_read_gs(), FAULTED)); /* still unusable */
}

static uint32_t block_a[64], block_b[64], block_c[64];

/* BH_HC_TLS_SET: a flat segment at the thread pointer, also for 0x18 loads. */
static void set(void)
{
	uint32_t before = *vcpu_last;
	uint32_t *tp = &block_a[32];

	*tp = BH_PTR(tp);
	tp[-1] = tag | 0xA1u;
	BHT_EQ(bh_tls_set(tp), BH_OK);
	BHT_EQ(sel_gs(), SEL | 3u);
	NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(tp)));
	NO_FAULT(BHT_EQ(tls_read_below(), tag | 0xA1u));
	NO_FAULT(tls_write_below(tag | 0xA2u));
	BHT_EQ(tp[-1], tag | 0xA2u);
	BHT_EQ(*vcpu_last, before);

	NO_FAULT(tls_load_gs(0)); /* the null selector is always allowed */
	NO_FAULT(tls_load_gs(SEL));
	BHT_EQ(sel_gs(), SEL);
	NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(tp)));
	NO_FAULT(tls_load_gs(0));
	NO_FAULT(tls_load_gs16(SEL | 3u));
	NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(tp)));
	NO_FAULT(tls_load_gs(0));
	NO_FAULT(tls_pop_gs(SEL | 3u));
	NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(tp)));
	NO_FAULT(tls_load_fs(SEL | 3u));
	NO_FAULT(BHT_EQ(tls_read_fs(), BH_PTR(tp)));
}

/* Both registers keep their segments while the other partition runs. */
static void across_windows(uint32_t windows)
{
	for (uint32_t w = 0; w < windows; w++) {
		bht_wait_next_window();
		BHT_EQ(sel_gs(), SEL | 3u); /* the last load was pop %gs */
		BHT_EQ(sel_fs(), SEL | 3u);
		NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(&block_a[32])));
		NO_FAULT(BHT_EQ(tls_read_fs(), BH_PTR(&block_a[32])));
		NO_FAULT(BHT_EQ(tls_read_below(), tag | 0xA2u));
	}
}

/* An RTEMS-style descriptor: flat 4 GiB, byte granular base. */
static uint64_t data_desc(const void *base, uint32_t access)
{
	uint32_t b = BH_PTR(base);

	return 0xFFFFull | (uint64_t)(b & 0xFFFFFFu) << 16 | (uint64_t)access << 40 |
	       0xCFull << 48 | (uint64_t)(b >> 24) << 56;
}

#define ACC_DATA_RW_DPL0 0x92u /* present, data, writable: RTEMS's, DPL 0 */
#define ACC_DATA_NOT_PRESENT 0x12u
#define ACC_CODE 0x9Au
#define ACC_SYSTEM 0x89u /* a TSS */

static uint64_t desc;

/* BH_HC_TLS_DESC: each load of 0x18 reads the descriptor as it is then. */
static void registered(void)
{
	block_b[16] = tag | 0xB0u;
	block_c[16] = tag | 0xC0u;
	desc = data_desc(&block_b[16], ACC_DATA_RW_DPL0);
	BHT_EQ(bh_tls_desc(&desc), BH_OK);
	NO_FAULT(tls_load_gs(SEL));
	NO_FAULT(BHT_EQ(tls_read_gs(), tag | 0xB0u));
	desc = data_desc(&block_c[16], ACC_DATA_RW_DPL0);
	NO_FAULT(BHT_EQ(tls_read_gs(), tag | 0xB0u)); /* loaded before: unchanged */
	NO_FAULT(tls_load_gs(SEL));
	NO_FAULT(BHT_EQ(tls_read_gs(), tag | 0xC0u));
	NO_FAULT(tls_pop_gs(SEL));
	NO_FAULT(BHT_EQ(tls_read_gs(), tag | 0xC0u));

	desc = data_desc(&block_b[16], ACC_DATA_NOT_PRESENT);
	FAULTS_ONCE(tls_load_gs(SEL), SEL);
	desc = data_desc(&block_b[16], ACC_CODE);
	FAULTS_ONCE(tls_load_gs(SEL), SEL);
	desc = data_desc(&block_b[16], ACC_SYSTEM);
	FAULTS_ONCE(tls_load_fs(SEL), SEL);

	BHT_EQ(bh_tls_desc((const void *)0x00100000u), BH_EFAULT); /* the kernel's */
	BHT_EQ(bh_tls_desc((const void *)(VCPU_LAST_WORD + 2u)), BH_EFAULT);
	BHT_EQ(bh_tls_desc(NULL), BH_OK); /* loads use the last TLS_SET again */
	NO_FAULT(tls_load_gs(SEL));
	NO_FAULT(BHT_EQ(tls_read_gs(), BH_PTR(&block_a[32])));
}

/* fs and gs with different segments keep each its own across windows (a
 * switch writes the slot once per distinct descriptor). */
static void two_segments(uint32_t windows)
{
	desc = data_desc(&block_b[16], ACC_DATA_RW_DPL0);
	BHT_EQ(bh_tls_desc(&desc), BH_OK);
	NO_FAULT(tls_load_fs(SEL | 3u));
	desc = data_desc(&block_c[16], ACC_DATA_RW_DPL0);
	NO_FAULT(tls_load_gs(SEL | 3u));
	for (uint32_t w = 0; w < windows; w++) {
		bht_wait_next_window();
		BHT_EQ(sel_fs(), SEL | 3u);
		BHT_EQ(sel_gs(), SEL | 3u);
		NO_FAULT(BHT_EQ(tls_read_fs(), tag | 0xB0u));
		NO_FAULT(BHT_EQ(tls_read_gs(), tag | 0xC0u));
	}
	BHT_EQ(bh_tls_desc(NULL), BH_OK);
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	struct bh_partition_status st;
	uint32_t expected;

	(void)start_condition;
	tag = (partition_id + 1u) << 24;
	bht_init("tls_seg");
	bhv_register();
	bh_set_handler(BH_VEC_TRAP(13), on_gp);
	bh_set_handler(BH_VEC_TRAP(14), on_gp);
	bh_irq_enable();

	unset();
	set();
	across_windows(5);
	registered();
	across_windows(0);
	two_segments(3);
	BHT_EQ(stray, 0);
	expected = 10u + 3u;
	BHT_EQ(faults, expected);
	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.hm_events, expected);
	bht_finish(false);
	for (;;)
		bh_yield();
}
