/*
 * Boot-time check of the port and channel tables (see cfg_check.c): every
 * index in range, every port agreeing with its channel, every channel's
 * ends of the right kind and direction, buffers present and slots sized
 * for the message. What bhcfg guarantees, re-checked so that a corrupt
 * table stops the boot instead of steering a copy.
 */
#include <bh/config.h>
#include <bh/port.h>
#include <bh/printk.h>

static bool vector_ok(uint32_t v)
{
	return v == BH_PORT_NO_VECTOR ||
	       (v >= BH_VEC_PORT_BASE && v < BH_VEC_PORT_BASE + BH_NR_PORT_VECTORS);
}

static void check_port(uint32_t id)
{
	const struct bh_cfg_port *pt = &bh_cfg.ports[id];
	const struct bh_cfg_channel *ch;

	if (pt->partition >= bh_cfg.npartitions || pt->channel >= bh_cfg.nchannels ||
	    pt->kind > BH_PORT_QUEUING || pt->direction > BH_PORT_DESTINATION ||
	    !vector_ok(pt->vector) || !pt->name)
		panic("config: port %u is invalid", id);
	ch = &bh_cfg.channels[pt->channel];
	if (pt->kind != ch->kind || pt->max_size != ch->max_size || pt->depth != ch->depth)
		panic("config: port %u does not match its channel", id);
	if (pt->refresh && (pt->kind != BH_PORT_SAMPLING || pt->direction != BH_PORT_DESTINATION))
		panic("config: port %u has a refresh period", id);
}

static void check_end(uint32_t c, uint32_t id, uint32_t direction)
{
	if (id >= bh_cfg.nports || bh_cfg.ports[id].channel != c ||
	    bh_cfg.ports[id].direction != direction)
		panic("config: channel %u names a wrong port", c);
}

static void check_channel(uint32_t c)
{
	const struct bh_cfg_channel *ch = &bh_cfg.channels[c];

	if (!ch->max_size || ch->max_size > BH_PORT_MAX_MESSAGE || !ch->depth ||
	    (ch->kind == BH_PORT_SAMPLING && ch->depth != 1) ||
	    ch->slot != 4u + ((ch->max_size + 3u) & ~3u) || !ch->buf ||
	    ((uintptr_t)ch->buf & 3u) || !ch->dests || !ch->ndests ||
	    ch->ndests > BH_CFG_MAX_DESTS || (ch->kind == BH_PORT_QUEUING && ch->ndests != 1))
		panic("config: channel %u is invalid", c);
	if (ch->depth > UINT32_MAX / ch->slot)
		panic("config: channel %u is too large", c);
	check_end(c, ch->source, BH_PORT_SOURCE);
	for (uint32_t i = 0; i < ch->ndests; i++)
		check_end(c, ch->dests[i], BH_PORT_DESTINATION);
}

void cfg_check_ports(void)
{
	uint32_t next = 0;

	if (bh_cfg.nports > BH_CFG_MAX_PORTS || bh_cfg.nchannels > BH_CFG_MAX_CHANNELS ||
	    (bh_cfg.nports && !bh_cfg.ports) || (bh_cfg.nchannels && !bh_cfg.channels))
		panic("config: %u ports, %u channels", bh_cfg.nports, bh_cfg.nchannels);
	/* Each partition's ports are the next ones in the table, its own. */
	for (uint32_t i = 0; i < bh_cfg.npartitions; i++) {
		const struct bh_cfg_partition *p = &bh_cfg.partitions[i];
		if (p->nports && p->first_port != next)
			panic("config: partition %s ports out of order", p->name);
		next += p->nports;
		if (next > bh_cfg.nports)
			panic("config: partition %s has too many ports", p->name);
		for (uint32_t j = 0; j < p->nports; j++)
			if (bh_cfg.ports[p->first_port + j].partition != i)
				panic("config: partition %s has a port of another", p->name);
	}
	if (next != bh_cfg.nports)
		panic("config: ports without a partition");
	for (uint32_t id = 0; id < bh_cfg.nports; id++)
		check_port(id);
	for (uint32_t c = 0; c < bh_cfg.nchannels; c++)
		check_channel(c);
}
