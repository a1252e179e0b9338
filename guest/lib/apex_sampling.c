/*
 * APEX sampling port services. The checks follow ARINC 653 Part 1; where
 * the standard leaves a choice, docs/ports.md says what Bulkhead does.
 */
#include "apex_internal.h"

static RETURN_CODE_TYPE check_create(const struct apex_port *p, MESSAGE_SIZE_TYPE size,
				     PORT_DIRECTION_TYPE dir, SYSTEM_TIME_TYPE refresh)
{
	if (size <= 0 || (uint32_t)size != p->info.max_size)
		return INVALID_CONFIG;
	if ((dir != SOURCE && dir != DESTINATION) || (uint32_t)dir != p->info.direction)
		return INVALID_CONFIG;
	if (refresh < 0)
		return INVALID_CONFIG;
	if (dir == DESTINATION && (uint64_t)refresh != p->info.refresh_ns)
		return INVALID_CONFIG;
	return NO_ERROR;
}

void CREATE_SAMPLING_PORT(const APEX_NAME_ARG *name, MESSAGE_SIZE_TYPE size,
			  PORT_DIRECTION_TYPE dir, SYSTEM_TIME_TYPE refresh,
			  SAMPLING_PORT_ID_TYPE *id, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p;

	*id = 0;
	p = apex_port_creatable(name, BH_PORT_SAMPLING, rc);
	if (!p)
		return;
	*rc = check_create(p, size, dir, refresh);
	if (*rc != NO_ERROR)
		return;
	p->created = true;
	p->refresh = refresh;
	p->last_validity = INVALID;
	*id = apex_port_id(p);
}

void WRITE_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE msg, MESSAGE_SIZE_TYPE len,
			    RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_SAMPLING);

	if (!p || len <= 0)
		*rc = INVALID_PARAM;
	else if ((uint32_t)len > p->info.max_size)
		*rc = INVALID_CONFIG;
	else if (p->info.direction != BH_PORT_SOURCE)
		*rc = INVALID_MODE;
	else
		*rc = bh_port_write(p->info.id, msg, (uint32_t)len) == BH_OK ? NO_ERROR
									    : INVALID_PARAM;
}

void READ_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE id, MESSAGE_ADDR_TYPE msg,
			   MESSAGE_SIZE_TYPE *len, VALIDITY_TYPE *validity, RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_SAMPLING);
	uint32_t flags;
	int32_t r;

	*len = 0;
	*validity = INVALID;
	if (!p) {
		*rc = INVALID_PARAM;
		return;
	}
	if (p->info.direction != BH_PORT_DESTINATION) {
		*rc = INVALID_MODE;
		return;
	}
	r = bh_port_read(p->info.id, msg, p->info.max_size, &flags);
	if (r == BH_EAGAIN) {
		*rc = NO_ACTION; /* nothing written yet */
		return;
	}
	if (r < 0) {
		*rc = INVALID_PARAM; /* the buffer is not the caller's */
		return;
	}
	*len = r;
	*validity = (flags & BH_PORT_READ_VALID) ? VALID : INVALID;
	p->last_validity = *validity;
	*rc = NO_ERROR;
}

void GET_SAMPLING_PORT_ID(const APEX_NAME_ARG *name, SAMPLING_PORT_ID_TYPE *id,
			  RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_name(name, BH_PORT_SAMPLING);

	*id = 0;
	if (!p || !p->created) {
		*rc = INVALID_CONFIG;
		return;
	}
	*id = apex_port_id(p);
	*rc = NO_ERROR;
}

void GET_SAMPLING_PORT_STATUS(SAMPLING_PORT_ID_TYPE id, SAMPLING_PORT_STATUS_TYPE *st,
			      RETURN_CODE_TYPE *rc)
{
	struct apex_port *p = apex_port_by_id(id, BH_PORT_SAMPLING);

	if (!p) {
		*rc = INVALID_PARAM;
		return;
	}
	st->REFRESH_PERIOD = p->refresh;
	st->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)p->info.max_size;
	st->PORT_DIRECTION = p->info.direction == BH_PORT_SOURCE ? SOURCE : DESTINATION;
	st->LAST_MSG_VALIDITY = p->last_validity;
	*rc = NO_ERROR;
}
