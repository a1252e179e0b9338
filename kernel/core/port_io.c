/*
 * The message paths of the ports: write (sampling) or send (queuing), read
 * or receive, clear. Each checks everything first (the port, the length,
 * the whole guest range), then copies the message once, straight between
 * the guest's memory and the channel's buffer, then notifies.
 *
 * A message enters a channel only in port_msg_put() and leaves only in
 * port_msg_get(): the one place each to observe port traffic (tracing).
 *
 * Cost (docs/ports.md): one region walk, one copy of the message (len/4
 * word moves plus the 0-3 byte tail), and one virq_raise() per destination
 * that has a vector: bounded by BH_PORT_MAX_MESSAGE and the number of
 * destinations (at most BH_CFG_MAX_PARTITIONS), nothing else.
 */
#include <bh/lib.h>
#include <bh/partition.h>
#include <bh/port.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/uaccess.h>
#include <bh/virq.h>

static uint8_t *slot_of(const struct bh_cfg_channel *ch, uint32_t i)
{
	return ch->buf + i * ch->slot;
}

/* The only place a message enters a channel: p writes it at port id. */
static void port_msg_put(const struct partition *p, uint32_t id, uint8_t *slot, const void *src,
			 uint32_t len)
{
	*(uint32_t *)slot = len;
	memcpy(slot + sizeof(uint32_t), src, len);
	trace_port_msg(p, id, len);
}

/* The only place a message leaves a channel, to p at port id (the caller
 * checked len). */
static void port_msg_get(const struct partition *p, uint32_t id, void *dst, const uint8_t *slot,
			 uint32_t len)
{
	memcpy(dst, slot + sizeof(uint32_t), len);
	trace_port_recv(p, id, len);
}

static uint32_t slot_len(const uint8_t *slot)
{
	return *(const uint32_t *)slot;
}

/* Raise port `id`'s vector, if it has one, at its owner. */
static void notify(uint32_t id)
{
	const struct bh_cfg_port *pt = &bh_cfg.ports[id];

	if (pt->vector != BH_PORT_NO_VECTOR)
		virq_raise(&bh_partitions[pt->partition], pt->vector, 1);
}

static void notify_dests(const struct bh_cfg_channel *ch)
{
	for (uint32_t i = 0; i < ch->ndests; i++)
		notify(ch->dests[i]);
}

/* Messages are 1..max_size bytes. */
static int32_t check_len(const struct bh_cfg_port *pt, uint32_t len)
{
	if (!len)
		return BH_EINVAL;
	return len > pt->max_size ? BH_E2BIG : BH_OK;
}

static int32_t sampling_write(struct partition *p, uint32_t id, const struct bh_cfg_port *pt,
			      gva_t msg, uint32_t len)
{
	const struct bh_cfg_channel *ch = &bh_cfg.channels[pt->channel];
	const void *src = uaccess_ptr(p, msg, len, BH_PERM_R);

	if (!src)
		return BH_EFAULT;
	port_msg_put(p, id, ch->buf, src, len);
	port_chans[pt->channel].written = bh_sched.now;
	port_stats[id].sent++;
	notify_dests(ch);
	return BH_OK;
}

static int32_t queuing_send(struct partition *p, uint32_t id, const struct bh_cfg_port *pt,
			    gva_t msg, uint32_t len)
{
	const struct bh_cfg_channel *ch = &bh_cfg.channels[pt->channel];
	struct port_chan *c = &port_chans[pt->channel];
	const void *src = uaccess_ptr(p, msg, len, BH_PERM_R);
	uint32_t tail;

	if (!src)
		return BH_EFAULT;
	if (c->count == ch->depth) {
		c->space_wanted = true;
		port_stats[id].overflows++;
		return BH_EAGAIN;
	}
	tail = c->head + c->count;
	if (tail >= ch->depth)
		tail -= ch->depth;
	port_msg_put(p, id, slot_of(ch, tail), src, len);
	c->count++;
	port_stats[id].sent++;
	notify(ch->dests[0]);
	return BH_OK;
}

