#!/usr/bin/env bash
# `make check`: first the build, its output kept in $BUILD/check-build.log
# (shown only if it fails, or with V=1); then every suite runs (a failing
# one does not hide the others; cmocka's line per test run and passed goes
# to the log only, unless V=1); then each runner's own summary lines are
# repeated, the QEMU harness's "skipped: ..." (if any) and "N passed, N
# failed" last. Exit status is
# non-zero if anything failed.
#   mk/check.sh BUILD "HOST-TEST-TARGETS..."
set -u -o pipefail
build=$1
targets=$2
make=${MAKE:-make}
mkdir -p "$build"
status=0

echo "== build (log: $build/check-build.log)"
if [ "${V:-0}" = 1 ]; then
	$make --no-print-directory check-build 2>&1 | tee "$build/check-build.log" || status=1
elif ! $make --no-print-directory check-build >"$build/check-build.log" 2>&1; then
	status=1
	grep -E -B2 -A8 'error|Error' "$build/check-build.log" | head -n 60
fi
[ "$status" = 0 ] && echo "build: done"

# cmocka's line per test started and passed stays in the log only.
quiet_cmocka() {
	if [ "${V:-0}" = 1 ]; then cat; else grep -v -E '^\[ +(RUN|OK) +\] ' || true; fi
}
$make --no-print-directory -k $targets 2>&1 | tee "$build/check-host.log" | quiet_cmocka || status=1
$make --no-print-directory qemu-test 2>&1 | tee "$build/check-qemu.log" || status=1

echo
echo "==== summary of make check"
[ -s "$build/check-build.log" ] && grep -q -E 'Error [0-9]' "$build/check-build.log" &&
	echo "build: FAILED (see $build/check-build.log)"
grep -E '^== |^\[  (PASSED|FAILED)  \]|^[a-z].*: [0-9]+ .* checked, [0-9]+ (mismatch|failed)|^sdk tests: ' "$build/check-host.log" \
	| awk '/^== /{name=$2; next} /^\[/{print (name ? name ": " : "") $0; next} {print}'
grep -E '^skipped: ' "$build/check-qemu.log" | tail -n 1
grep -E '^[0-9]+ passed, [0-9]+ failed$' "$build/check-qemu.log" | tail -n 1 || {
	echo "0 passed, 1 failed (the QEMU tests did not run)"
	status=1
}
exit $status
