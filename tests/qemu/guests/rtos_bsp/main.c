/*
 * The BSP-level services of the guest library (rtems_paravirt.h) that the
 * other tests do not cover: console output per character, console input
 * from a UART the partition owns (COM2, put in loopback mode so that what
 * it transmits comes back), the clock, idle, vectors installed with a
 * direct handler beside ISRs, the test for a frame nested on the interrupt
 * stack, and the fatal stop, which must reach the health monitor and stop
 * the partition.
 */
#include <bulkhead/io.h>
#include <bhtest.h>
#include <bulkhead/rtems_paravirt.h>

#define COM2 0x2F8u
#define UART_THR 0u
#define UART_IER 1u
#define UART_LCR 3u
#define UART_MCR 4u
#define UART_LSR 5u
#define LSR_THRE 0x20u
#define MCR_LOOP 0x10u

static void console_output(void)
{
	static const char line[] = "written one character at a time\n";

	for (const char *p = line; *p; p++)
		bh_bsp_output_char(*p);
	bh_bsp_console_write("written in one call\n", 20);
}

static void console_input(void)
{
	static const char sent[] = "ping";
	char got[8] = { 0 };

	BHT_EQ(bh_bsp_poll_char(), -1); /* no input UART selected yet */
	bh_outb(COM2 + UART_IER, 0);
	bh_outb(COM2 + UART_LCR, 0x03); /* 8N1 */
	bh_outb(COM2 + UART_MCR, MCR_LOOP);
	bh_bsp_console_input(COM2);
	while (bh_bsp_poll_char() >= 0) /* drain */
		;
	for (uint32_t i = 0; sent[i]; i++) {
		while (!(bh_inb(COM2 + UART_LSR) & LSR_THRE))
			;
		bh_outb(COM2 + UART_THR, (uint8_t)sent[i]);
		for (uint32_t spin = 0; spin < 100000; spin++) {
			int c = bh_bsp_poll_char();
			if (c >= 0) {
				got[i] = (char)c;
				break;
			}
		}
	}
	BHT_CHECK(!__builtin_strcmp(got, sent), "read back \"%s\", sent \"%s\"", got, sent);
	BHT_EQ(bh_bsp_poll_char(), -1);
}

static void clock_and_idle(void)
{
	BHT_EQ(bh_bsp_clock_tick_ns(), bh_vstate->tick_period_ns);
	BHT_CHECK(bh_bsp_clock_tick_ns() > 1990000 && bh_bsp_clock_tick_ns() < 2010000,
		  "500 Hz tick is %u ns", bh_bsp_clock_tick_ns());
	uint64_t a = bh_bsp_clock_ns();
	bh_bsp_idle(); /* nothing deliverable: back at the next window */
	uint64_t b = bh_bsp_clock_ns();
	BHT_CHECK(b > a, "clock went from %llu to %llu", a, b);
	BHT_CHECK(b >= bh_vstate->window_start_ns && b < bh_vstate->window_end_ns,
		  "idle came back at %llu, outside the window", b);
}

#define V_OWN 10u /* one of the partition's own vectors (raised, no source) */

static struct {
	uint32_t calls, vector, count, frame_vector, enters, exits;
	bool direct, exit_nested;
} got;

static void direct_handler(uint32_t v, uint32_t count, struct bh_upcall_frame *f)
{
	got.calls++;
	got.direct = true;
	got.vector = v;
	got.count = count;
	got.frame_vector = f->vector;
}

static void own_isr(void *arg, struct bh_upcall_frame *f)
{
	got.calls++;
	got.direct = false;
	got.vector = f->vector;
	got.count = f->count;
	got.frame_vector = (uint32_t)(uintptr_t)arg;
}

static void on_enter(uint32_t v)
{
	(void)v;
	got.enters++;
}

static void on_exit(struct bh_upcall_frame *f)
{
	got.exits++;
	got.exit_nested = bh_bsp_frame_nested(f); /* it interrupted main: no */
}

