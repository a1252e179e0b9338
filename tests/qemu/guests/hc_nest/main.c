/*
 * hc_nest: nested upcalls until the interrupt stack is full
 * (tests/qemu/hc_badlimit). Its timer handler re-arms the timer and opens
 * the virtual flag from inside itself, so the kernel nests one frame below
 * the other. When no frame fits any more the kernel must raise upcall_error
 * (here: restart_warm) rather than write below the registered stack. After
 * the warm restart (memory kept) it checks what the nesting left behind.
 */
#include <bhtest.h>

#define STACK_SIZE 1024u
#define CANARY 0x5Au
#define MAX_FRAMES 64u
#define FRAME_SIZE ((uint32_t)sizeof(struct bh_upcall_frame))

static struct {
	uint8_t below[64];
	uint8_t stack[STACK_SIZE];
	uint8_t above[64];
} area __attribute__((aligned(16)));

static volatile uint32_t depth, frames[MAX_FRAMES], last_sp;

static void on_timer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	uint32_t sp;

	(void)v;
	(void)count;
	if (depth < MAX_FRAMES)
		frames[depth] = BH_PTR(f);
	depth++;
	bh_timer_set(1); /* pending: the flag is clear in a handler */
	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	last_sp = sp;
	bh_vcpu->enabled = 1;
	bh_virq_sync(); /* nests, until the stack is full */
}

static void start_nesting(void)
{
	for (uint32_t i = 0; i < 64; i++)
		area.below[i] = area.above[i] = CANARY;
	BHT_EQ(bh_virq_register(bh_upcall_entry, area.stack, STACK_SIZE), BH_OK);
	BHT_EQ(bh_set_handler(BH_VEC_TIMER, on_timer), BH_OK);
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_enable();
	bh_timer_set(1);
	bht_fail(__FILE__, __LINE__, "nesting ended without an upcall error");
}

static void check_aftermath(void)
{
	uint32_t lo = BH_PTR(area.stack), hi = lo + STACK_SIZE, n = depth;
	struct bh_partition_status st;

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.start_condition, BH_START_HM_PARTITION_RESTART);
	BHT_EQ(st.restart_count, 1);
	BHT_EQ(st.hm_events, 1);
	BHT_EQ(st.last_hm_event, BH_HM_UPCALL_ERROR);
	for (uint32_t i = 0; i < 64; i++)
		BHT_CHECK(area.below[i] == CANARY && area.above[i] == CANARY,
			  "canary byte %u overwritten", i);
	BHT_CHECK(n >= 4 && n <= MAX_FRAMES, "nested %u deep", n);
	for (uint32_t i = 0; i < n && i < MAX_FRAMES; i++) {
		BHT_CHECK(frames[i] >= lo && frames[i] + FRAME_SIZE <= hi, "frame %u at %#x", i,
			  frames[i]);
		BHT_CHECK(i == 0 || frames[i] + FRAME_SIZE <= frames[i - 1],
			  "frame %u at %#x overlaps %#x", i, frames[i], frames[i - 1]);
	}
	/* Refused only when a frame (plus alignment) no longer fitted. */
	BHT_CHECK(last_sp - lo < FRAME_SIZE + 16u, "refused with %u bytes free", last_sp - lo);
	bh_printf("nested %u deep, refused with %u bytes left\n", n, last_sp - lo);
}

int main(uint32_t cond, uint32_t id)
{
	(void)id;
	bht_init("hc_nest");
	if (cond == BH_START_NORMAL)
		start_nesting();
	else
		check_aftermath();
	bht_finish(false);
	bh_exit();
}
