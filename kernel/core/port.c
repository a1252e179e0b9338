/*
 * Ports: run-time state, lookup, information and status, what a restart
 * does, and the summary. The message paths are in port_io.c.
 *
 * Restart rules (docs/ports.md): a cold (re)start of P empties the FIFOs of
 * P's queuing destination ports (the messages were P's own; they are
 * counted as discarded) and forgets that P's queuing sources were waiting
 * for space. Nothing else changes: a sampling message P wrote stays
 * readable by its destinations and ages normally, messages P sent sit in
 * their destinations' FIFOs, and P's sampling destinations still show the
 * latest message of their source. A warm restart keeps every message.
 */
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/port.h>
#include <bh/printk.h>
#include <bh/sched.h>
#include <bh/virq.h>

struct port_chan port_chans[BH_CFG_MAX_CHANNELS];
struct port_stats port_stats[BH_CFG_MAX_PORTS];

void port_init(void)
{
	memset(port_chans, 0, sizeof(port_chans));
	memset(port_stats, 0, sizeof(port_stats));
}

int32_t port_lookup(const struct partition *p, uint32_t id, uint32_t kind, uint32_t direction,
		    const struct bh_cfg_port **out)
{
	const struct bh_cfg_port *pt;

	if (id >= bh_cfg.nports)
		return BH_ENOENT;
	pt = &bh_cfg.ports[id];
	if (pt->partition != p->id)
		return BH_EPERM;
	if (pt->kind != kind || pt->direction != direction)
		return BH_EINVAL;
	*out = pt;
	return BH_OK;
}

int32_t port_info(const struct partition *p, uint32_t index, struct bh_port_info *out)
{
	const struct bh_cfg_port *pt;

	if (index >= p->cfg->nports)
		return BH_ENOENT;
	pt = &bh_cfg.ports[p->cfg->first_port + index];
	out->id = p->cfg->first_port + index;
	out->kind = pt->kind;
	out->direction = pt->direction;
	out->max_size = pt->max_size;
	out->depth = pt->depth;
	out->vector = pt->vector;
	/* As configured (ticks of the configured tick), so that an application
	 * can compare it with the period it was written with. */
	out->refresh_ns = (uint64_t)pt->refresh * bh_cfg.tick_us * 1000u;
	for (uint32_t i = 0; i + 1 < BH_NAME_MAX && pt->name[i]; i++)
		out->name[i] = pt->name[i];
	/* The count lets a guest list its ports without meeting an error. */
	return (int32_t)p->cfg->nports;
}

int32_t port_status(const struct partition *p, uint32_t id, struct bh_port_status *out)
{
	const struct bh_cfg_port *pt;
	const struct bh_cfg_channel *ch;
	const struct port_chan *c;
	const struct port_stats *s;

	if (id >= bh_cfg.nports)
		return BH_ENOENT;
	pt = &bh_cfg.ports[id];
	if (pt->partition != p->id)
		return BH_EPERM;
	ch = &bh_cfg.channels[pt->channel];
	c = &port_chans[pt->channel];
	s = &port_stats[id];
	out->id = id;
	if (pt->kind == BH_PORT_QUEUING) {
		out->nb_messages = c->count;
	} else {
		out->length = *(const uint32_t *)ch->buf;
		out->nb_messages = out->length ? 1u : 0u;
		out->valid = out->length && port_sampling_valid(pt, bh_sched.now);
		out->written_ns = out->length ? time_ticks_to_ns(c->written) : 0;
	}
	out->sent = s->sent;
	out->received = s->received;
	out->invalid = s->invalid;
	out->overflows = s->overflows;
	out->discarded = s->discarded;
	return BH_OK;
}

void port_partition_start(struct partition *p, bool cold)
{
	for (uint32_t i = 0; i < p->cfg->nports; i++) {
		uint32_t id = p->cfg->first_port + i;
		const struct bh_cfg_port *pt = &bh_cfg.ports[id];
		struct port_chan *c = &port_chans[pt->channel];

		if (pt->kind != BH_PORT_QUEUING)
			continue;
		if (pt->direction == BH_PORT_SOURCE)
			c->space_wanted = false; /* whoever waited is gone */
		else if (cold && c->count)
			port_fifo_discard(pt->channel, &port_stats[id]);
	}
}

static const char *const kind_names[] = { "sampling", "queuing" };
static const char *const dir_names[] = { "source", "destination" };

void port_summary(void)
{
	for (uint32_t id = 0; id < bh_cfg.nports; id++) {
		const struct bh_cfg_port *pt = &bh_cfg.ports[id];
		const struct port_stats *s = &port_stats[id];

		kprintf("[bh] port %s.%s: %s %s sent=%u received=%u invalid=%u overflows=%u\n",
			bh_cfg.partitions[pt->partition].name, pt->name, kind_names[pt->kind & 1u],
			dir_names[pt->direction & 1u], s->sent, s->received, s->invalid,
			s->overflows);
	}
}
