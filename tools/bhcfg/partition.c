/*
 * Statements of a partition block. Ownership of I/O ports and interrupt
 * lines is checked here, as each line is read, against every partition
 * seen so far: the later of two conflicting lines is the one reported.
 */
#include <string.h>

#include "args.h"
#include "hm.h"
#include "partition.h"
#include "port.h"
#include "bh/resources.h"

void partition_init(struct bhcfg_partition *p, const char *name,
		    const struct lex_line *ln)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->line = ln->line;
	memcpy(p->text, ln->text, sizeof(p->text));
	hm_defaults(p);
}

static void partition_image(struct parse_state *st, char *const *arg,
			    unsigned nargs)
{
	struct bhcfg_partition *p = st->part;

	(void)nargs;
	if (!parse_once(st, &p->image_line, "image"))
		return;
	if (strlen(arg[0]) >= sizeof(p->image)) {
		parse_error(st, "image path is too long");
		return;
	}
	memcpy(p->image, arg[0], strlen(arg[0]) + 1);
}

/* Appends a checked region, if the table has room. */
static void partition_add_region(struct parse_state *st,
				 const struct bhcfg_region *r)
{
	struct bhcfg_partition *p = st->part;

	if (p->nregions == BH_CFG_MAX_REGIONS) {
		parse_error(st,
			    "more than %u regions in partition '%s' "
			    "(BH_CFG_MAX_REGIONS)",
			    BH_CFG_MAX_REGIONS, p->name);
		return;
	}
	p->regions[p->nregions++] = *r;
}

static void partition_memory(struct parse_state *st, char *const *arg,
			     unsigned nargs)
{
	struct bhcfg_region r;

	memset(&r, 0, sizeof(r));
	r.kind = BHCFG_REGION_MEMORY;
	r.line = st->ln->line;
	if (nargs == 4) {
		parse_error(st, "missing argument (usage: memory <vaddr> <size> "
				"<perms> [at <paddr>])");
		return;
	}
	if (!args_vaddr(st, arg[0], &r.vaddr) || !args_size(st, arg[1], &r.size) ||
	    !args_vrange(st, r.vaddr, r.size) || !args_perms(st, arg[2], &r.perms))
		return;
	if (nargs == 5) {
		if (!args_at(st, arg + 3, r.size, &r.paddr))
			return;
		r.paddr_given = true;
	}
	partition_add_region(st, &r);
}

static void partition_map(struct parse_state *st, char *const *arg,
			  unsigned nargs)
{
	struct bhcfg_region r;

	(void)nargs;
	memset(&r, 0, sizeof(r));
	r.kind = BHCFG_REGION_MAP;
	r.line = st->ln->line;
	if (!args_name(st, arg[0], "shared object", r.shared_name) ||
	    !args_vaddr(st, arg[1], &r.vaddr) || !args_perms(st, arg[2], &r.perms))
		return;
	partition_add_region(st, &r);
}

/* The kernel's own ports (bh/resources.h, shared with its boot check). */
static bool partition_port_kernel(struct parse_state *st, uint32_t first,
				  uint32_t last)
{
	const struct bh_res_ports *k = bh_res_port_conflict(first, last);

	if (!k)
		return false;
	parse_error(st,
		    "I/O ports 0x%x-0x%x include ports the kernel keeps: "
		    "%s at 0x%x-0x%x",
		    first, last, k->what, k->first, k->last);
	return true;
}

static bool partition_port_owned(struct parse_state *st,
				 const struct bhcfg_partition *p,
				 uint32_t first, uint32_t last)
{
	unsigned i;

	for (i = 0; i < p->nioports; i++) {
		const struct bhcfg_ioport *io = &p->ioports[i];

		if (first <= io->base + io->count - 1u && io->base <= last) {
			parse_error(st,
				    "I/O ports 0x%x-0x%x overlap the range at "
				    "line %u (partition %s)",
				    first, last, io->line, p->name);
			return true;
		}
	}
	return false;
}

/* Every partition seen so far, including a rejected one being parsed. */
static bool partition_port_taken(struct parse_state *st, uint32_t first,
				 uint32_t last)
{
	unsigned i;

	for (i = 0; i < st->sys->npartitions; i++) {
		if (partition_port_owned(st, &st->sys->partitions[i], first,
					 last))
			return true;
	}
	return st->part == &st->scratch &&
	       partition_port_owned(st, st->part, first, last);
}

