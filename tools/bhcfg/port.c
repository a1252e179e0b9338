/*
 * The `port` statement: a port's name, kind, direction and attributes, each
 * checked on its own line. Whether the port has a peer, and whether its
 * channel agrees with it, is checked once the whole file is read
 * (channel.c).
 */
#include <string.h>

#include "args.h"
#include "port.h"

const char *port_kind_name(unsigned kind)
{
	return kind == BH_PORT_QUEUING ? "queuing" : "sampling";
}

const char *port_dir_name(unsigned direction)
{
	return direction == BH_PORT_DESTINATION ? "destination" : "source";
}

static bool port_word(struct parse_state *st, const char *tok, const char *a,
		      const char *b, const char *what, unsigned *out)
{
	if (strcmp(tok, a) == 0) {
		*out = 0;
		return true;
	}
	if (strcmp(tok, b) == 0) {
		*out = 1;
		return true;
	}
	parse_error(st, "bad port %s '%s' (%s or %s)", what, tok, a, b);
	return false;
}

/* Attributes given as `key value` pairs, each at most once. */
struct port_attrs {
	bool size, refresh, depth, vector;
};

static bool port_size(struct parse_state *st, const char *tok, uint32_t *out)
{
	if (!args_u32(st, tok, "message size", out))
		return false;
	if (*out == 0 || *out > BH_PORT_MAX_MESSAGE) {
		parse_error(st,
			    "message size %u is out of range (1..%u bytes, "
			    "BH_PORT_MAX_MESSAGE)",
			    *out, BH_PORT_MAX_MESSAGE);
		return false;
	}
	return true;
}

static bool port_depth(struct parse_state *st, const char *tok, uint32_t *out)
{
	if (!args_u32(st, tok, "queue depth", out))
		return false;
	if (*out == 0 || *out > BHCFG_MAX_DEPTH) {
		parse_error(st, "queue depth %u is out of range (1..%u)", *out,
			    BHCFG_MAX_DEPTH);
		return false;
	}
	return true;
}

static bool port_vector(struct parse_state *st, const char *tok, unsigned *out)
{
	uint32_t v;

	if (!args_u32(st, tok, "vector", &v))
		return false;
	if (v < BH_VEC_PORT_BASE || v >= BH_VEC_PORT_BASE + BH_NR_PORT_VECTORS) {
		parse_error(st, "port vector %u is outside %u..%u", v,
			    BH_VEC_PORT_BASE,
			    BH_VEC_PORT_BASE + BH_NR_PORT_VECTORS - 1u);
		return false;
	}
	*out = v;
	return true;
}

static bool port_attr(struct parse_state *st, struct bhcfg_port *pt,
		      struct port_attrs *seen, const char *key, const char *val)
{
	bool *flag = strcmp(key, "size") == 0	   ? &seen->size
		     : strcmp(key, "refresh") == 0 ? &seen->refresh
		     : strcmp(key, "depth") == 0   ? &seen->depth
		     : strcmp(key, "vector") == 0  ? &seen->vector
						   : NULL;

	if (!flag) {
		parse_error(st,
			    "unknown port attribute '%s' (size, refresh, "
			    "depth or vector)",
			    key);
		return false;
	}
	if (*flag) {
		parse_error(st, "port attribute '%s' given twice", key);
		return false;
	}
	*flag = true;
	if (flag == &seen->size)
		return port_size(st, val, &pt->max_size);
	if (flag == &seen->depth)
		return port_depth(st, val, &pt->depth);
	if (flag == &seen->vector)
		return port_vector(st, val, &pt->vector);
	if (!args_duration(st, val, "refresh period", &pt->refresh_us))
		return false;
	if (!pt->refresh_us) {
		parse_error(st, "refresh period must not be zero");
		return false;
	}
	return true;
}

/* Which attributes each kind and direction takes. */
static bool port_attrs_fit(struct parse_state *st, struct bhcfg_port *pt,
			   const struct port_attrs *a)
{
	bool sampling = pt->kind == BH_PORT_SAMPLING;
	bool dest = pt->direction == BH_PORT_DESTINATION;

	if (!a->size)
		parse_error(st, "port '%s' has no 'size <bytes>'", pt->name);
	else if (sampling && a->depth)
		parse_error(st, "a sampling port has no depth");
	else if (!sampling && !a->depth)
		parse_error(st, "queuing port '%s' has no 'depth <messages>'",
			    pt->name);
	else if (a->refresh && !(sampling && dest))
		parse_error(st, "only a sampling destination port has a "
				"refresh period");
	else if (sampling && dest && !a->refresh)
		parse_error(st,
			    "sampling destination port '%s' has no 'refresh "
			    "<duration>'",
			    pt->name);
	else if (sampling && !dest && a->vector)
		parse_error(st, "a sampling source port has no vector");
	else
		return true;
	return false;
}

/* A second port of this partition with the same name or vector. */
static bool port_conflict(struct parse_state *st, const struct bhcfg_port *pt)
{
	const struct bhcfg_partition *p = st->part;
	unsigned i;

	for (i = 0; i < p->nports; i++) {
		const struct bhcfg_port *o = &p->ports[i];

		if (strcmp(o->name, pt->name) == 0) {
			parse_error(st, "duplicate port name '%s' (line %u)",
				    pt->name, o->line);
			return true;
		}
		if (pt->vector && o->vector == pt->vector) {
			parse_error(st,
				    "vector %u is already used by port '%s' "
				    "(line %u)",
				    pt->vector, o->name, o->line);
			return true;
		}
	}
	return false;
}

void port_statement(struct parse_state *st, char *const *arg, unsigned nargs)
{
	struct bhcfg_partition *p = st->part;
	struct port_attrs seen = { false, false, false, false };
	struct bhcfg_port pt;
	unsigned i;

	memset(&pt, 0, sizeof(pt));
	pt.line = st->ln->line;
	pt.depth = 1;
	if (!args_name(st, arg[0], "port", pt.name) ||
	    !port_word(st, arg[1], "sampling", "queuing", "kind", &pt.kind) ||
	    !port_word(st, arg[2], "source", "destination", "direction",
		       &pt.direction))
		return;
	if (nargs % 2 == 0) {
		parse_error(st, "port attribute '%s' has no value",
			    arg[nargs - 1u]);
		return;
	}
	for (i = 3; i + 1u < nargs; i += 2)
		if (!port_attr(st, &pt, &seen, arg[i], arg[i + 1u]))
			return;
	if (!port_attrs_fit(st, &pt, &seen) || port_conflict(st, &pt))
		return;
	if (p->nports == BHCFG_MAX_PART_PORTS) {
		parse_error(st, "more than %u ports in partition '%s'",
			    BHCFG_MAX_PART_PORTS, p->name);
		return;
	}
	p->ports[p->nports++] = pt;
}
