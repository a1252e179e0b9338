#!/usr/bin/env bash
# The in-QEMU test runner.
#
#   tests/qemu/run.sh DIR...
#
# Each DIR holds system.cfg (built by make into $BUILD/sys/DIR/kernel.elf)
# and test.conf, a bash fragment that sets:
#   REPORTERS="p q:5"    required: the partitions that must report, each
#                        with how many result lines it must print (default
#                        1); "" if none may. Every "RESULT <name> <verdict>"
#                        line must come from one of them (a result line from
#                        any other partition, or one not in a partition's
#                        name, fails the test), each must print exactly its
#                        number of SUCCESS or SKIP lines, and none FAILURE
#                        or ERROR.
# and may set:
#   ARGS="frames=20"     kernel command line
#   TIMEOUT=30           seconds before the run counts as a hang
#   EXIT_STATUS=33       the one QEMU exit status that passes (33: clean halt;
#                        a triple fault gives 0, a timeout 124)
#   ICOUNT=1             run under -icount shift=0,align=off,sleep=off
#   BOOT=iso             boot through a GRUB rescue ISO instead of -kernel
#   QEMU_EXTRA=(...)     more QEMU arguments (an array)
#   VICTIM=name          a hostile test: the partition `name` is a victim
#                        (tests/qemu/guests/hostile_victim) that must not
#                        notice its neighbours. The same system with every
#                        other partition quiet ($BUILD/sys/DIR/ref, made by
#                        tests/qemu/mkref.sh) is run as the reference, with
#                        the same settings (one run serves every test whose
#                        reference image is the same). The victim's lines
#                        and the kernel's summary of it must be identical in
#                        both runs, except its VICTIM lines, whose digests
#                        must be identical and whose window starts, ends and
#                        CPU time may differ by VICTIM_LIMIT instructions
#                        (default 1000), and no window of it may start more
#                        than VICTIM_START_MAX (1000) instructions late in
#                        either run. Needs ICOUNT=1. The deviation is
#                        printed on the PASS line and kept in
#                        $BUILD/qemu-logs/victim.tsv.
#   COMPARE_WITH=tests/qemu/OTHER  with COMPARE_LINES='regex': the lines of
#                        this log and OTHER's log that match the regex must
#                        be identical (and there must be some). OTHER is a
#                        test of its own; it is run first if it is not run
#                        yet, and it must pass.
#   TRACE=1              the system records a kernel trace (`trace on`): it is
#                        written to $LOGDIR/<test>.trace (QEMU -debugcon) and
#                        `bhtrace check` must pass on it against the log
#   POST_CHECK="cmd"     run last (bash -c) with LOG, TRACE_FILE and BUILD in
#                        its environment; a non-zero status fails the test,
#                        except 77: the check could not run here (a missing
#                        tool); the test is then SKIPPED, not passed
# Optional files: `expect` (extended regexes that must match output lines, in
# this order) and `reject` (regexes no line may match).
# A test fails on a wrong status, a result line out of place (see REPORTERS),
# a missing expected line or a rejected one, or compared lines that differ.
# The last line printed is "N passed, N failed"; before it, "skipped: NAMES"
# if any test was skipped. The exit status is non-zero if anything failed.
set -u

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}
LOGDIR=$BUILD/qemu-logs
mkdir -p "$LOGDIR"
passed=0
failed=0
failed_names=()
skipped_names=()
declare -A ran=()      # test directory -> pass or fail, once run
declare -A ref_runs=() # reference run key -> its log, once run
VICTIM_TSV=$LOGDIR/victim.tsv
# shellcheck source=tests/qemu/victim.sh
source "$(dirname "${BASH_SOURCE[0]}")/victim.sh"

fail() {
	echo "FAIL $name: $*"
	echo "---- last lines of $log"
	tail -n 15 "$log" | sed 's/^/    /'
	failed=$((failed + 1))
	failed_names+=("$name")
	ran[$dir]=fail
}

