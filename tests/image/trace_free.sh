#!/usr/bin/env bash
# Trace code exists only in the images of systems that turn the trace on
# (docs/trace.md: nothing when off).
#
#   tests/image/trace_free.sh PLAIN-IMAGE... -- TRACED-IMAGE...
#
# A plain image must have no symbol of the trace (bh_trace, trace_*,
# arch_clock_hz, arch_debug_write: none but the configuration tables' own
# names) and no rdtsc or outsb instruction (the kernel reads the
# time-stamp counter and writes the debug port only to trace). Each traced
# image must have them all, so that the check can see them at all. One
# line per failure and a summary; status 1 on any failure.
set -u

NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
TRACE_SYMS="bh_trace trace_init trace_dump trace_tick_clock arch_clock_hz arch_debug_write"
bad=0
n=0

insns() {
	"$OBJDUMP" -d "$1" | grep -c -w -E 'rdtsc|outsb|outsb +%ds:\(%esi\),\(%dx\)'
}

check_plain() {
	local img=$1 syms
	syms=$("$NM" "$img" | awk '{print $3}' | grep -E '^(bh_trace$|trace_|arch_clock|arch_debug)' |
		tr '\n' ' ')
	if [ -n "$syms" ] || [ "$(insns "$img")" -ne 0 ]; then
		echo "FAIL $img: trace code in an image without the trace: ${syms}rdtsc/outsb x$(insns "$img")"
		return 1
	fi
}

check_traced() {
	local img=$1 s missing=""
	for s in $TRACE_SYMS; do
		"$NM" "$img" | grep -q -w "$s" || missing="$missing $s"
	done
	if [ -n "$missing" ] || [ "$(insns "$img")" -eq 0 ]; then
		echo "FAIL $img: traced image without$missing (rdtsc/outsb x$(insns "$img"))"
		return 1
	fi
}

mode=plain
for img in "$@"; do
	if [ "$img" = -- ]; then
		mode=traced
		continue
	fi
	n=$((n + 1))
	"check_$mode" "$img" || bad=$((bad + 1))
done
echo "trace_free: $n images checked, $bad failed"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
