/* Hypercalls of the ARINC 653 ports; the logic is in port.c and port_io.c. */
#include <bh/hypercall.h>
#include <bh/partition.h>
#include <bh/port.h>

ARCH_FASTCALL int32_t hc_port_info(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	return port_info(p, arch_regs_arg(r, 0), c->out);
}

/* The buffer is checked and copied by port_write itself: once, straight
 * into the channel, never through the dispatcher's bounce buffer. */
ARCH_FASTCALL int32_t hc_port_write(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return port_write(p, arch_regs_arg(r, 0), gva(arch_regs_arg(r, 1)), arch_regs_arg(r, 2));
}

ARCH_FASTCALL int32_t hc_port_read(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	uint32_t flags = 0;
	int32_t ret;

	(void)c;
	ret = port_read(p, arch_regs_arg(r, 0), gva(arch_regs_arg(r, 1)), arch_regs_arg(r, 2),
			&flags);
	if (ret >= 0)
		arch_regs_set_ret2(r, flags);
	return ret;
}

ARCH_FASTCALL int32_t hc_port_status(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	return port_status(p, arch_regs_arg(r, 0), c->out);
}

ARCH_FASTCALL int32_t hc_port_clear(struct partition *p, struct arch_regs *r, struct hc_call *c)
{
	(void)c;
	return port_clear(p, arch_regs_arg(r, 0));
}
