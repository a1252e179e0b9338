/*
 * port_peer: a second destination of port_api's sampling source
 * (multicast). Its vector 12 stays masked: every write must show as one
 * more pending arrival at its next window, and the latest message must be
 * readable. After its 30th window it reports; the run ends after 32 frames.
 */
#include <bhtest.h>

int main(uint32_t cond, uint32_t id)
{
	struct bh_port_info in;
	struct bh_port_status s;
	uint8_t b[64];
	uint32_t f;

	(void)cond;
	(void)id;
	bht_init("port_peer");
	BHT_EQ(bh_port_info(0, &in), 1);
	BHT_EQ(in.id, 4);
	BHT_EQ(in.vector, 12);
	BHT_EQ(bh_port_write(0, "x", 1), BH_EPERM); /* port_api's s_out */
	while (bh_vstate->window_seq < 30)
		bh_yield();
	/* port_api wrote 4 times in all: 2 (sampling), 1 (hostile), 1 (validity). */
	BHT_EQ(bh_port_status(4, &s), BH_OK);
	BHT_EQ(s.nb_messages, 1);
	BHT_EQ(bh_vstate->count[12], 4);
	BHT_EQ(bh_port_read(4, b, 64, &f), 2);
	BHT_CHECK(b[0] == 'o' && b[1] == 'k', "latest message");
	bht_finish(false);
	for (;;)
		bh_yield();
}
