#!/bin/sh
# Install the Debian packages Bulkhead's build and tests need, if missing.
# As root this runs `apt-get update` once and installs them; otherwise it
# prints the exact command to run and fails.
set -eu

# chromium and libpng-dev: the trace tests render bhtrace's SVG and read the PNG.
PACKAGES="qemu-system-x86 gcc-multilib libcmocka-dev grub-pc-bin grub-common xorriso mtools \
	libxml2-utils gdb pkg-config clang libclang-rt-14-dev chromium libpng-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "bulkhead: missing Debian packages:$missing" >&2
	echo "bulkhead: run as root: apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "bulkhead: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