/* Raise V_OWN twice with interrupts off, then let the upcall in. */
static void raise_twice(void)
{
	got = (__typeof__(got)){ 0 };
	BHT_EQ(bh_bsp_vector_raise(V_OWN), BH_OK);
	BHT_EQ(bh_bsp_vector_raise(V_OWN), BH_OK);
	bh_irq_enable();
	bh_irq_disable();
}

static void vectors(void)
{
	static const struct bh_bsp_irq_hooks hooks = { on_enter, on_exit };

	BHT_EQ(bh_bsp_interrupt_init(&hooks), BH_OK);
	BHT_EQ(bh_bsp_vector_install_handler(V_OWN, NULL), BH_EINVAL);
	BHT_EQ(bh_bsp_vector_install_handler(BH_NR_UPCALL_VECTORS, direct_handler), BH_EINVAL);
	BHT_EQ(bh_bsp_vector_install_handler(V_OWN, direct_handler), BH_OK);
	BHT_EQ(bh_bsp_vector_install_handler(V_OWN, direct_handler), BH_EBUSY);
	BHT_EQ(bh_bsp_vector_install(V_OWN, own_isr, NULL), BH_EBUSY);

	raise_twice();
	BHT_CHECK(got.calls == 1 && got.direct, "direct handler: %u calls", got.calls);
	BHT_CHECK(got.vector == V_OWN && got.count == 2 && got.frame_vector == V_OWN,
		  "direct handler got vector %u count %u (frame: %u)", got.vector, got.count,
		  got.frame_vector);
	BHT_CHECK(got.enters == 1 && got.exits == 1, "hooks ran %u/%u times", got.enters,
		  got.exits);
	BHT_CHECK(!got.exit_nested, "a frame from main's stack counted as nested");

	/* Removed: masked again, the arrival waits; an ISR takes it over. */
	BHT_EQ(bh_bsp_vector_remove(V_OWN), BH_OK);
	BHT_EQ(bh_bsp_vector_remove(V_OWN), BH_ENOENT);
	raise_twice();
	BHT_CHECK(got.calls == 0, "a removed vector's handler ran %u times", got.calls);
	BHT_EQ(bh_bsp_vector_install(V_OWN, own_isr, (void *)77), BH_OK);
	bh_irq_enable();
	bh_irq_disable();
	BHT_CHECK(got.calls == 1 && !got.direct && got.vector == V_OWN && got.count == 2 &&
			  got.frame_vector == 77,
		  "ISR after the handler: %u calls, direct %d, vector %u, count %u, arg %u",
		  got.calls, got.direct, got.vector, got.count, got.frame_vector);
	BHT_EQ(bh_bsp_vector_remove(V_OWN), BH_OK);
}

/*
 * bh_bsp_frame_nested() (inline: one unsigned compare) at the edges of the
 * interrupt stack: nested for lo < esp <= lo + size, the kernel's own test.
 */
static void frame_nested(void)
{
	const uint32_t lo = BH_PTR(bh_virq_stack);
	const struct {
		uint32_t esp;
		bool nested;
	} cases[] = {
		{ lo, false },
		{ lo + 1, true },
		{ lo + 16, true },
		{ lo + BH_VIRQ_STACK_SIZE, true },
		{ lo + BH_VIRQ_STACK_SIZE + 1, false },
		{ lo - 1, false },
		{ 0, false },
		{ 0xFFFFFFFFu, false },
	};
	struct bh_upcall_frame f = { 0 };

	for (uint32_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		f.esp = cases[i].esp;
		BHT_CHECK(bh_bsp_frame_nested(&f) == cases[i].nested,
			  "esp %#x (stack %#x..%#x): nested %d, expected %d", f.esp, lo,
			  lo + BH_VIRQ_STACK_SIZE, bh_bsp_frame_nested(&f), cases[i].nested);
	}
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("rtos_bsp");
	console_output();
	console_input();
	clock_and_idle();
	vectors();
	frame_nested();
	bht_finish(false);
	bh_bsp_fatal(7, 42);
}
