/*
 * The virq model checker's driver: phase 1 (every sequence up to a depth)
 * and phase 2 (a long random run), then one summary line each, in the form
 * `make check` collects. Exit status 1 on any mismatch.
 *
 *   virq_model [--depth N] [--steps N] [--seed N]
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t arg(int argc, char **argv, const char *name, uint64_t dflt)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return strtoull(argv[i + 1], NULL, 0);
	return dflt;
}

int main(int argc, char **argv)
{
	unsigned depth = (unsigned)arg(argc, argv, "--depth", 7);
	uint64_t steps = arg(argc, argv, "--steps", 1000000);
	uint64_t seed = arg(argc, argv, "--seed", 0x5eed2026);
	struct explore_result r;
	double t0 = seconds(), t1;
	uint64_t d0, bad;

	setvbuf(stdout, NULL, _IOLBF, 0);
	explore(depth, &r);
	t1 = seconds();
	printf("virq model: exhaustive, 3 vectors + virtual tick, depth %u: %llu sequences "
	       "(%llu of length %u), %llu re-run from boot, %llu deliveries compared, %.1f s\n",
	       depth, (unsigned long long)r.sequences, (unsigned long long)r.at_depth, depth,
	       (unsigned long long)r.replays, (unsigned long long)world_deliveries, t1 - t0);
	d0 = world_deliveries;
	bad = random_run(&steps, seed);
	printf("virq model: random, seed %#llx: %llu steps, %llu deliveries compared, %.1f s\n",
	       (unsigned long long)seed, (unsigned long long)steps,
	       (unsigned long long)(world_deliveries - d0), seconds() - t1);
	printf("virq model: %llu sequences of depth %u checked, %llu mismatches\n",
	       (unsigned long long)r.sequences, depth, (unsigned long long)r.mismatches);
	printf("virq model random: %llu steps checked, %llu mismatches\n",
	       (unsigned long long)steps, (unsigned long long)bad);
	return r.mismatches || bad ? 1 : 0;
}
