#!/usr/bin/env bash
# What the measured paths of a benchmark system execute besides their
# instruction count: port I/O instructions, cr3 writes, FPU save/restores.
# Under icount each of these counts as one instruction, while on hardware
# an 8259 access costs about a microsecond and a cr3 write flushes the TLB:
# the table shows them beside each path so that moving work into them does
# not look like a gain.
#
#   bench/paths.sh DIR
#
# DIR/bench.conf lists the paths as PATHS="figure:FROM:TO:N ...": the Nth
# stretch of execution that ends at symbol TO (exclusive), starting at the
# last FROM (inclusive) before it, exactly as bench/profile.sh counts it.
# Prints one line per path: figure, instructions, io, cr3, fpu (tab-
# separated); the instruction count cross-checks the TSC figure. The system
# runs once, traced (-singlestep -d exec) through a FIFO, until every
# stretch has been seen.
set -eu

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}
dir=${1%/}
name=${dir#bench/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/trace_lib.sh
. bench/trace_lib.sh

PATHS=""
# shellcheck disable=SC1091
source "$dir/bench.conf"
[ -n "$PATHS" ] || exit 0
trace_tables "$dir" "$work/syms" "$work/classes"

specs=$work/specs
for p in $PATHS; do
	IFS=: read -r fig from to nth <<<"$p"
	for s in "$from" "$to"; do
		if ! awk -v s="$s" '$2 == s { f = 1 } END { exit !f }' "$work/syms"; then
			echo "paths: $name: unknown symbol $s" >&2
			exit 1
		fi
	done
	printf '%s %s %s %s\n' "$fig" "$(awk -v s="$from" '$2 == s { sub(/^0+/, "", $1); print $1; exit }' "$work/syms")" \
		"$(awk -v s="$to" '$2 == s { sub(/^0+/, "", $1); print $1; exit }' "$work/syms")" "${nth:-1}"
done >"$specs"

mkfifo "$work/log"
trace_cmd "$dir" "$work/log"
"${TRACE_CMD[@]}" </dev/null >/dev/null 2>&1 &
qemu_job=$!
status=0
awk -f - "$specs" "$work/classes" "$work/log" <<'AWK' || status=$?
FILENAME == ARGV[1] { np++; fig[np] = $1; from[np] = $2; to[np] = $3; nth[np] = $4; next }
FILENAME == ARGV[2] { a = $1; sub(/^0+/, "", a); cls[a] = $2; next }
!started { left = np; started = 1 }
{
	if (!match($0, /\[[0-9a-f]+\/[0-9a-f]+\//)) next
	split(substr($0, RSTART + 1, RLENGTH - 2), f, "/")
	pc = f[2]; sub(/^0+/, "", pc)
	c = (pc in cls) ? cls[pc] : ""
	for (i = 1; i <= np; i++) {
		if (done[i]) continue
		if (on[i] && pc == to[i]) {
			if (++k[i] == nth[i]) {
				printf "%s\t%d\t%d\t%d\t%d\n", fig[i], n[i], io[i], cr3[i], fpu[i]
				done[i] = 1; left--
				if (!left) exit 0
				continue
			}
			on[i] = 0
		}
		if (pc == from[i]) { on[i] = 1; n[i] = io[i] = cr3[i] = fpu[i] = 0 }
		if (on[i]) { n[i]++; if (c == "io") io[i]++; else if (c == "cr3") cr3[i]++; else if (c == "fpu") fpu[i]++ }
	}
}
END { for (i = 1; i <= np; i++) if (!done[i]) { printf "paths: stretch %d of %s not found\n", nth[i], fig[i] > "/dev/stderr"; bad = 1 } exit bad }
AWK
kill "$qemu_job" 2>/dev/null || true # timeout passes the signal on to QEMU
wait "$qemu_job" 2>/dev/null || true
exit "$status"
