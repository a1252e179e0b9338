#!/usr/bin/env bash
# `make check`: every suite runs (a failing one does not hide the others);
# then each runner's own summary lines are repeated, the QEMU harness's
# "N passed, N failed" last. Exit status is non-zero if any suite failed.
#   mk/check.sh BUILD "HOST-TEST-TARGETS..."
set -u -o pipefail
build=$1
targets=$2
make=${MAKE:-make}
mkdir -p "$build"
status=0

$make --no-print-directory $targets 2>&1 | tee "$build/check-host.log" || status=1
$make --no-print-directory qemu-test 2>&1 | tee "$build/check-qemu.log" || status=1

echo
echo "==== summary of make check"
grep -E '^== |^\[  (PASSED|FAILED)  \]|^[a-z].*: [0-9]+ .* checked, [0-9]+ (mismatch|failed)' "$build/check-host.log" \
	| awk '/^== /{name=$2; next} /^\[/{print (name ? name ": " : "") $0; next} {print}'
grep -E '^[0-9]+ passed, [0-9]+ failed$' "$build/check-qemu.log" | tail -n 1 || {
	echo "0 passed, 1 failed (the QEMU tests did not run)"
	status=1
}
exit $status
