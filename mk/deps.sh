#!/bin/sh
# Install the Debian packages Bulkhead's build and tests need, if missing.
# As root this runs `apt-get update` once and installs them; otherwise it
# prints the exact command to run and fails. Optional packages (OPTIONAL)
# are tried the same way but never fail it.
set -eu

# libpng-dev: the trace tests read the PNG that Chromium renders of
# bhtrace's SVG. chromium is optional: where it cannot be installed, the
# trace tests that render SKIP (tests/trace/svg2png.sh) and the rest runs.
PACKAGES="qemu-system-x86 gcc-multilib libcmocka-dev grub-pc-bin grub-common xorriso mtools \
	libxml2-utils gdb pkg-config clang libclang-rt-14-dev libpng-dev"
OPTIONAL="chromium"

missing_of() {
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			printf ' %s' "$p"
		fi
	done
}
missing=$(missing_of $PACKAGES)
optional=$(missing_of $OPTIONAL)
[ -z "$missing$optional" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
updated=0

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bulkhead: missing Debian packages:$missing" >&2
		echo "bulkhead: run as root: apt-get update && apt-get install -y --no-install-recommends$missing$optional" >&2
		exit 1
	fi
	echo "bulkhead: installing$missing"
	apt-get update -qq
	updated=1
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Optional packages: tried once, never a failure.
if [ -n "$optional" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bulkhead: optional package$optional missing (the tests that need it SKIP);" \
			"as root: apt-get install -y --no-install-recommends$optional" >&2
		exit 0
	fi
	echo "bulkhead: installing$optional (optional)"
	{ [ "$updated" = 1 ] || apt-get update -qq; } >/dev/null 2>&1
	apt-get install -y -qq --no-install-recommends $optional >/dev/null 2>&1 ||
		echo "bulkhead: could not install$optional: the tests that need it SKIP" >&2
fi
exit 0
