/*
 * pm_src (tests/qemu/port_multi): at the start of each window, one
 * sampling write of the window number and two queuing sends (2n, 2n+1).
 */
#include <bhtest.h>

#define WINDOWS 20u

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("pm_src");
	for (uint32_t n = 1;; n++) {
		uint32_t m[2] = { n, 0 };
		BHT_EQ(bh_port_write(0, m, sizeof(m)), BH_OK);
		m[0] = 2 * n;
		BHT_EQ(bh_port_write(1, m, sizeof(m)), BH_OK);
		m[0] = 2 * n + 1;
		BHT_EQ(bh_port_write(1, m, sizeof(m)), BH_OK);
		if (n == WINDOWS)
			bht_finish(false);
		bht_wait_next_window();
	}
}
