/*
 * APEX for Bulkhead partitions: the ARINC 653 Part 1 services for ports,
 * partition, time and health monitoring, with the standard's service
 * names, types and return codes, so that an application written against
 * the standard's C interface builds here. Implemented in guest/lib/apex*.c
 * on the port hypercalls (docs/ports.md says what each service checks and
 * returns, and where Bulkhead fills in what the standard leaves open).
 *
 * Waiting with a timeout (SEND/RECEIVE_QUEUING_MESSAGE) needs a thread
 * to block: the guest executive provides it (struct apex_waiter below);
 * without it, only a zero timeout is possible.
 */
#ifndef BULKHEAD_APEX_H
#define BULKHEAD_APEX_H

#include <stdbool.h>
#include <stdint.h>

/* ------------------------------------------------------ base types */

typedef uint8_t APEX_BYTE;
typedef int32_t APEX_INTEGER;
typedef uint32_t APEX_UNSIGNED;
typedef int64_t APEX_LONG_INTEGER;

typedef enum {
	NO_ERROR = 0,	    /* request valid and operation performed */
	NO_ACTION = 1,	    /* system state not changed */
	NOT_AVAILABLE = 2,  /* no message, no room: not now */
	INVALID_PARAM = 3,  /* a parameter is out of range */
	INVALID_CONFIG = 4, /* not what the configuration says */
	INVALID_MODE = 5,   /* not allowed in this mode, direction or context */
	TIMED_OUT = 6	    /* the time-out expired */
} RETURN_CODE_TYPE;

#define MAX_NAME_LENGTH 30
typedef char NAME_TYPE[MAX_NAME_LENGTH];
/*
 * Services take a name as a pointer to its first character (which is what
 * a NAME_TYPE argument becomes in C anyway), so that a string literal
 * shorter than MAX_NAME_LENGTH can be passed without a bounds warning. A
 * name ends at its first NUL or after MAX_NAME_LENGTH characters.
 */
typedef char APEX_NAME_ARG;

/* Nanoseconds. */
typedef APEX_LONG_INTEGER SYSTEM_TIME_TYPE;
#define INFINITE_TIME_VALUE (-1)

typedef APEX_BYTE *MESSAGE_ADDR_TYPE;
typedef APEX_INTEGER MESSAGE_SIZE_TYPE;
typedef APEX_INTEGER MESSAGE_RANGE_TYPE;
typedef APEX_INTEGER WAITING_RANGE_TYPE;

typedef enum { SOURCE = 0, DESTINATION = 1 } PORT_DIRECTION_TYPE;
typedef enum { FIFO = 0, PRIORITY = 1 } QUEUING_DISCIPLINE_TYPE;

/* ------------------------------------------------------ sampling ports */

typedef NAME_TYPE SAMPLING_PORT_NAME_TYPE;
typedef APEX_INTEGER SAMPLING_PORT_ID_TYPE;
typedef enum { INVALID = 0, VALID = 1 } VALIDITY_TYPE;

typedef struct {
	SYSTEM_TIME_TYPE REFRESH_PERIOD;
	MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE;
	PORT_DIRECTION_TYPE PORT_DIRECTION;
	VALIDITY_TYPE LAST_MSG_VALIDITY;
} SAMPLING_PORT_STATUS_TYPE;

void CREATE_SAMPLING_PORT(const APEX_NAME_ARG *SAMPLING_PORT_NAME,
			  MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE, PORT_DIRECTION_TYPE PORT_DIRECTION,
			  SYSTEM_TIME_TYPE REFRESH_PERIOD, SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID,
			  RETURN_CODE_TYPE *RETURN_CODE);
void WRITE_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			    MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE);
void READ_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			   MESSAGE_SIZE_TYPE *LENGTH, VALIDITY_TYPE *VALIDITY,
			   RETURN_CODE_TYPE *RETURN_CODE);
void GET_SAMPLING_PORT_ID(const APEX_NAME_ARG *SAMPLING_PORT_NAME,
			  SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE);
void GET_SAMPLING_PORT_STATUS(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID,
			      SAMPLING_PORT_STATUS_TYPE *SAMPLING_PORT_STATUS,
			      RETURN_CODE_TYPE *RETURN_CODE);

/* ------------------------------------------------------- queuing ports */

typedef NAME_TYPE QUEUING_PORT_NAME_TYPE;
typedef APEX_INTEGER QUEUING_PORT_ID_TYPE;

typedef struct {
	MESSAGE_RANGE_TYPE NB_MESSAGE;
	MESSAGE_RANGE_TYPE MAX_NB_MESSAGE;
	MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE;
	PORT_DIRECTION_TYPE PORT_DIRECTION;
	WAITING_RANGE_TYPE WAITING_PROCESSES;
} QUEUING_PORT_STATUS_TYPE;

