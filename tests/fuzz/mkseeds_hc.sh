#!/usr/bin/env bash
# Writes the hand-made seeds of fuzz_hc (tests/fuzz/corpus/fuzz_hc/):
# programs in the format fuzz_hc.c reads. Operation bytes: 0 hypercall,
# 1 memory write, 2 tick, 3 interrupt, 4 trap, 5 vCPU word. A hypercall is
# the call number (< 0x80) then five arguments, each a kind byte (0 raw,
# 1/2 an address in the caller's region (kind >> 2), 3 small) and 4 bytes.
set -eu
out=${1:-tests/fuzz/corpus/fuzz_hc}
mkdir -p "$out"
b() { printf "\\x$(printf %02x "$1")"; }
u32() { b $(($1 & 255)); b $(($1 >> 8 & 255)); b $(($1 >> 16 & 255)); b $(($1 >> 24 & 255)); }
ptr() { b $((1 | $1 << 2)); u32 "$2"; } # region, offset
small() { b 3; u32 "$1"; }
hc() { b 0; b "$1"; shift; for a in "$@"; do eval "$a"; done; }
tick() { b 2; b "$1"; }

# Every call number with the first arguments in alpha's data region (1).
for nr in $(seq 0 30); do
	{ tick 0; hc "$nr" "ptr 1 16" "small 48" "ptr 1 256" "small 3" "small 1"; } >"$out/call-$nr"
done
# A guest buffer, then console_write and hm_raise from it.
{ b 1; b 1; u32 0 | head -c 2; b 15; printf 'hello, console!'; hc 1 "ptr 1 0" "small 15" "small 0" "small 0" "small 0"; hc 9 "small 7" "ptr 1 0" "small 15" "small 0" "small 0"; } >"$out/console"
# Register an interrupt stack in the stack region (3), unmask the tick, run.
{ hc 10 "ptr 0 256" "ptr 3 0" "small 64" "small 0" "small 0"; b 5; b 0; u32 1; b 5; b 2; u32 0; tick 3; tick 7; } >"$out/virq"
# Yield, idle and a few windows later a status query by whoever runs.
{ hc 4 "small 0" "small 0" "small 0" "small 0" "small 0"; tick 5; hc 5 "small 0" "small 0" "small 0" "small 0" "small 0"; tick 7; hc 6 "small 1" "ptr 1 64" "small 0" "small 0" "small 0"; } >"$out/switch"
# Traps and an interrupt on alpha's line.
{ b 4; b 14; u32 0x50000000; b 3; b 5; tick 1; b 4; b 0; u32 0; } >"$out/traps"
