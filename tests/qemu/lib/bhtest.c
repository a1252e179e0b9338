/* Result reporting for in-QEMU test partitions (see bhtest.h). */
#include "bhtest.h"

#include <fmt.h>

#define PRINTED_FAILURES 8u

static const char *test_name = "unnamed";
static unsigned failures;
static char first_failure[160];

void bht_init(const char *name)
{
	test_name = name;
	failures = 0;
	first_failure[0] = '\0';
}

void bht_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!failures)
		bh_snprintf(first_failure, sizeof(first_failure), "%s:%d: %s", file, line, msg);
	if (failures < PRINTED_FAILURES)
		bh_printf("check failed at %s:%d: %s\n", file, line, msg);
	failures++;
}

unsigned bht_failures(void)
{
	return failures;
}

static void end_run(bool halt)
{
	if (halt)
		bh_module_halt(failures);
}

void bht_finish(bool halt)
{
	if (failures)
		bh_printf("RESULT %s FAILURE (%u failed checks) %s\n", test_name, failures,
			  first_failure);
	else
		bh_printf("RESULT %s SUCCESS\n", test_name);
	end_run(halt);
}

void bht_finish_and_stop(bool halt)
{
	bht_finish(halt);
	bh_exit();
}

void bht_error(const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bh_printf("RESULT %s ERROR %s\n", test_name, msg);
	bh_exit();
}

void bht_skip(const char *why)
{
	bh_printf("RESULT %s SKIP %s\n", test_name, why);
	bh_exit();
}

uint32_t bht_wait_next_window(void)
{
	uint32_t s = bh_vstate->window_seq;

	while (bh_vstate->window_seq == s)
		;
	return bh_vstate->window_seq;
}
