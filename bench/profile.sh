#!/usr/bin/env bash
# Where a measured path's instructions go: runs a benchmark system once under
# icount with one instruction per translation block, logs every executed
# instruction address, and prints, for the Nth stretch ending at TO (it
# starts at the last FROM before that TO), the instruction count per
# function (kernel and partition symbols).
#
#   bench/profile.sh bench/<name> FROM TO [N]
#
# FROM and TO are symbols (or hex addresses) of the kernel or of a partition
# image of that system; the stretch counts FROM's instruction and stops
# before TO's. The counts equal the figures of `make bench` (icount alike). Example: the virtual interrupt delivery path,
#   bench/profile.sh bench/virq x86_vec_35 bvq_upcall_entry 3
# Needs the system built (make all). The trace (tens of MB) is written to
# $BUILD/bench-logs and removed afterwards unless KEEP_TRACE=1.
set -eu

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}
dir=${1%/} from=$2 to=$3 nth=${4:-1}
name=${dir#bench/}
kernel=$BUILD/sys/$dir/kernel.elf
trace=$BUILD/bench-logs/${name//\//_}.trace
syms=$BUILD/bench-logs/${name//\//_}.syms

ARGS="" TIMEOUT=30 QEMU_EXTRA=()
# shellcheck disable=SC1091
[ -f "$dir/bench.conf" ] && source "$dir/bench.conf"
mkdir -p "$BUILD/bench-logs"

# Function symbols of the kernel and of every image the config names.
{
	echo "$kernel"
	sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$dir/system.cfg" |
		sort -u | sed "s|^|$BUILD/part/|"
} | while IFS= read -r f; do
	nm -n "$f" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }'
done | sort >"$syms"

addr_of() {
	case $1 in
	0x*) printf '%x\n' "$1" ;;
	*) awk -v s="$1" '$2 == s { sub(/^0+/, "", $1); print $1; exit }' "$syms" ;;
	esac
}
from_pc=$(addr_of "$from")
to_pc=$(addr_of "$to")
if [ -z "$from_pc" ] || [ -z "$to_pc" ]; then
	echo "unknown symbol: $from or $to" >&2
	exit 1
fi

timeout "$TIMEOUT" "$QEMU" -display none -no-reboot -m 256 \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial null \
	-icount shift=0,align=off,sleep=off -singlestep -d exec,nochain \
	-dfilter 0x100000..0x3fffffff,0x40000000..0xbfffffff -D "$trace" \
	-kernel "$kernel" -append "bench $ARGS" "${QEMU_EXTRA[@]}" </dev/null || true

status=0
awk -v from="$from_pc" -v to="$to_pc" -v nth="$nth" -v fname="$from" -v tname="$to" '
	function hex(s,    i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	function fn(pc,    lo, hi, mid) { # last symbol at or below pc
		lo = 1; hi = ns
		if (pc < sa[1]) return "?"
		while (lo < hi) { mid = int((lo + hi + 1) / 2); if (sa[mid] <= pc) lo = mid; else hi = mid - 1 }
		return sn[lo]
	}
	FNR == NR { ns++; sa[ns] = hex($1); sn[ns] = $2; next }
	{
		if (!match($0, /\[[0-9a-f]+\/[0-9a-f]+\//)) next
		split(substr($0, RSTART + 1, RLENGTH - 2), f, "/")
		pc = f[2]; sub(/^0+/, "", pc)
		if (on && pc == to) {
			if (++k == nth) { done = 1; exit }
			on = 0
		}
		if (pc == from) {
			on = 1; n = 0; no = 0; split("", cnt)
		}
		if (!on)
			next
		n++; name = fn(hex(pc))
		if (!(name in cnt)) order[++no] = name
		cnt[name]++
	}
	END {
		if (!done) { print "stretch " nth " from " from " to " to " not found" > "/dev/stderr"; exit 1 }
		printf "%d instructions from %s to %s (stretch %d)\n", n, fname, tname, nth
		for (i = 1; i <= no; i++) printf "%6d  %s\n", cnt[order[i]], order[i]
	}' "$syms" "$trace" || status=$?
[ "${KEEP_TRACE:-0}" = 1 ] || rm -f "$trace"
exit "$status"
