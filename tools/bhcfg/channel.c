/*
 * Channels: the `channel` block, and the whole-file checks that join each
 * channel's source to its destinations. Every port must be in exactly one
 * channel; both ends must agree on kind, message size and depth; a queuing
 * channel has exactly one destination. Errors name the line of the end
 * that is wrong (for a missing end, the channel's line; for a port with no
 * peer, the port's line).
 */
#include <string.h>

#include "args.h"
#include "port.h"

void channel_open(struct parse_state *st, char *const *arg, unsigned nargs)
{
	struct bhcfg_system *sys = st->sys;
	struct bhcfg_channel *c = &st->chan_scratch;
	bool ok = args_name(st, arg[0], "channel", c->name);
	unsigned i;

	(void)nargs;
	for (i = 0; ok && i < sys->nchannels; i++) {
		if (strcmp(sys->channels[i].name, arg[0]) == 0) {
			parse_error(st, "duplicate channel name '%s' (line %u)",
				    arg[0], sys->channels[i].line);
			ok = false;
		}
	}
	if (ok && sys->nchannels == BH_CFG_MAX_CHANNELS) {
		parse_error(st, "more than %u channels (BH_CFG_MAX_CHANNELS)",
			    BH_CFG_MAX_CHANNELS);
		ok = false;
	}
	if (ok)
		c = &sys->channels[sys->nchannels++];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", ok ? arg[0] : "");
	c->line = st->ln->line;
	st->chan = c;
	st->block = PARSE_CHANNEL;
	st->block_line = st->ln->line;
}

/* `<partition>.<port>` into e. */
static bool channel_end(struct parse_state *st, const char *tok,
			struct bhcfg_channel_end *e)
{
	const char *dot = strchr(tok, '.');
	char part[BHCFG_NAME_MAX + 2u];
	size_t n = dot ? (size_t)(dot - tok) : 0;

	memset(e, 0, sizeof(*e));
	e->line = st->ln->line;
	if (!dot || n >= sizeof(part)) {
		parse_error(st, "bad channel end '%s' (<partition>.<port>)", tok);
		return false;
	}
	memcpy(part, tok, n);
	part[n] = '\0';
	return args_name(st, part, "partition", e->partition) &&
	       args_name(st, dot + 1, "port", e->port);
}

static void channel_source(struct parse_state *st, char *const *arg,
			   unsigned nargs)
{
	struct bhcfg_channel *c = st->chan;

	(void)nargs;
	if (c->has_source) {
		parse_error(st, "channel '%s' has a second source (first at line %u)",
			    c->name, c->source.line);
		return;
	}
	if (channel_end(st, arg[0], &c->source))
		c->has_source = true;
}

static void channel_dest(struct parse_state *st, char *const *arg,
			 unsigned nargs)
{
	struct bhcfg_channel *c = st->chan;
	struct bhcfg_channel_end e;

	(void)nargs;
	if (!channel_end(st, arg[0], &e))
		return;
	if (c->ndests == BH_CFG_MAX_DESTS) {
		parse_error(st,
			    "more than %u destinations in channel '%s' "
			    "(BH_CFG_MAX_DESTS: the cost of a write)",
			    BH_CFG_MAX_DESTS, c->name);
		return;
	}
	c->dests[c->ndests++] = e;
}

const struct parse_stmt channel_stmts[] = {
	{ "source", 1, 1, "source <partition>.<port>", channel_source },
	{ "destination", 1, 1, "destination <partition>.<port>", channel_dest },
	{ "end", 0, 0, "end", parse_end },
};

const unsigned channel_nstmts = sizeof(channel_stmts) / sizeof(channel_stmts[0]);

/* ------------------------------------------------------ whole-file checks */

static struct bhcfg_port *channel_find(struct bhcfg_system *sys,
				       const struct bhcfg_channel_end *e,
				       struct bhcfg_diag *d)
{
	unsigned i, j;

	for (i = 0; i < sys->npartitions; i++) {
		struct bhcfg_partition *p = &sys->partitions[i];

		if (strcmp(p->name, e->partition) != 0)
			continue;
		for (j = 0; j < p->nports; j++)
			if (strcmp(p->ports[j].name, e->port) == 0)
				return &p->ports[j];
		bhcfg_diag_error(d, e->line, "partition '%s' has no port '%s'",
				 e->partition, e->port);
		return NULL;
	}
	bhcfg_diag_error(d, e->line, "unknown partition '%s' in channel",
			 e->partition);
	return NULL;
}

/* Resolve end e of channel c as a port of `direction`. */
static struct bhcfg_port *channel_connect(struct bhcfg_system *sys, unsigned c,
					  struct bhcfg_channel_end *e,
					  unsigned direction,
					  struct bhcfg_diag *d)
{
	struct bhcfg_port *pt = channel_find(sys, e, d);

