/*
 * ARINC 653 sampling and queuing ports (docs/ports.md). The configuration
 * (bh/config.h) fixes every port, channel and message buffer; this module
 * keeps the run-time state of each channel (the FIFO's head and count, the
 * sampling message's write time) and each port's counters, in static
 * arrays sized by BH_CFG_MAX_*: nothing is allocated.
 *
 * Every call copies a message exactly once, between the caller's memory
 * and the channel's buffer, after checking the whole guest range (the
 * kernel runs with interrupts off on one processor: nothing can change the
 * range between the check and the copy). Its cost is bounded by the
 * message length and the number of destinations (docs/ports.md states the
 * bound).
 */
#ifndef BH_PORT_H
#define BH_PORT_H

#include <bulkhead/abi.h>
#include <bh/config.h>
#include <bh/types.h>

struct partition;
struct arch_regs;

/* Per-port counters (reported by BH_HC_PORT_STATUS and the summary). */
struct port_stats {
	uint32_t sent;
	uint32_t received;
	uint32_t invalid;
	uint32_t overflows;
	uint32_t discarded;
};

/* Run-time state of one channel. */
struct port_chan {
	uint32_t head;	   /* queuing: slot of the oldest message */
	uint32_t count;	   /* queuing: messages in the FIFO */
	uint64_t written;  /* sampling: kernel tick of the last write */
	bool space_wanted; /* queuing: a send found the FIFO full since the
			      last receive: tell the source when space appears */
};

extern struct port_chan port_chans[BH_CFG_MAX_CHANNELS];

/* A sampling message written during tick k has age n during tick k + n;
 * it is valid while its age is at most the port's refresh period. */
static inline bool port_sampling_valid(const struct bh_cfg_port *pt, uint64_t now)
{
	return now - port_chans[pt->channel].written <= pt->refresh;
}
extern struct port_stats port_stats[BH_CFG_MAX_PORTS];

/*
 * The caller's port `id` (BH_ENOENT: no such port; BH_EPERM: another
 * partition's), checked to be of `kind` and `direction` (BH_EINVAL).
 */
int32_t port_lookup(const struct partition *p, uint32_t id, uint32_t kind, uint32_t direction,
		    const struct bh_cfg_port **out);

/* Boot-time check of the port and channel tables; panics on a bad one. */
void cfg_check_ports(void);

/* Boot: every channel empty, every counter zero. */
void port_init(void);
/* A (re)start of p: what it does to p's ports (docs/ports.md). */
void port_partition_start(struct partition *p, bool cold);

/* Hypercall back ends; 0, a length, or a BH_E* code. */
int32_t port_info(const struct partition *p, uint32_t index, struct bh_port_info *out);
int32_t port_write(struct partition *p, uint32_t id, gva_t msg, uint32_t len);
int32_t port_read(struct partition *p, uint32_t id, gva_t buf, uint32_t size, uint32_t *flags);
int32_t port_status(const struct partition *p, uint32_t id, struct bh_port_status *out);
int32_t port_clear(struct partition *p, uint32_t id);

/* Empty channel ch's FIFO, counting the messages on the destination's
 * stats; tells a source that waited for space. */
void port_fifo_discard(uint32_t ch, struct port_stats *dest);

/* Print one line per port (end-of-run summary). */
void port_summary(void);

#endif /* BH_PORT_H */
