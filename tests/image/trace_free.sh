#!/usr/bin/env bash
# Trace code exists only in the images of systems that turn the trace on
# (docs/trace.md: nothing when off).
#
#   tests/image/trace_free.sh PLAIN-IMAGE... -- TRACED-IMAGE...
#
# A plain image must have no symbol of the trace (bh_trace, trace_*,
# arch_clock_hz, arch_debug_write: none but the configuration tables' own
# names), no outsb (the kernel writes the debug port only to trace) and no
# rdtsc outside the partitions' clock (arch_clock_counter and
# arch_clock_calibrate, kernel/arch/x86/clock.c, in every kernel). Each
# traced image must have them all, so that the check can see them at all.
# One line per failure and a summary; status 1 on any failure.
set -u

NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
TRACE_SYMS="bh_trace trace_init trace_dump trace_tick_clock arch_clock_hz arch_debug_write"
bad=0
n=0

# rdtsc and outsb instructions, but those of the partitions' clock.
insns() {
	"$OBJDUMP" -d "$1" | awk '
		/^[0-9a-f]+ <[^>]+>:$/ { fn = $2; next }
		fn == "<arch_clock_counter>:" || fn == "<arch_clock_calibrate>:" { next }
		/\t(rdtsc|outsb)( |$)/ { n++ }
		END { print n + 0 }'
}

check_plain() {
	local img=$1 syms
	syms=$("$NM" "$img" | awk '{print $3}' | grep -E '^(bh_trace$|trace_|arch_clock_hz$|arch_debug)' |
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
