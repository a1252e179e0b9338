/*
 * `bhcfg dump`: the model written back as a config file, with every default
 * spelled out, every physical address given with `at`, sizes and addresses
 * in hex and durations in microseconds. Parsing the dump gives the same
 * model, so dumping it again gives the same text.
 */
#include "emit.h"
#include "port.h"

const char *bhcfg_perms_name(unsigned perms)
{
	switch (perms) {
	case BH_PERM_R:
		return "r";
	case BH_PERM_R | BH_PERM_W:
		return "rw";
	case BH_PERM_R | BH_PERM_X:
		return "rx";
	case BH_PERM_R | BH_PERM_W | BH_PERM_X:
		return "rwx";
	default:
		return NULL;
	}
}

static void dump_region(FILE *out, const struct bhcfg_region *r)
{
	if (r->kind == BHCFG_REGION_MAP)
		fprintf(out, "    map %s 0x%x %s\n", r->shared_name, r->vaddr,
			bhcfg_perms_name(r->perms));
	else
		fprintf(out, "    memory 0x%x 0x%x %s at 0x%x\n", r->vaddr,
			r->size, bhcfg_perms_name(r->perms), r->paddr);
}

static void dump_hm(FILE *out, const struct bhcfg_partition *p)
{
	unsigned e;

	for (e = BH_HM_NONE + 1u; e < BH_HM_EVENT_COUNT; e++) {
		fprintf(out, "    hm %s %s", bhcfg_hm_event_name(e),
			bhcfg_hm_action_name(p->hm_action[e]));
		if (e == BH_HM_BAD_HYPERCALL && p->bad_hypercall_limit)
			fprintf(out, " limit %u", p->bad_hypercall_limit);
		fprintf(out, "\n");
	}
}

static void dump_port(FILE *out, const struct bhcfg_port *pt)
{
	fprintf(out, "    port %s %s %s size %u", pt->name, port_kind_name(pt->kind),
		port_dir_name(pt->direction), pt->max_size);
	if (pt->refresh_us)
		fprintf(out, " refresh %lluus", (unsigned long long)pt->refresh_us);
	if (pt->kind == BH_PORT_QUEUING)
		fprintf(out, " depth %u", pt->depth);
	if (pt->vector)
		fprintf(out, " vector %u", pt->vector);
	fprintf(out, "\n");
}

/* Only when on: a dump of `trace off` reads as a config without one. */
static void dump_trace(FILE *out, const struct bhcfg_trace *t)
{
	const char *sep = " events ";

	if (!t->on)
		return;
	fprintf(out, "\ntrace on size 0x%x", t->size);
	for (unsigned b = 0; b < 8; b++) {
		if (t->classes & (1u << b)) {
			fprintf(out, "%s%s", sep, bhcfg_trace_class_name(b));
			sep = ",";
		}
	}
	fprintf(out, "\n");
}

static void dump_partition(FILE *out, const struct bhcfg_partition *p)
{
	unsigned i;

	fprintf(out, "\npartition %s\n", p->name);
	fprintf(out, "    image %s\n", p->image);
	for (i = 0; i < p->nregions; i++)
		dump_region(out, &p->regions[i]);
	for (i = 0; i < p->nioports; i++)
		fprintf(out, "    ioport 0x%x %u\n", p->ioports[i].base,
			p->ioports[i].count);
	for (i = 0; i < BH_NR_IRQ_LINES; i++) {
		if (p->irq_lines & (1u << i))
			fprintf(out, "    irq %u\n", i);
	}
	if (p->tick_hz)
		fprintf(out, "    tick %uHz\n", p->tick_hz);
	if (p->privileged)
		fprintf(out, "    privileged\n");
	dump_hm(out, p);
	for (i = 0; i < p->nports; i++)
		dump_port(out, &p->ports[i]);
	fprintf(out, "end\n");
}

static void dump_channel(FILE *out, const struct bhcfg_channel *c)
{
	unsigned i;

	fprintf(out, "\nchannel %s\n", c->name);
	fprintf(out, "    source %s.%s\n", c->source.partition, c->source.port);
	for (i = 0; i < c->ndests; i++)
		fprintf(out, "    destination %s.%s\n", c->dests[i].partition,
			c->dests[i].port);
	fprintf(out, "end\n");
}

int bhcfg_emit_dump(const struct bhcfg_system *sys, FILE *out)
{
	unsigned i;

	fprintf(out, "# Canonical form written by bhcfg dump.\n");
	fprintf(out, "system %s\n", sys->name);
	fprintf(out, "tick %lluus\n", (unsigned long long)sys->tick_us);
	fprintf(out, "major_frame %lluus\n",
		(unsigned long long)sys->major_frame_us);
	if (sys->nshared)
		fprintf(out, "\n");
	for (i = 0; i < sys->nshared; i++)
		fprintf(out, "shared %s 0x%x at 0x%x\n", sys->shared[i].name,
			sys->shared[i].size, sys->shared[i].paddr);
	for (i = 0; i < sys->npartitions; i++)
		dump_partition(out, &sys->partitions[i]);
	for (i = 0; i < sys->nchannels; i++)
		dump_channel(out, &sys->channels[i]);
	dump_trace(out, &sys->trace);
	fprintf(out, "\nschedule\n");
	for (i = 0; i < sys->nwindows; i++)
		fprintf(out, "    window %s %lluus %lluus\n",
			sys->windows[i].partition_name,
			(unsigned long long)sys->windows[i].start_us,
			(unsigned long long)sys->windows[i].duration_us);
	fprintf(out, "end\n");
	return emit_status(out);
}
