#!/usr/bin/env bash
# Where a measured path's instructions go: runs a benchmark system once under
# icount with one instruction per translation block, logging every executed
# instruction address, and prints, for the Nth stretch ending at TO (it
# starts at the last FROM before that TO), the instruction count per
# function (kernel and partition symbols), and how many of them were port
# I/O, cr3 writes and FPU saves/restores.
#
#   bench/profile.sh bench/<name> FROM TO [N]
#
# FROM and TO are symbols (or hex addresses) of the kernel or of a partition
# image of that system; the stretch counts FROM's instruction and stops
# before TO's. The counts equal the figures of `make bench` (icount alike).
# Example: the virtual interrupt delivery path,
#   bench/profile.sh bench/virq x86_vec_35 bvq_handler 3
# Needs the system built (make all). The trace is streamed through a FIFO
# and QEMU stops once the stretch has been seen.
set -eu

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}
dir=${1%/} from=$2 to=$3 nth=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/trace_lib.sh
. bench/trace_lib.sh
trace_tables "$dir" "$work/syms" "$work/classes"

addr_of() {
	case $1 in
	0x*) printf '%x\n' "$1" ;;
	*) awk -v s="$1" '$2 == s { sub(/^0+/, "", $1); a[n++] = $1 }
		END { if (n == 1) print a[0]
		      if (n > 1) { printf "%s names more than one address (the kernel and an image, or two images):", s > "/dev/stderr"
				   for (i = 0; i < n; i++) printf " 0x%s", a[i] > "/dev/stderr"
				   print "; give one address" > "/dev/stderr" } }' "$work/syms" ;;
	esac
}
from_pc=$(addr_of "$from")
to_pc=$(addr_of "$to")
if [ -z "$from_pc" ] || [ -z "$to_pc" ]; then
	echo "unknown symbol: $from or $to" >&2
	exit 1
fi

mkfifo "$work/log"
trace_cmd "$dir" "$work/log"
"${TRACE_CMD[@]}" </dev/null >/dev/null 2>&1 &
qemu_job=$!
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
	FILENAME == ARGV[1] { ns++; sa[ns] = hex($1); sn[ns] = $2; next }
	FILENAME == ARGV[2] { a = $1; sub(/^0+/, "", a); cls[a] = $2; next }
	{
		if (!match($0, /\[[0-9a-f]+\/[0-9a-f]+\//)) next
		split(substr($0, RSTART + 1, RLENGTH - 2), f, "/")
		pc = f[2]; sub(/^0+/, "", pc)
		if (on && pc == to) {
			if (++k == nth) { done = 1; exit }
			on = 0
		}
		if (pc == from) {
			on = 1; n = 0; no = 0; split("", cnt); split("", kind)
		}
		if (!on)
			next
		n++; name = fn(hex(pc))
		if (!(name in cnt)) order[++no] = name
		cnt[name]++
		if (pc in cls) kind[cls[pc]]++
	}
	END {
		if (!done) { print "stretch " nth " from " from " to " to " not found" > "/dev/stderr"; exit 1 }
		printf "%d instructions from %s to %s (stretch %d): %d port I/O, %d cr3 writes, %d FPU saves/restores\n",
			n, fname, tname, nth, kind["io"], kind["cr3"], kind["fpu"]
		for (i = 1; i <= no; i++) printf "%6d  %s\n", cnt[order[i]], order[i]
	}' "$work/syms" "$work/classes" "$work/log" || status=$?
kill "$qemu_job" 2>/dev/null || true # timeout passes the signal on to QEMU
wait "$qemu_job" 2>/dev/null || true
exit "$status"