static void partition_ioport(struct parse_state *st, char *const *arg,
			     unsigned nargs)
{
	struct bhcfg_partition *p = st->part;
	uint32_t base;
	uint32_t count = 1;

	if (!args_u32(st, arg[0], "I/O port", &base) ||
	    (nargs == 2 && !args_u32(st, arg[1], "I/O port count", &count)))
		return;
	if (count == 0) {
		parse_error(st, "I/O port count must not be zero");
		return;
	}
	if ((uint64_t)base + count - 1u > 0xFFFFu) {
		parse_error(st, "I/O port range 0x%x+%u reaches past 0xffff",
			    base, count);
		return;
	}
	if (partition_port_kernel(st, base, base + count - 1u) ||
	    partition_port_taken(st, base, base + count - 1u))
		return;
	if (p->nioports == BH_CFG_MAX_IOPORTS) {
		parse_error(st,
			    "more than %u I/O port ranges in partition '%s' "
			    "(BH_CFG_MAX_IOPORTS)",
			    BH_CFG_MAX_IOPORTS, p->name);
		return;
	}
	p->ioports[p->nioports].base = base;
	p->ioports[p->nioports].count = count;
	p->ioports[p->nioports].line = st->ln->line;
	p->nioports++;
}

static const struct bhcfg_partition *partition_irq_owner(struct parse_state *st,
							 uint32_t line)
{
	unsigned i;

	for (i = 0; i < st->sys->npartitions; i++) {
		if (st->sys->partitions[i].irq_lines & (1u << line))
			return &st->sys->partitions[i];
	}
	if (st->part == &st->scratch && (st->part->irq_lines & (1u << line)))
		return st->part;
	return NULL;
}

static void partition_irq(struct parse_state *st, char *const *arg,
			  unsigned nargs)
{
	const struct bhcfg_partition *owner;
	const char *kernel;
	uint32_t line;

	(void)nargs;
	if (!args_u32(st, arg[0], "irq line", &line))
		return;
	if (line >= BH_NR_IRQ_LINES) {
		parse_error(st, "irq line %u is above 15", line);
		return;
	}
	kernel = bh_res_line(line);
	if (kernel) {
		parse_error(st, "irq line %u is reserved for the kernel (%s)",
			    line, kernel);
		return;
	}
	owner = partition_irq_owner(st, line);
	if (owner) {
		parse_error(st,
			    "irq line %u is already bound at line %u "
			    "(partition %s)",
			    line, owner->irq_line[line], owner->name);
		return;
	}
	st->part->irq_lines |= 1u << line;
	st->part->irq_line[line] = st->ln->line;
}

static void partition_tick(struct parse_state *st, char *const *arg,
			   unsigned nargs)
{
	uint32_t hz;

	(void)nargs;
	if (parse_once(st, &st->part->tick_line, "tick") &&
	    args_rate(st, arg[0], &hz))
		st->part->tick_hz = hz;
}

static void partition_privileged(struct parse_state *st, char *const *arg,
				 unsigned nargs)
{
	(void)arg;
	(void)nargs;
	if (parse_once(st, &st->part->privileged_line, "privileged"))
		st->part->privileged = true;
}

const struct parse_stmt partition_stmts[] = {
	{ "image", 1, 1, "image <path>", partition_image },
	{ "memory", 3, 5, "memory <vaddr> <size> <perms> [at <paddr>]",
	  partition_memory },
	{ "map", 3, 3, "map <shared-name> <vaddr> <perms>", partition_map },
	{ "ioport", 1, 2, "ioport <port> [<count>]", partition_ioport },
	{ "irq", 1, 1, "irq <line>", partition_irq },
	{ "tick", 1, 1, "tick <rate>", partition_tick },
	{ "privileged", 0, 0, "privileged", partition_privileged },
	{ "hm", 2, 4, "hm <event> <action> [limit <n>]", hm_statement },
	{ "port", 5, 11,
	  "port <name> sampling|queuing source|destination size <bytes> "
	  "[refresh <duration>] [depth <n>] [vector <v>]",
	  port_statement },
	{ "end", 0, 0, "end", parse_end },
};

const unsigned partition_nstmts =
	sizeof(partition_stmts) / sizeof(partition_stmts[0]);
