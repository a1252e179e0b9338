#!/usr/bin/env bash
# A stand-in for qemu-system-i386 in the harness's own tests: the "kernel
# image" given with -kernel is a canned log. Prints it, except a first line
# "#!status N", and exits with N (default 33, a clean halt).
set -u
image=""
while [ $# -gt 0 ]; do
	[ "$1" = -kernel ] && image=$2
	shift
done
status=33
first=$(head -n 1 "$image")
if [[ $first =~ ^#!status\ ([0-9]+)$ ]]; then
	status=${BASH_REMATCH[1]}
	tail -n +2 "$image"
else
	cat "$image"
fi
exit "$status"
