#!/usr/bin/env bash
# The SDK test runner (`make sdk-test`, part of `make check`): runs every
# tests/sdk/test_*.sh from the top of the tree, each printing PASS/FAIL
# lines (tests/sdk/lib.sh), and ends with "sdk tests: N passed, N failed".
# Environment: BUILD, QEMU, MAKE as make sets them.
set -u

export BUILD=${BUILD:-build}
export QEMU=${QEMU:-qemu-system-i386}
export MAKE=${MAKE:-make}
export LOGDIR=$BUILD/sdk-logs
mkdir -p "$LOGDIR"
# Outside the tree, and this run's own: several runs may share the machine.
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bulkhead-sdk-test.XXXXXX") || exit 1
export TEST_TMP
trap 'rm -rf "$TEST_TMP"' EXIT
out=$LOGDIR/results.txt
: >"$out"

for t in tests/sdk/test_*.sh; do
	echo "== $t"
	# shellcheck disable=SC1090
	(source tests/sdk/lib.sh && source "$t") 2>&1 | tee -a "$out"
done
passed=$(grep -c '^PASS ' "$out")
failed=$(grep -c '^FAIL ' "$out")
[ "$failed" -gt 0 ] && echo "failed: $(grep '^FAIL ' "$out" | cut -d' ' -f2 | tr -d : | tr '\n' ' ')"
echo "sdk tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
