/*
 * APEX, common part: the partition's port list (read from the kernel once,
 * at the first service that needs it), lookups by name and by id, and the
 * waiter the executive installs.
 */
#include "apex_internal.h"

static struct apex_port ports[APEX_MAX_PORTS];
static uint32_t nports;
static bool loaded;
static const struct apex_waiter *waiter;

/* The first answer gives the count: no call past the end, no error. */
static void load(void)
{
	int32_t n;

	if (loaded)
		return;
	loaded = true;
	n = bh_port_info(0, &ports[0].info);
	nports = n > 0 ? (uint32_t)n : 0u;
	if (nports > APEX_MAX_PORTS)
		nports = APEX_MAX_PORTS;
	for (uint32_t i = 1; i < nports; i++)
		bh_port_info(i, &ports[i].info);
}

static bool same_name(const char *a, const char *b)
{
	uint32_t i;

	for (i = 0; i < BH_NAME_MAX; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return false; /* a is longer than any configured name */
}

struct apex_port *apex_port_by_name(const char *name, uint32_t kind)
{
	load();
	for (uint32_t i = 0; i < nports; i++)
		if (ports[i].info.kind == kind && same_name(name, ports[i].info.name))
			return &ports[i];
	return NULL;
}

struct apex_port *apex_port_by_id(APEX_INTEGER id, uint32_t kind)
{
	load();
	if (id < 1 || (uint32_t)id > nports)
		return NULL;
	struct apex_port *p = &ports[id - 1];
	return p->created && p->info.kind == kind ? p : NULL;
}

APEX_INTEGER apex_port_id(const struct apex_port *p)
{
	return (APEX_INTEGER)(p - ports) + 1;
}

/* Creation is refused in NORMAL mode. */
static bool apex_mode_normal(void)
{
	struct bh_partition_status st;

	return bh_partition_status(BH_SELF, &st) == BH_OK && st.mode == BH_MODE_NORMAL;
}

struct apex_port *apex_port_creatable(const char *name, uint32_t kind, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p;

	if (apex_mode_normal()) {
		*rc = INVALID_MODE;
		return NULL;
	}
	p = apex_port_by_name(name, kind);
	if (!p)
		*rc = INVALID_CONFIG;
	else if (p->created)
		*rc = NO_ACTION;
	return p && !p->created ? p : NULL;
}

void apex_set_waiter(const struct apex_waiter *w)
{
	waiter = w;
}

const struct apex_waiter *apex_waiter_installed(void)
{
	return waiter;
}

const struct apex_waiter *apex_waiter_get(void)
{
	return waiter && waiter->can_wait() ? waiter : NULL;
}
