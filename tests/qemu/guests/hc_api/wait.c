/*
 * hc_api, time and waiting: the one-shot timer (future, past, cancelled,
 * masked, disabled), hypercalls made from inside an upcall handler
 * (including a nested upcall and a yield), idle and yield. Runs after
 * api_virq_tests(), which registered the library's upcall entry.
 */
#include "hc_api.h"

enum in_handler { H_NOTHING, H_CALLS, H_NEST, H_YIELD };

static volatile uint32_t upcalls, last_vector, last_count, depth, max_depth;
static volatile uint32_t frames[4];
static volatile uint64_t handler_time;
static volatile enum in_handler mode;

static void handler_calls(void)
{
	struct bh_window_info wi;
	struct bh_partition_status st;

	EXPECT(bh_window_info(&wi), BH_OK);
	BHT_EQ(wi.partition_id, API_ID);
	EXPECT(bh_partition_status(BH_SELF, &st), BH_OK);
	EXPECT(bh_console_write("in handler\n", 11), 11);
	EXPECT(bh_hypercall0(BH_HC_COUNT), BH_ENOSYS);
	EXPECT(bh_partition_control(PEER_ID, BH_PCTL_STOP), BH_EPERM);
	BHT_EQ(bh_vcpu->enabled, 0);
}

/* Raise the timer again and open the virtual flag: the kernel must nest. */
static void handler_nest(void)
{
	if (depth >= 3)
		return;
	EXPECT(bh_timer_set(1), BH_OK); /* pending: we run with the flag clear */
	bh_vcpu->enabled = 1;
	EXPECT(bh_virq_sync(), BH_OK);
	bh_vcpu->enabled = 0;
}

static void handler_yield(void)
{
	uint32_t seq = bh_vstate->window_seq;

	EXPECT(bh_yield(), BH_OK);
	BHT_EQ(bh_vstate->window_seq, seq + 1);
	BHT_EQ(bh_vcpu->enabled, 0);
}

static void on_timer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	uint32_t d = depth++;

	upcalls++;
	last_vector = v;
	last_count = count;
	handler_time = bh_time_ns();
	if (d < 4)
		frames[d] = BH_PTR(f);
	if (depth > max_depth)
		max_depth = depth;
	if (mode == H_CALLS)
		handler_calls();
	else if (mode == H_NEST)
		handler_nest();
	else if (mode == H_YIELD)
		handler_yield();
	depth--;
}

/* Spin until `n` upcalls were seen or `windows` windows passed. */
static void wait_upcalls(uint32_t n, uint32_t windows)
{
	uint32_t until = bh_vstate->window_seq + windows;

	while (upcalls < n && bh_vstate->window_seq < until)
		;
}

static void timer_tests(void)
{
	uint64_t deadline = bh_time_ns() + 1500000u;

	EXPECT(bh_timer_set(deadline), BH_OK);
	BHT_EQ(upcalls, 0);
	wait_upcalls(1, 4);
	BHT_EQ(upcalls, 1);
	BHT_EQ(last_vector, BH_VEC_TIMER);
	BHT_EQ(last_count, 1);
	BHT_CHECK(handler_time >= deadline, "timer upcall at %llu, before %llu", handler_time,
		  deadline);
	deadline = bh_time_ns() + 1000000u; /* cancelled: never fires */
	EXPECT(bh_timer_set(deadline), BH_OK);
	EXPECT(bh_timer_set(0), BH_OK);
	while (bh_time_ns() < deadline + 3000000u)
		;
	BHT_EQ(upcalls, 1);
	EXPECT(bh_timer_set(1), BH_OK); /* in the past: delivered on the way back */
	BHT_EQ(upcalls, 2);
	EXPECT(bh_hypercall2(BH_HC_TIMER_SET, 0, 0xFFFFFFFFu), BH_OK); /* far future */
	EXPECT(bh_hypercall2(BH_HC_TIMER_SET, 0, 0), BH_OK);
}

/* Pending while disabled or masked; delivered once enabled or unmasked. */
static void pending_tests(void)
{
	bh_irq_disable();
	EXPECT(bh_timer_set(1), BH_OK);
	BHT_EQ(upcalls, 2);
	BHT_EQ(bh_vstate->pending[0], 1u << BH_VEC_TIMER);
	BHT_EQ(bh_vstate->count[BH_VEC_TIMER], 1);
	bh_irq_enable();
	BHT_EQ(upcalls, 3);
	BHT_EQ(bh_vstate->pending[0], 0);
	BHT_EQ(bh_vstate->count[BH_VEC_TIMER], 0);
	bh_irq_mask(BH_VEC_TIMER);
	EXPECT(bh_timer_set(1), BH_OK);
	BHT_EQ(upcalls, 3);
	bh_irq_unmask(BH_VEC_TIMER);
	BHT_EQ(upcalls, 4);
}

static void in_handler_tests(void)
{
	mode = H_CALLS;
	EXPECT(bh_timer_set(1), BH_OK);
	BHT_EQ(upcalls, 5);
	mode = H_NEST;
	max_depth = 0;
	EXPECT(bh_timer_set(1), BH_OK);
	BHT_EQ(upcalls, 8);
	BHT_EQ(max_depth, 3);
	BHT_CHECK(frames[1] + sizeof(struct bh_upcall_frame) <= frames[0] &&
			  frames[2] + sizeof(struct bh_upcall_frame) <= frames[1],
		  "nested frames %#x %#x %#x overlap", frames[0], frames[1], frames[2]);
	mode = H_YIELD;
	EXPECT(bh_timer_set(1), BH_OK);
	BHT_EQ(upcalls, 9);
	BHT_EQ(bh_vcpu->enabled, 1);
	mode = H_NOTHING;
	CHECK_BAD();
}

static void idle_tests(void)
{
	uint32_t seq;

	EXPECT(bh_timer_set(bh_time_ns() + 300000u), BH_OK);
	EXPECT(bh_idle(), BH_OK); /* until the timer upcall */
	BHT_EQ(upcalls, 10);
	/* Deliverable already (the flag was opened without a sync): idle must
	 * deliver it, not return with it still pending. */
	bh_irq_disable();
	EXPECT(bh_timer_set(1), BH_OK);
	bh_vcpu->enabled = 1;
	EXPECT(bh_idle(), BH_OK);
	BHT_EQ(upcalls, 11);
	/* Nothing can arrive: idle lasts until the next window. */
	bh_irq_disable();
	seq = bh_vstate->window_seq;
	EXPECT(bh_idle(), BH_OK);
	BHT_EQ(bh_vstate->window_seq, seq + 1);
	BHT_EQ(upcalls, 11);
}

static void yield_tests(void)
{
	uint32_t seq = bh_vstate->window_seq, frame = bh_vstate->frame_seq;
	uint64_t t;

	EXPECT(bh_yield(), BH_OK);
	t = bh_time_ns();
	BHT_EQ(bh_vstate->window_seq, seq + 1);
	BHT_EQ(bh_vstate->frame_seq, frame + 1);
	BHT_EQ(bh_vstate->window_start_ns, hcl_tick_ns((uint64_t)(frame + 1) * MAJOR_TICKS));
	BHT_CHECK(t >= bh_vstate->window_start_ns && t < bh_vstate->window_end_ns,
		  "yield returned at %llu", t);
}

void api_wait_tests(void)
{
	BHT_EQ(bh_set_handler(BH_VEC_TIMER, on_timer), BH_OK);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable();
	timer_tests();
	pending_tests();
	in_handler_tests();
	idle_tests();
	yield_tests();
	bh_irq_disable();
	CHECK_BAD();
}
