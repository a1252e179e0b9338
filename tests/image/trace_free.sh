#!/usr/bin/env bash
# Trace code exists only in the images of systems that turn the trace on
# (docs/trace.md: nothing when off).
#
#   tests/image/trace_free.sh PLAIN-IMAGE... -- TRACED-IMAGE...
#
# A plain image (before `--`) must have no symbol of the trace (bh_trace, trace_*,
# arch_clock_hz, arch_debug_write: none but the configuration tables' own
# names), no outsb (the kernel writes the debug port only to trace) and no
# rdtsc outside the partitions' clock (arch_clock_counter and
# arch_clock_calibrate, kernel/arch/x86/clock.c, in every kernel, and the
# clock's base read inline by the window-start tick, x86_tick_window,
# kernel/arch/x86/tick.S, in every kernel without the trace). Each
# traced image must have them all, so that the check can see them at all.
# One line per failure and a summary; status 1 on any failure.
set -u

NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
CODE="trace code"
INSN_NAMES=rdtsc/outsb
REQUIRED="bh_trace trace_init trace_dump trace_tick_clock arch_clock_hz arch_debug_write"
. "$(dirname "$0")/lib.sh"

# rdtsc and outsb instructions, but those of the partitions' clock.
insns() {
	"$OBJDUMP" -d "$1" | awk '
		/^[0-9a-f]+ <[^>]+>:$/ { fn = $2; next }
		fn == "<arch_clock_counter>:" || fn == "<arch_clock_calibrate>:" { next }
		fn == "<x86_tick_window>:" { next }
		/\t(rdtsc|outsb)( |$)/ { n++ }
		END { print n + 0 }'
}

unwanted() {
	"$NM" "$1" | awk '{print $3}' | grep -E '^(bh_trace$|trace_|arch_clock_hz$|arch_debug)'
}

image_check trace_free "$@"
