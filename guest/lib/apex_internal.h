/*
 * Inside the APEX library: the partition's port list as the kernel reports
 * it (BH_HC_PORT_INFO), which ports the application has created, and the
 * helpers the sampling, queuing and partition services share.
 *
 * An APEX port id is 1 + the port's index in the partition's list (0 is
 * never an id), so a service finds its port without a search.
 */
#ifndef APEX_INTERNAL_H
#define APEX_INTERNAL_H

#include <bulkhead/apex.h>
#include <bulkhead/bh.h>

#define APEX_MAX_PORTS 16u /* a partition's ports (bhcfg's limit) */

struct apex_port {
	struct bh_port_info info;
	bool created;
	SYSTEM_TIME_TYPE refresh;	/* as given at creation */
	VALIDITY_TYPE last_validity;	/* of the last message read */
	uint32_t waiting;		/* threads waiting on it */
};

/* The port called `name` of `kind`, or NULL. */
struct apex_port *apex_port_by_name(const char *name, uint32_t kind);
/* The created port `id` of `kind`, or NULL. */
struct apex_port *apex_port_by_id(APEX_INTEGER id, uint32_t kind);
APEX_INTEGER apex_port_id(const struct apex_port *p);

/*
 * The first steps of CREATE_SAMPLING_PORT and CREATE_QUEUING_PORT: the port
 * called `name` of `kind` if it may be created now, else NULL with *rc set
 * (INVALID_MODE in NORMAL mode, INVALID_CONFIG for an unknown name,
 * NO_ACTION if it was created already).
 */
struct apex_port *apex_port_creatable(const char *name, uint32_t kind, RETURN_CODE_TYPE *rc);

/* Blocking: is there a waiter and may this context wait? */
const struct apex_waiter *apex_waiter_get(void);
/* The installed waiter, if any, whatever the context. */
const struct apex_waiter *apex_waiter_installed(void);

#endif /* APEX_INTERNAL_H */
