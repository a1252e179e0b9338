#!/usr/bin/env bash
# The profile tools count what the benchmarks measure (docs/benchmarks.md,
# "Cross-check and profiles"): part of `make check`. It checks the tools
# under icount, where counts are exact; no figure is held to a target here.
#
#   tests/bench/tools.sh
#
#  - bench/virq runs through bench/run.sh (logs in a temporary directory):
#    once plain, for its BENCH figures, and once traced by bench/paths.sh.
#    Every path it lists must count exactly its figure's instructions, and
#    the port I/O column must be what the path executes (virq_delivery:
#    the 8259's mask and EOI, 2; native_irq: its EOI, 1).
#  - bench/profile.sh on virq_delivery (traced at the same time) must give
#    the figure too, and its per-function counts must add up to it.
#  - a symbol naming two addresses (rt_yield: rtos_irq's ring-0 executive
#    and its partition's) must be refused, with status 1.
# Prints one line per check and "bench tools: N counts checked, N failed".
set -u

BUILD=${BUILD:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checked=0 failed=0

check() { # check NAME OK-STATUS MESSAGE
	checked=$((checked + 1))
	if [ "$2" = 0 ]; then
		echo "ok   $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1: $3"
	fi
}

BUILD=$BUILD bash bench/profile.sh bench/virq x86_vec_35 bvq_handler 3 >"$work/profile" 2>&1 &
profile_job=$!
BENCH_LOGDIR=$work/logs BUILD=$BUILD bash bench/run.sh bench/virq >"$work/run" 2>&1
run_status=$?
wait "$profile_job"
profile_status=$?

check "bench/run.sh bench/virq" "$run_status" "status $run_status: $(tail -n 3 "$work/run" | tr '\n' ' ')"
# figure -> traced instructions, io (paths.tsv: system, figure, insn, io, cr3, fpu)
paths=$(awk -F'\t' '{ print $2, $3, $4 }' "$work/logs/paths.tsv" 2>/dev/null)
npaths=$(printf '%s\n' "$paths" | grep -c .)
[ "$npaths" -ge 9 ]
check "bench/virq traces its paths" $? "$npaths traced, expected the 9 of bench/virq/bench.conf"
while read -r fig insn io; do
	[ -n "$fig" ] || continue
	value=$(awk -F'\t' -v f="$fig" '$3 == f { print $4; exit }' "$work/logs/results.tsv")
	[ "$value" = "$insn" ]
	check "$fig: traced $insn, measured ${value:-none}" $? "the trace and the figure differ"
done <<<"$paths"
for want in virq_delivery:2 native_irq:1; do
	got=$(printf '%s\n' "$paths" | awk -v f="${want%%:*}" '$1 == f { print $3 }')
	[ "$got" = "${want#*:}" ]
	check "${want%%:*}: ${got:-no} port I/O" $? "expected ${want#*:}"
done

figure=$(awk -F'\t' '$3 == "virq_delivery" { print $4; exit }' "$work/logs/results.tsv")
total=$(awk 'NR == 1 { print $1 }' "$work/profile")
sum=$(awk 'NR > 1 { s += $1 } END { print s + 0 }' "$work/profile")
[ "$profile_status" = 0 ] && [ -n "$total" ] && [ "$total" = "$figure" ] && [ "$sum" = "$total" ]
check "profile.sh virq_delivery: $total, its functions $sum, the figure ${figure:-none}" $? \
	"status $profile_status: $(head -n 1 "$work/profile")"

BUILD=$BUILD bash bench/profile.sh bench/rtos_irq rt_yield rtb_woken 3 >"$work/ambiguous" 2>&1
status=$?
[ "$status" = 1 ] && grep -q 'rt_yield names more than one address' "$work/ambiguous"
check "profile.sh refuses an ambiguous symbol" $? "status $status: $(head -n 1 "$work/ambiguous")"

echo "bench tools: $checked counts checked, $failed failed"
[ "$failed" = 0 ]