void CREATE_QUEUING_PORT(const APEX_NAME_ARG *QUEUING_PORT_NAME,
			 MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE, MESSAGE_RANGE_TYPE MAX_NB_MESSAGE,
			 PORT_DIRECTION_TYPE PORT_DIRECTION,
			 QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE,
			 QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE);
void SEND_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			  MESSAGE_SIZE_TYPE LENGTH, SYSTEM_TIME_TYPE TIME_OUT,
			  RETURN_CODE_TYPE *RETURN_CODE);
void RECEIVE_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, SYSTEM_TIME_TYPE TIME_OUT,
			     MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE *LENGTH,
			     RETURN_CODE_TYPE *RETURN_CODE);
void GET_QUEUING_PORT_ID(const APEX_NAME_ARG *QUEUING_PORT_NAME,
			 QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE);
void GET_QUEUING_PORT_STATUS(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID,
			     QUEUING_PORT_STATUS_TYPE *QUEUING_PORT_STATUS,
			     RETURN_CODE_TYPE *RETURN_CODE);
void CLEAR_QUEUING_PORT(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE);

/* ----------------------------------------------------------- partition */

typedef enum { IDLE = 0, COLD_START = 1, WARM_START = 2, NORMAL = 3 } OPERATING_MODE_TYPE;
typedef enum {
	NORMAL_START = 0,
	PARTITION_RESTART = 1,
	HM_MODULE_RESTART = 2,
	HM_PARTITION_RESTART = 3
} START_CONDITION_TYPE;
typedef APEX_INTEGER PARTITION_ID_TYPE;
typedef APEX_INTEGER LOCK_LEVEL_TYPE;
typedef APEX_UNSIGNED NUM_CORES_TYPE;

typedef struct {
	SYSTEM_TIME_TYPE PERIOD;   /* the major frame */
	SYSTEM_TIME_TYPE DURATION; /* the current window's length */
	PARTITION_ID_TYPE IDENTIFIER;
	LOCK_LEVEL_TYPE LOCK_LEVEL; /* always 0 */
	OPERATING_MODE_TYPE OPERATING_MODE;
	START_CONDITION_TYPE START_CONDITION;
	NUM_CORES_TYPE NUM_ASSIGNED_CORES; /* 1 */
} PARTITION_STATUS_TYPE;

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *PARTITION_STATUS, RETURN_CODE_TYPE *RETURN_CODE);
void SET_PARTITION_MODE(OPERATING_MODE_TYPE OPERATING_MODE, RETURN_CODE_TYPE *RETURN_CODE);

/* ---------------------------------------------------------------- time */

void GET_TIME(SYSTEM_TIME_TYPE *SYSTEM_TIME, RETURN_CODE_TYPE *RETURN_CODE);

/* ---------------------------------------------------- health monitoring */

typedef enum {
	DEADLINE_MISSED = 0,
	APPLICATION_ERROR = 1,
	NUMERIC_ERROR = 2,
	ILLEGAL_REQUEST = 3,
	STACK_OVERFLOW = 4,
	MEMORY_VIOLATION = 5,
	HARDWARE_FAULT = 6,
	POWER_FAIL = 7
} ERROR_CODE_TYPE;

#define MAX_ERROR_MESSAGE_SIZE 128
typedef APEX_INTEGER ERROR_MESSAGE_SIZE_TYPE;
typedef APEX_BYTE ERROR_MESSAGE_TYPE[MAX_ERROR_MESSAGE_SIZE];

void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE ERROR_CODE, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			     ERROR_MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE);

/* --------------------------------------------- Bulkhead: thread waits */

/*
 * How a thread waits on a queuing port. The guest executive installs one
 * (rt_port_init); a partition without it can only use a zero time-out.
 * `slot` is the port's index in the partition's port list.
 */
struct apex_waiter {
	/* May the calling context block (a thread, not an ISR or idle)? */
	bool (*can_wait)(void);
	/* Arrange for `vector` to wake waiters of `slot`. 0 or negative. */
	int (*attach)(uint32_t slot, uint32_t vector);
	/* Block until woken for `slot` (true) or the deadline tick (false). */
	bool (*wait_until)(uint32_t slot, uint64_t deadline_tick);
	/* The current tick and the tick period in ns. */
	uint64_t (*now)(void);
	uint32_t tick_ns;
};

void apex_set_waiter(const struct apex_waiter *w);

#define APEX_FOREVER_TICK UINT64_MAX

#endif /* BULKHEAD_APEX_H */
