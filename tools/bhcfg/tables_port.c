/*
 * `bhcfg tables`, ports and channels: the port table (numbered partition by
 * partition), each channel's destination list and message buffer, and the
 * channel table. Buffers are sized here, once: depth slots of a 4-byte
 * length and the maximum message rounded up to 4 bytes.
 */
#include "emit.h"
#include "port.h"

static const struct bhcfg_port *tables_port_of(const struct bhcfg_system *sys,
					       unsigned id)
{
	unsigned i;

	for (i = 0; i < sys->npartitions; i++) {
		const struct bhcfg_partition *p = &sys->partitions[i];

		if (p->nports && id >= p->ports[0].id && id - p->ports[0].id < p->nports)
			return &p->ports[id - p->ports[0].id];
	}
	return NULL; /* not reached for a validated model */
}

static void tables_port_list(FILE *out, const struct bhcfg_system *sys)
{
	unsigned i, j;

	fprintf(out, "static const struct bh_cfg_port bh_ports[%u] = {\n",
		sys->nports);
	for (i = 0; i < sys->npartitions; i++) {
		const struct bhcfg_partition *p = &sys->partitions[i];

		for (j = 0; j < p->nports; j++) {
			const struct bhcfg_port *pt = &p->ports[j];

			fprintf(out, "\t/* %u: %s.%s, line %u */\n", pt->id, p->name,
				pt->name, pt->line);
			fprintf(out,
				"\t{ .name = \"%s\", .partition = %uu, .channel = %uu,\n"
				"\t  .kind = %s, .direction = %s, .vector = %uu,\n"
				"\t  .max_size = %uu, .depth = %uu, .refresh = %uu },\n",
				pt->name, i, pt->channel,
				pt->kind ? "BH_PORT_QUEUING" : "BH_PORT_SAMPLING",
				pt->direction ? "BH_PORT_DESTINATION" : "BH_PORT_SOURCE",
				pt->vector, pt->max_size, pt->depth, pt->refresh);
		}
	}
	fprintf(out, "};\n\n");
}

static uint32_t tables_slot(uint32_t max_size)
{
	return 4u + ((max_size + 3u) & ~3u);
}

static void tables_channel_data(FILE *out, const struct bhcfg_system *sys,
				const struct bhcfg_channel *c)
{
	const struct bhcfg_port *src = tables_port_of(sys, c->source.id);
	unsigned i;

	fprintf(out, "static const uint16_t bh_dests_%s[%u] = {", c->name,
		c->ndests);
	for (i = 0; i < c->ndests; i++)
		fprintf(out, " %uu,", c->dests[i].id);
	fprintf(out, " };\n");
	fprintf(out,
		"static uint8_t bh_msgs_%s[%u] __attribute__((aligned(4)));\n",
		c->name, src->depth * tables_slot(src->max_size));
}

static void tables_channel(FILE *out, const struct bhcfg_system *sys,
			   const struct bhcfg_channel *c)
{
	const struct bhcfg_port *src = tables_port_of(sys, c->source.id);

	fprintf(out, "\t/* %s, line %u */\n", c->name, c->line);
	fprintf(out,
		"\t{ .kind = %s, .max_size = %uu, .depth = %uu, .source = %uu,\n"
		"\t  .dests = bh_dests_%s, .ndests = %uu, .slot = %uu, "
		".buf = bh_msgs_%s },\n",
		src->kind ? "BH_PORT_QUEUING" : "BH_PORT_SAMPLING", src->max_size,
		src->depth, c->source.id, c->name, c->ndests,
		tables_slot(src->max_size), c->name);
}

void tables_ports(FILE *out, const struct bhcfg_system *sys)
{
	unsigned i;

	if (!sys->nports)
		return;
	fprintf(out, "/* ---------------------------------------- ports */\n");
	tables_port_list(out, sys);
	for (i = 0; i < sys->nchannels; i++)
		tables_channel_data(out, sys, &sys->channels[i]);
	fprintf(out, "\nstatic const struct bh_cfg_channel bh_channels[%u] = {\n",
		sys->nchannels);
	for (i = 0; i < sys->nchannels; i++)
		tables_channel(out, sys, &sys->channels[i]);
	fprintf(out, "};\n\n");
}