	if (!pt)
		return NULL;
	if (pt->direction != direction) {
		bhcfg_diag_error(d, e->line,
				 "%s.%s is a %s port: it cannot be a channel's %s",
				 e->partition, e->port, port_dir_name(pt->direction),
				 port_dir_name(direction));
		return NULL;
	}
	if (pt->connected) {
		bhcfg_diag_error(d, e->line,
				 "port %s.%s is already connected by channel "
				 "'%s' (line %u)",
				 e->partition, e->port, sys->channels[pt->channel].name,
				 sys->channels[pt->channel].line);
		return NULL;
	}
	pt->connected = true;
	pt->channel = c;
	e->id = pt->id;
	e->resolved = true;
	return pt;
}

/* A destination must agree with the source in kind, size and depth. */
static void channel_match(const struct bhcfg_port *src,
			  const struct bhcfg_port *dst,
			  const struct bhcfg_channel_end *e,
			  struct bhcfg_diag *d)
{
	if (src->kind != dst->kind)
		bhcfg_diag_error(d, e->line,
				 "%s port %s.%s in a channel whose source is %s",
				 port_kind_name(dst->kind), e->partition, e->port,
				 port_kind_name(src->kind));
	else if (src->max_size != dst->max_size)
		bhcfg_diag_error(d, e->line,
				 "message size %u of %s.%s differs from the "
				 "source's %u (line %u)",
				 dst->max_size, e->partition, e->port,
				 src->max_size, src->line);
	else if (src->depth != dst->depth)
		bhcfg_diag_error(d, e->line,
				 "queue depth %u of %s.%s differs from the "
				 "source's %u (line %u)",
				 dst->depth, e->partition, e->port, src->depth,
				 src->line);
}

static void channel_check(struct bhcfg_system *sys, unsigned c,
			  struct bhcfg_diag *d)
{
	struct bhcfg_channel *ch = &sys->channels[c];
	const struct bhcfg_port *src = NULL;
	unsigned i;

	if (!ch->has_source)
		bhcfg_diag_error(d, ch->line, "channel '%s' has no source",
				 ch->name);
	else
		src = channel_connect(sys, c, &ch->source, BH_PORT_SOURCE, d);
	if (!ch->ndests)
		bhcfg_diag_error(d, ch->line, "channel '%s' has no destination",
				 ch->name);
	for (i = 0; i < ch->ndests; i++) {
		struct bhcfg_channel_end *e = &ch->dests[i];
		const struct bhcfg_port *dst;

		if (i > 0 && src && src->kind == BH_PORT_QUEUING) {
			bhcfg_diag_error(d, e->line,
					 "queuing channel '%s' has a second "
					 "destination (first at line %u): one "
					 "source, one destination",
					 ch->name, ch->dests[0].line);
			continue;
		}
		dst = channel_connect(sys, c, e, BH_PORT_DESTINATION, d);
		if (src && dst)
			channel_match(src, dst, e, d);
	}
}

/* System-wide ids, partition by partition; refresh periods in ticks. */
static void port_number(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	unsigned i, j, id = 0;

	for (i = 0; i < sys->npartitions; i++) {
		for (j = 0; j < sys->partitions[i].nports; j++) {
			struct bhcfg_port *pt = &sys->partitions[i].ports[j];

			if (id == BH_CFG_MAX_PORTS)
				bhcfg_diag_error(d, pt->line,
						 "more than %u ports in the "
						 "system (BH_CFG_MAX_PORTS)",
						 BH_CFG_MAX_PORTS);
			pt->id = id++;
			if (pt->refresh_us % sys->tick_us)
				bhcfg_diag_error(d, pt->line,
						 "refresh period %lluus is not a "
						 "multiple of the tick (%lluus)",
						 (unsigned long long)pt->refresh_us,
						 (unsigned long long)sys->tick_us);
			else if (pt->refresh_us / sys->tick_us > UINT32_MAX)
				bhcfg_diag_error(d, pt->line,
						 "refresh period is too long");
			else
				pt->refresh = (uint32_t)(pt->refresh_us /
							 sys->tick_us);
		}
	}
	sys->nports = id;
}

void port_validate(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	unsigned i, j;

	port_number(sys, d);
	for (i = 0; i < sys->nchannels; i++)
		channel_check(sys, i, d);
	for (i = 0; i < sys->npartitions; i++) {
		const struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nports; j++)
			if (!p->ports[j].connected)
				bhcfg_diag_error(d, p->ports[j].line,
						 "port '%s' of partition '%s' has "
						 "no peer: no channel connects it",
						 p->ports[j].name, p->name);
	}
}
