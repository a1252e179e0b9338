#!/usr/bin/env bash
# Benchmark code exists only in benchmark images (issue 8, break 9).
#
#   tests/image/bench_free.sh NORMAL-IMAGE... -- BENCH-IMAGE...
#
# A normal image must have no symbol of the benchmark module (no name with
# "bench" or "sysenter": probes, gates 0x81-0x83, the sysenter entry; the
# configuration tables' symbols, named after partitions, aside) and no
# wrmsr instruction (the kernel writes MSRs only to set up sysenter for the
# benchmarks). Each benchmark image must have them all: that the check can
# see them at all. Prints one line per image and a summary; status 1 on any
# failure.
set -u

NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
CODE="benchmark code"
INSN_NAMES=wrmsr
REQUIRED="x86_bench_init x86_bench_null_entry x86_bench_cpu_entry x86_bench_gate_entry x86_bench_irq_table x86_sysenter_entry"
. "$(dirname "$0")/lib.sh"

insns() {
	"$OBJDUMP" -d "$1" | grep -c -w wrmsr
}

# Symbols of the image but not of its configuration tables (config.c.o and
# images.S.o beside it), whose names carry the system's partition names.
kernel_syms() {
	local img=$1 d
	d=$(dirname "$img")
	comm -23 <("$NM" "$img" | awk '{print $3}' | sort -u) \
		<(cat "$d/config.c.o" "$d/images.S.o" 2>/dev/null >/dev/null &&
			"$NM" "$d/config.c.o" "$d/images.S.o" | awk 'NF >= 2 {print $NF}' | sort -u)
}

unwanted() {
	kernel_syms "$1" | grep -i -E 'bench|sysenter'
}

image_check bench_free "$@"
