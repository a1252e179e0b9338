/*
 * techeck FILE.json: validate a Chrome trace-event file (see
 * tests/unit/bhtrace/techeck.h). Prints what it found; exit 0 if valid.
 */
#include <stdio.h>
#include <stdlib.h>

#include "techeck.h"

int main(int argc, char **argv)
{
	struct techeck_result r;
	FILE *f;
	char *buf;
	long n;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: techeck FILE.json\n");
		return 2;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "techeck: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);
	buf[n] = '\0';
	if (techeck(buf, (size_t)n, &r)) {
		printf("techeck: %s: INVALID: %s\n", argv[1], r.err);
		free(buf);
		return 1;
	}
	printf("techeck: %s: valid: %zu events (%zu slices, %zu instants, %zu async, %zu metadata)\n",
	       argv[1], r.events, r.slices, r.instants, r.asyncs, r.metadata);
	free(buf);
	return r.slices && r.metadata ? 0 : 1;
}
