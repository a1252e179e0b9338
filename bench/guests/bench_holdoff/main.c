/*
 * holdoff (bench/holdoff, the holdoff kernel, under icount): partitions that
 * make the kernel take every path a partition can trigger, each many
 * times with its worst arguments, so that the kernel's table of
 * interrupts-off lengths (bh/holdoff.h, printed at the end of the run)
 * covers them. One image, a role per partition:
 *
 *   ho_driver   every hypercall (the longest console write and HM message,
 *               1,024-byte port messages, refused numbers and pointers, a
 *               timer upcall and its return, yield and idle), the stop and
 *               both restarts of ho_stop by PARTITION_CONTROL; it ends the
 *               run after ROUNDS windows
 *   ho_sink     reads the driver's ports (1,024-byte copies out)
 *   ho_restart  restarts itself through the health monitor, warm
 *               (application_error) and cold (page_fault) in turn: restart
 *               steps and the cold restart's load steps
 *   ho_stop     stopped by the health monitor (divide_error), restarted by
 *               the driver
 *   ho_flood    console flood, HM lines with 256-byte messages, and every
 *               fault class propagated to its handler
 */
#include <bhbench.h>

#define ROUNDS 30u
#define MSG 1024u

enum { DRIVER, SINK, RESTART, STOP, FLOOD };

static char text[BH_CONSOLE_MAX], newlines[BH_CONSOLE_MAX];
static uint8_t msg[MSG];
static volatile uint32_t resume, traps, timers;

static void fill(void)
{
	for (uint32_t i = 0; i < BH_CONSOLE_MAX; i++) {
		text[i] = (char)('a' + i % 26u);
		newlines[i] = '\n';
	}
}

static void on_trap(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	traps++;
	f->eip = resume;
}

static void on_timer(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	(void)v;
	(void)count;
	(void)f;
	timers++;
}

/* One fault of each class a partition can cause, each resumed after. */
static void faults(void)
{
	__asm__ volatile("movl $1f, %0\n\txorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\t"
			 "xorl %%edx, %%edx\n\tdivl %%ecx\n1:"
			 : "=m"(resume) : : "eax", "ecx", "edx", "memory");
	__asm__ volatile("movl $1f, %0\n\tud2\n1:" : "=m"(resume) : : "memory");
	__asm__ volatile("movl $1f, %0\n\tcli\n1:" : "=m"(resume) : : "memory");
	__asm__ volatile("movl $1f, %0\n\tmovl 0, %%eax\n1:" : "=m"(resume) : : "eax", "memory");
	__asm__ volatile("movl $1f, %0\n\tint3\n1:" : "=m"(resume) : : "memory");
	__asm__ volatile("movl $1f, %0\n\tint $0x30\n1:" : "=m"(resume) : : "memory");
}

static void flood(void)
{
	static const uint32_t vec[] = { 0, 3, 6, 13, 14 };

	bh_virq_init();
	for (uint32_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++)
		bh_set_handler(BH_VEC_TRAP(vec[i]), on_trap);
	bh_irq_enable();
	for (;;) {
		bh_console_write(newlines, sizeof(newlines));
		bh_console_write(text, sizeof(text));
		bh_hm_raise(1, text, sizeof(text));
		faults();
	}
}

static void restart_storm(void)
{
	struct bh_partition_status st;

	bh_partition_status(BH_SELF, &st);
	if (st.restart_count % 2u == 0u)
		bh_hm_raise(2, text, sizeof(text)); /* restart_warm */
	__asm__ volatile("movl 0, %%eax" : : : "eax", "memory"); /* restart_cold */
	for (;;)
		bh_yield();
}

static void sink(void)
{
	uint32_t flags;

	for (;;) {
		bh_port_read(0, msg, sizeof(msg), &flags);
		bh_port_read(1, msg, sizeof(msg), &flags);
		bh_yield();
	}
}

static void stopper(void)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\txorl %%edx, %%edx\n\tdivl %%ecx"
			 : : : "eax", "ecx", "edx");
	for (;;)
		bh_yield();
}

/* Every hypercall once, most with their worst arguments. */
static void driver_round(uint32_t round)
{
	struct bh_window_info wi;
	struct bh_partition_status st;
	struct bh_port_status ps;
	struct bh_port_info pi;
	uint32_t feat;

	bh_version(&feat);
	bh_console_write(newlines, sizeof(newlines));
	bh_console_write(text, sizeof(text));
	(void)bh_time_ns();
	bh_window_info(&wi);
	for (uint32_t id = 0; id <= FLOOD; id++)
		bh_partition_status(id, &st);
	bh_set_mode(BH_MODE_NORMAL);
	bh_partition_control(STOP, round % 3u == 0 ? BH_PCTL_RESTART_COLD
				   : round % 3u == 1 ? BH_PCTL_RESTART_WARM
						     : BH_PCTL_STOP);
	bh_hm_raise(3, text, sizeof(text));
	bh_virq_register(bh_upcall_entry, msg, sizeof(msg)); /* refused: registered */
	bh_irq_bind(3);
	bh_irq_unbind(3);
	bh_virq_sync();
	bh_irq_unmask(BH_VEC_TIMER);
	bh_irq_raise(BH_VEC_SOFT_BASE);
	bh_timer_set(bh_time_ns() + 1000u); /* an upcall and its return soon */
	bh_timer_set(0);
	bh_timer_set(bh_time_ns() + 1000u);
	bh_port_info(0, &pi);
	bh_port_write(0, msg, sizeof(msg));
	bh_port_write(1, msg, sizeof(msg));
	bh_port_status(0, &ps);
	bh_port_status(1, &ps);
	bh_port_clear(1);
	bh_port_read(0, msg, sizeof(msg), &feat);
	bh_hypercall3(BH_HC_COUNT + 7u, 1, 2, 3);		  /* unknown number */
	bh_hypercall2(BH_HC_CONSOLE_WRITE, 0xFFFFFF00u, BH_CONSOLE_MAX); /* EFAULT */
	bh_hypercall1(BH_HC_WINDOW_INFO, 0);			  /* EFAULT */
	bh_idle();
	bh_yield();
}

static void driver(void)
{
	bh_virq_init();
	bh_set_handler(BH_VEC_TIMER, on_timer);
	bh_set_handler(BH_VEC_SOFT_BASE, on_timer);
	bh_irq_unmask(BH_VEC_SOFT_BASE);
	bh_irq_enable();
	for (uint32_t r = 0; r < ROUNDS; r++)
		driver_round(r);
	if (!timers)
		BHB_ERROR("no timer upcall\n");
	bhb_end();
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	(void)start_condition;
	fill();
	switch (partition_id) {
	case DRIVER: driver(); break;
	case SINK: sink(); break;
	case RESTART: restart_storm(); break;
	case STOP: stopper(); break;
	default: flood(); break;
	}
	for (;;)
		bh_yield();
}