int32_t port_write(struct partition *p, uint32_t id, gva_t msg, uint32_t len)
{
	const struct bh_cfg_port *pt;
	int32_t err;

	if (id >= bh_cfg.nports)
		return BH_ENOENT;
	pt = &bh_cfg.ports[id];
	err = port_lookup(p, id, pt->kind, BH_PORT_SOURCE, &pt);
	if (!err)
		err = check_len(pt, len);
	if (err)
		return err;
	if (pt->kind == BH_PORT_SAMPLING)
		return sampling_write(p, id, pt, msg, len);
	return queuing_send(p, id, pt, msg, len);
}

/* Copy the message in slot to the guest's buffer: its length or an error. */
static int32_t copy_out(struct partition *p, uint32_t id, const uint8_t *slot, gva_t buf,
			uint32_t size)
{
	uint32_t len = slot_len(slot);
	void *dst;

	if (len > size)
		return BH_E2BIG;
	dst = uaccess_ptr(p, buf, len, BH_PERM_W);
	if (!dst)
		return BH_EFAULT;
	port_msg_get(p, id, dst, slot, len);
	return (int32_t)len;
}

static int32_t sampling_read(struct partition *p, uint32_t id, const struct bh_cfg_port *pt,
			     gva_t buf, uint32_t size, uint32_t *flags)
{
	const struct bh_cfg_channel *ch = &bh_cfg.channels[pt->channel];
	int32_t ret;

	if (!slot_len(ch->buf))
		return BH_EAGAIN; /* nothing written yet */
	ret = copy_out(p, id, ch->buf, buf, size);
	if (ret < 0)
		return ret;
	port_stats[id].received++;
	if (port_sampling_valid(pt, bh_sched.now)) {
		*flags = BH_PORT_READ_VALID;
	} else {
		*flags = 0;
		port_stats[id].invalid++;
	}
	return ret;
}

/* The FIFO lost its oldest message: tell a source that found it full. */
static void space_appeared(const struct bh_cfg_channel *ch, struct port_chan *c)
{
	if (!c->space_wanted)
		return;
	c->space_wanted = false;
	notify(ch->source);
}

static int32_t queuing_receive(struct partition *p, uint32_t id, const struct bh_cfg_port *pt,
			       gva_t buf, uint32_t size)
{
	const struct bh_cfg_channel *ch = &bh_cfg.channels[pt->channel];
	struct port_chan *c = &port_chans[pt->channel];
	int32_t ret;

	if (!c->count)
		return BH_EAGAIN;
	ret = copy_out(p, id, slot_of(ch, c->head), buf, size);
	if (ret < 0)
		return ret;
	if (++c->head == ch->depth)
		c->head = 0;
	c->count--;
	port_stats[id].received++;
	space_appeared(ch, c);
	return ret;
}

int32_t port_read(struct partition *p, uint32_t id, gva_t buf, uint32_t size, uint32_t *flags)
{
	const struct bh_cfg_port *pt;
	int32_t err;

	if (id >= bh_cfg.nports)
		return BH_ENOENT;
	pt = &bh_cfg.ports[id];
	err = port_lookup(p, id, pt->kind, BH_PORT_DESTINATION, &pt);
	if (err)
		return err;
	*flags = 0;
	if (pt->kind == BH_PORT_SAMPLING)
		return sampling_read(p, id, pt, buf, size, flags);
	return queuing_receive(p, id, pt, buf, size);
}

void port_fifo_discard(uint32_t chi, struct port_stats *dest)
{
	struct port_chan *c = &port_chans[chi];

	dest->discarded += c->count;
	c->count = 0;
	c->head = 0;
	space_appeared(&bh_cfg.channels[chi], c);
}

int32_t port_clear(struct partition *p, uint32_t id)
{
	const struct bh_cfg_port *pt;
	int32_t err = port_lookup(p, id, BH_PORT_QUEUING, BH_PORT_DESTINATION, &pt);

	if (err)
		return err;
	port_fifo_discard(pt->channel, &port_stats[id]);
	return BH_OK;
}
