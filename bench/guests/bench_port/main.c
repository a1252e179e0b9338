/*
 * Port path lengths under icount (bench/port), each beside a memcpy of the
 * same size in the same boot:
 *   port_sampling_write       write a 64-byte sampling message (loop-back;
 *                             the destination's vector raised, masked)
 *   port_sampling_read        read it back (valid)
 *   port_queuing_send_receive send 64 bytes on a loop-back queuing channel
 *                             whose destination vector is unmasked: from
 *                             the int to the first instruction of the
 *                             destination's handler (queue, raise, pending,
 *                             delivery, upcall). On one processor the
 *                             destination runs when a message arrives only
 *                             if it is the sender: hence the loop-back.
 *   port_queuing_receive      take a 64-byte message out of the FIFO
 *   port_sampling_write_1024, port_sampling_read_1024: the same at 1024
 *                             bytes (the largest message): the per-byte cost
 *   port_write_1024_8dest    a 1024-byte write multicast to 8 partitions,
 *                             each destination with a vector: the longest
 *                             path of any port call
 *   memcpy_64, memcpy_1024    the guest's memcpy (the kernel's code), call
 *                             and return included
 * Port figures count from the int to its return (or to the handler);
 * medians of SAMPLES runs. Each call's result is checked outside the
 * measured runs.
 */
#include <bhbench.h>

#define SAMPLES 7u
#define S_OUT 0u
#define S_IN 1u
#define Q_OUT 2u
#define Q_IN 3u
#define K_OUT 4u
#define K_IN 5u
#define M_OUT 6u
#define V_Q_IN 9u

uint32_t bpt_once_call(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2);
uint32_t bpt_once_stamp(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2);
uint32_t bpt_once_memcpy(void *dst, const void *src, uint32_t n);
uint32_t bpt_once_plain(uint32_t a, uint32_t b, uint32_t c, uint32_t d);
int32_t bpt_send_mark(uint32_t id, const void *msg, uint32_t len);
void bpt_upcall_entry(void);
extern volatile uint32_t bpt_handler_delta;

static uint8_t msg[1024], buf[1024], stack[4096] __attribute__((aligned(16)));
static uint32_t stamp, plain, err;

static uint32_t stamp_once(void)
{
	return bpt_once_stamp(0, 0, 0, 0);
}

static uint32_t plain_once(void)
{
	return bpt_once_plain(0, 0, 0, 0);
}

static void expect(const char *what, int32_t got, int32_t want)
{
	if (got != want) {
		BHB_ERROR("%s returned %d, expected %d\n", what, got, want);
		err++;
	}
}

/* A port call with ebx, ecx, edx = a0, p, n. */
static uint32_t call(uint32_t nr, uint32_t a0, const void *p, uint32_t n)
{
	uint32_t v[SAMPLES];

	for (uint32_t i = 0; i < SAMPLES; i++)
		v[i] = bpt_once_call(nr, a0, BH_PTR(p), n) - stamp;
	return bhb_median(v, SAMPLES);
}

static uint32_t copy(uint32_t n)
{
	uint32_t v[SAMPLES];

	for (uint32_t i = 0; i < SAMPLES; i++)
		v[i] = bpt_once_memcpy(buf, msg, n) - plain;
	return bhb_median(v, SAMPLES);
}

static void on_queue(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	(void)f;
}

/* Send to the handler, then take the message out: the FIFO never fills. */
static uint32_t send_to_handler(void)
{
	uint32_t v[SAMPLES];

	for (uint32_t i = 0; i < SAMPLES; i++) {
		bpt_handler_delta = 0;
		expect("send", bpt_send_mark(Q_OUT, msg, 64), BH_OK);
		if (!bpt_handler_delta)
			BHB_ERROR("no upcall\n");
		v[i] = bpt_handler_delta - stamp;
		expect("receive", bh_port_read(Q_IN, buf, 64, NULL), 64);
	}
	return bhb_median(v, SAMPLES);
}

static uint32_t receive(void)
{
	uint32_t v[SAMPLES];

	bh_irq_mask(V_Q_IN);
	for (uint32_t i = 0; i < SAMPLES; i++) {
		expect("send", bh_port_write(Q_OUT, msg, 64), BH_OK);
		buf[63] = 0;
		v[i] = bpt_once_call(BH_HC_PORT_READ, Q_IN, BH_PTR(buf), 64) - stamp;
		if (buf[63] != 63)
			BHB_ERROR("receive did not copy\n");
	}
	expect("empty", bh_port_read(Q_IN, buf, 64, NULL), BH_EAGAIN);
	return bhb_median(v, SAMPLES);
}

static void check_calls(void)
{
	uint32_t f;

	expect("write", bh_port_write(S_OUT, msg, 64), BH_OK);
	expect("read", bh_port_read(S_IN, buf, 64, &f), 64);
	expect("valid", (int32_t)f, BH_PORT_READ_VALID);
	expect("write 1024", bh_port_write(K_OUT, msg, 1024), BH_OK);
	expect("read 1024", bh_port_read(K_IN, buf, 1024, &f), 1024);
	expect("multicast", bh_port_write(M_OUT, msg, 1024), BH_OK);
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	for (uint32_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	stamp = bhb_median_of("stamp", stamp_once, SAMPLES);
	plain = bhb_median_of("plain", plain_once, SAMPLES);
	expect("register", bh_virq_register(bpt_upcall_entry, stack, sizeof(stack)), BH_OK);
	bh_set_handler(V_Q_IN, on_queue);
	bh_irq_unmask(V_Q_IN);
	bh_irq_enable();
	check_calls();

	bhb_report("port_sampling_write", call(BH_HC_PORT_WRITE, S_OUT, msg, 64), "insn");
	bhb_report("port_sampling_read", call(BH_HC_PORT_READ, S_IN, buf, 64), "insn");
	bhb_report("memcpy_64", copy(64), "insn");
	bhb_report("port_queuing_send_receive", send_to_handler(), "insn");
	bhb_report("port_queuing_receive", receive(), "insn");
	bhb_report("port_sampling_write_1024", call(BH_HC_PORT_WRITE, K_OUT, msg, 1024), "insn");
	bhb_report("port_sampling_read_1024", call(BH_HC_PORT_READ, K_IN, buf, 1024), "insn");
	bhb_report("memcpy_1024", copy(1024), "insn");
	bhb_report("port_write_1024_8dest", call(BH_HC_PORT_WRITE, M_OUT, msg, 1024), "insn");
	if (err)
		BHB_ERROR("%u port calls failed\n", err);
	bhb_end();
}
