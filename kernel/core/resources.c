/* The kernel's own resources (see bh/resources.h); also built into bhcfg. */
#include <bh/resources.h>

#define RES_PORTS_(first, last, what) { first, last, what },
static const struct bh_res_ports res_ports[] = { BH_RES_PORTS(RES_PORTS_) };

#define RES_LINE_(line, what) [line] = what,
static const char *const res_lines[16] = { BH_RES_LINES(RES_LINE_) };

const struct bh_res_ports *bh_res_port_conflict(uint32_t first, uint32_t last)
{
	for (uint32_t i = 0; i < sizeof(res_ports) / sizeof(res_ports[0]); i++)
		if (first <= res_ports[i].last && res_ports[i].first <= last)
			return &res_ports[i];
	return 0;
}

const char *bh_res_line(uint32_t line)
{
	return line < 16 ? res_lines[line] : 0;
}

uint32_t bh_res_lines_mask(void)
{
	uint32_t m = 0;

	for (uint32_t l = 0; l < 16; l++)
		if (res_lines[l])
			m |= 1u << l;
	return m;
}

bool bh_res_phys_ok(uint32_t pa, uint32_t size)
{
	return pa >= BH_RES_PHYS_BASE && pa < BH_RES_PHYS_LIMIT &&
	       size <= BH_RES_PHYS_LIMIT - pa;
}
