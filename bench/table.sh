#!/usr/bin/env bash
# Regenerate the results table of docs/benchmarks.md (called by bench/run.sh).
#
#   bench/table.sh RESULTS META DOC BEGIN_MARK END_MARK QEMU ELAPSED [PATHS]
#
# RESULTS: system, who, figure, value, unit (tab-separated, in run order).
# META: system, mode, kind (system/pair/target), figure, argument.
# PATHS: system, figure, insn, io, cr3, fpu (bench/paths.sh), optional.
# One row per figure a partition reported, and per figure of the kernel that
# bench.conf gives a target; the kernel's other figures appear as the native
# baselines of the pairs bench.conf declares (same system, same boot), and
# its probe calibration in the note under the table. The text
# between the two marker lines of DOC is replaced (the markers are appended,
# with the table, if DOC has none).
set -eu

results=$1 meta=$2 doc=$3 begin=$4 end=$5 qemu=$6 elapsed=$7 paths=${8:-/dev/null}
block=$(mktemp)
trap 'rm -f "$block" "$block.doc"' EXIT

version=$("$qemu" --version | head -n 1)
nsys=$(awk -F'\t' '$3 == "system"' "$meta" | wc -l)
{
	echo "$begin"
	echo
	echo "Last run $(date -u +%Y-%m-%d), $version, $nsys systems in ${elapsed} s"
	echo "(\`make bench\`, build excluded). \`insn\`: guest instructions under icount;"
	echo "\`ratio\`: a ratio within one run (of instruction counts in an icount system,"
	echo "of host time in a TCG one). \"io/cr3/fpu\": port I/O instructions, cr3 writes and"
	echo "FPU saves/restores the path executes (each counts as one instruction under"
	echo "icount; bench/paths.sh), for the figure and for its baseline."
	echo
	awk -F'\t' -f - "$results" "$meta" "$paths" <<'AWK'
FILENAME == ARGV[1] {
	n++; rs[n] = $1; rw[n] = $2; rn[n] = $3; rv[n] = $4; ru[n] = $5
	val[$1 SUBSEP $3] = $4
	next
}
FILENAME == ARGV[3] { hw[$1 SUBSEP $2] = $4 "/" $5 "/" $6; next }
$3 == "system" { ns++; sys[ns] = $1; mode[$1] = $2 }
$3 == "pair" { pair[$1 SUBSEP $4] = $5 }
$3 == "target" { target[$1 SUBSEP $4] = $5 }

# "150,+40,3x" -> "<= 150, added <= 40, <= 3x baseline: met" (or missed,
# ?); ">0.999" -> ">= 0.999". The ratio is tested unrounded.
function goal(spec, v, added, bv,    k, i, c, text, ok, known, lim) {
	k = split(spec, c, ",")
	ok = 1; known = 1; text = ""
	for (i = 1; i <= k; i++) {
		if (c[i] ~ /^\+/) {
			lim = substr(c[i], 2); text = text (i > 1 ? ", " : "") "added <= " lim
			if (added == "") known = 0; else if (added + 0 > lim + 0) ok = 0
		} else if (c[i] ~ /x$/) {
			lim = substr(c[i], 1, length(c[i]) - 1); text = text (i > 1 ? ", " : "") "<= " lim "x baseline"
			if (bv == "" || bv + 0 <= 0) known = 0; else if (v + 0 > (lim + 0) * (bv + 0)) ok = 0
		} else if (c[i] ~ /^>/) {
			lim = substr(c[i], 2); text = text (i > 1 ? ", " : "") ">= " lim
			if (v + 0 < lim + 0) ok = 0
		} else {
			text = text (i > 1 ? ", " : "") "<= " c[i]
			if (v + 0 > c[i] + 0) ok = 0
		}
	}
	return text ": " (!ok ? "**missed**" : known ? "met" : "?")
}

function row(s, i,    f, v, b, bv, ratio, added, bcell, t) {
	f = rn[i]; v = rv[i]; b = pair[s SUBSEP f]; bv = ""; ratio = ""; added = ""
	bcell = "—"
	if (b != "" && (s SUBSEP b) in val) {
		bv = val[s SUBSEP b]; bcell = b
		if (bv + 0 > 0) ratio = sprintf("%.2f", v / bv)
		if (ru[i] == "insn") added = v - bv
	} else if (b != "" && ru[i] == "ratio") {
		bcell = b " (same run)"; ratio = v
	}
	t = (s SUBSEP f) in target ? goal(target[s SUBSEP f], v, added, bv) : ""
	printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) |\n", f, v, ru[i], bcell,
		bv == "" ? "—" : bv, ratio == "" ? "—" : ratio, added == "" ? "—" : added,
		(s SUBSEP f) in hw ? hw[s SUBSEP f] : "—",
		b != "" && (s SUBSEP b) in hw ? hw[s SUBSEP b] : "—", t, s, mode[s]
}

END {
	print "| figure | value | unit | baseline (same boot) | baseline value | ratio | added | io/cr3/fpu | baseline io/cr3/fpu | target | system (mode) |"
	print "|---|--:|---|---|--:|--:|--:|--:|--:|---|---|"
	for (k = 1; k <= ns; k++)
		for (i = 1; i <= n; i++)
			if (rs[i] == sys[k] && (rw[i] != "bh" || (sys[k] SUBSEP rn[i]) in target))
				row(sys[k], i)
	for (k = 1; k <= ns && cal == ""; k++)
		if ((sys[k] SUBSEP "probe_entry_overhead") in val)
			cal = sprintf("kernel entry probe %s insn (already taken off the entry stamps), ring-0 stamp pair %s insn (taken off the native baselines), in %s", val[sys[k] SUBSEP "probe_entry_overhead"], val[sys[k] SUBSEP "stamp_overhead"], sys[k])
	if (cal != "")
		print "\nProbe overheads of this run: " cal ". Partitions measure and take off their own stamp pairs the same way."
}
AWK
	echo
	echo "$end"
} >"$block"

if [ -f "$doc" ] && grep -qF -- "$begin" "$doc" && grep -qF -- "$end" "$doc"; then
	awk -v b="$begin" -v e="$end" -v f="$block" '
		$0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
		$0 == e { skip = 0; next }
		!skip' "$doc" >"$block.doc"
else
	{ [ -f "$doc" ] && cat "$doc"; printf '\n## Results\n\n'; cat "$block"; } >"$block.doc"
fi
mv "$block.doc" "$doc"