check_expect() {
	local file=$1 line=0 pattern
	while IFS= read -r pattern || [ -n "$pattern" ]; do
		[ -z "$pattern" ] && continue
		case $pattern in \#*) continue ;; esac
		local found
		found=$(tail -n +$((line + 1)) "$log" | grep -n -m1 -E -- "$pattern" | cut -d: -f1)
		if [ -z "$found" ]; then
			echo "expected line not found (in order): $pattern"
			return 1
		fi
		line=$((line + found))
	done <"$file"
	return 0
}

check_reject() {
	local file=$1 pattern
	while IFS= read -r pattern || [ -n "$pattern" ]; do
		[ -z "$pattern" ] && continue
		case $pattern in \#*) continue ;; esac
		if grep -q -E -- "$pattern" "$log"; then
			echo "rejected line present: $(grep -m1 -E -- "$pattern" "$log")"
			return 1
		fi
	done <"$file"
	return 0
}

# Result lines of LOG against REPORTERS (see the top of this file).
check_results() {
	local file=$1 reporters=$2 item who n line verdict
	local -A want=() got=()
	local re='^\[([A-Za-z0-9_]+)\] RESULT [^ ]+ (SUCCESS|SKIP|FAILURE|ERROR)( .*)?$'
	for item in $reporters; do
		who=${item%%:*} n=1
		[[ $item == *:* ]] && n=${item#*:}
		if [[ ! $who =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] || [[ ! $n =~ ^[0-9]+$ ]] ||
			[ "$who" = bh ] || [ "$who" = hm ]; then
			echo "test.conf: bad REPORTERS entry '$item'"
			return 1
		fi
		want[$who]=$n
	done
	while IFS= read -r line; do
		if [[ ! $line =~ $re ]]; then
			echo "result line not in a partition's name: $line"
			return 1
		fi
		who=${BASH_REMATCH[1]} verdict=${BASH_REMATCH[2]}
		if [ -z "${want[$who]:-}" ]; then
			echo "result line from $who, which is not a reporter: $line"
			return 1
		fi
		if [ "$verdict" = FAILURE ] || [ "$verdict" = ERROR ]; then
			echo "$line"
			return 1
		fi
		got[$who]=$((${got[$who]:-0} + 1))
	done < <(grep -E 'RESULT [^ ]+ (SUCCESS|SKIP|FAILURE|ERROR)' "$file")
	for who in "${!want[@]}"; do
		if [ "${got[$who]:-0}" -ne "${want[$who]}" ]; then
			echo "$who printed ${got[$who]:-0} result lines, expected ${want[$who]}"
			return 1
		fi
	done
	return 0
}

log_of() {
	local n=${1#tests/qemu/}
	echo "$LOGDIR/${n//\//_}.log"
}

# COMPARE_WITH: the matching lines of both logs, side by side where they differ.
check_compare() {
	local ref=${COMPARE_WITH%/} ours theirs
	if [ "${ran[$ref]:-}" != pass ]; then
		echo "reference $ref did not pass"
		return 1
	fi
	ours=$(grep -E -- "$COMPARE_LINES" "$log")
	theirs=$(grep -E -- "$COMPARE_LINES" "$(log_of "$ref")")
	if [ -z "$ours" ]; then
		echo "no line matches COMPARE_LINES"
		return 1
	fi
	if [ "$ours" != "$theirs" ]; then
		echo "lines differ from $ref (< here, > there):"
		diff <(echo "$ours") <(echo "$theirs") | grep '^[<>]' | head -n 6
		return 1
	fi
	return 0
}

# The COMPARE_WITH setting of a test directory, if any.
compare_ref() {
	(
		COMPARE_WITH=""
		# shellcheck disable=SC1091
		[ -f "$1/test.conf" ] && source "$1/test.conf" >/dev/null 2>&1
		echo "${COMPARE_WITH%/}"
	)
}

# Boot IMAGE (or the ISO of it) under the test's settings into LOG; status.
boot() {
	local image=$1 out=$2
	local cmd=(timeout "$TIMEOUT" "$QEMU" -display none -no-reboot -m 256
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio)
	[ "$ICOUNT" = 1 ] && cmd+=(-icount shift=0,align=off,sleep=off)
	if [ "$BOOT" = iso ]; then
		local iso=$BUILD/iso/${name//\//_}.iso
		if ! bash mk/mkiso.sh "$image" "$ARGS" "$iso" >"$out" 2>&1; then
			echo "could not build the GRUB ISO" >>"$out"
			return 1
		fi
		cmd+=(-cdrom "$iso")
	else
		cmd+=(-kernel "$image" -append "$ARGS")
	fi
	cmd+=("${QEMU_EXTRA[@]}")
	if [ "$TRACE" = 1 ]; then
		rm -f "$trace"
		cmd+=(-debugcon "file:$trace")
	fi
	"${cmd[@]}" </dev/null >"$out" 2>&1
	local status=$?
	tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
	return $status
}

status_msg() {
	local why=""
	[ "$1" -eq 124 ] && why=" (timeout after ${TIMEOUT}s: hang)"
	[ "$1" -eq 0 ] && why=" (triple fault or reset)"
	echo "QEMU exit status $1, expected $EXIT_STATUS$why"
}

run_one() {
	dir=${1%/}
	name=${dir#tests/qemu/}
	log=$(log_of "$dir")
	ARGS="" TIMEOUT=30 EXIT_STATUS=33 ICOUNT=0 BOOT=kernel
	REPORTERS=$'\x01unset' VICTIM="" VICTIM_LIMIT=1000 VICTIM_START_MAX=1000
	COMPARE_WITH="" COMPARE_LINES=""
	TRACE=0 POST_CHECK=""
	trace=${log%.log}.trace
	QEMU_EXTRA=()
	# shellcheck disable=SC1091
	[ -f "$dir/test.conf" ] && source "$dir/test.conf"
	: >"$log"
	if [ "$REPORTERS" = $'\x01unset' ]; then
		fail "test.conf does not set REPORTERS"
		return
	fi
	boot "$BUILD/sys/$dir/kernel.elf" "$log"
	local status=$?
	if [ "$status" -ne "$EXIT_STATUS" ]; then
		fail "$(status_msg "$status")"
		return
	fi
	local msg
	if ! msg=$(check_results "$log" "$REPORTERS"); then
		fail "$msg"
		return
	fi
	if [ -f "$dir/expect" ] && ! msg=$(check_expect "$dir/expect"); then
		fail "$msg"
		return
	fi
	if [ -f "$dir/reject" ] && ! msg=$(check_reject "$dir/reject"); then
		fail "$msg"
		return
	fi
	if [ -n "$COMPARE_WITH" ] && ! msg=$(check_compare); then
		fail "$msg"
		return
	fi
	if [ "$TRACE" = 1 ] && ! msg=$("$BUILD/tools/bhtrace" check "$trace" --log "$log" 2>&1); then
		fail "$(echo "$msg" | tail -n 8)"
		return
	fi
	if [ -n "$POST_CHECK" ]; then
		local post=0
		msg=$(LOG=$log TRACE_FILE=$trace BUILD=$BUILD bash -c "$POST_CHECK" 2>&1) || post=$?
		if [ "$post" = 77 ]; then
			echo "SKIP $name: $(echo "$msg" | tail -n 1)"
			skipped_names+=("$name")
			ran[$dir]=pass # what ran passed: a test comparing with it may run
			return
		elif [ "$post" != 0 ]; then
			fail "$(echo "$msg" | tail -n 8)"
			return
		fi
	fi
	local note=""
	if [ -n "$VICTIM" ]; then
		if ! victim_reference "$dir" || ! msg=$(victim_compare "$log" "$ref_log"); then
			fail "${msg:-reference run failed}"
			return
		fi
		note=" ($msg)"
	fi
	echo "PASS $name$note"
	passed=$((passed + 1))
	ran[$dir]=pass
}

for d in "$@"; do
	d=${d%/}
	ref=$(compare_ref "$d")
	if [ -n "$ref" ] && [ -z "${ran[$ref]:-}" ]; then
		run_one "$ref"
	fi
	[ -n "${ran[$d]:-}" ] && continue
	run_one "$d"
done
if [ "$failed" -gt 0 ]; then
	echo "failed: ${failed_names[*]}"
fi
if [ "${#skipped_names[@]}" -gt 0 ]; then
	echo "skipped: ${skipped_names[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
