# Helpers of the SDK tests (tests/sdk/test_*.sh, sourced by tests/sdk/run.sh).
# A check prints "PASS name" or "FAIL name: why" plus the last lines of its
# log; run.sh counts them. Logs go to $LOGDIR/<name>.log.

pass() {
	echo "PASS $1"
}

fail() {
	local name=$1
	shift
	echo "FAIL $name: $*"
	if [ -f "$LOGDIR/$name.log" ]; then
		echo "---- last lines of $LOGDIR/$name.log"
		tail -n 12 "$LOGDIR/$name.log" | sed 's/^/    /'
	fi
}

# run NAME CMD...: runs CMD with its output in NAME's log (carriage
# returns of the serial console taken out); sets $status.
run() {
	local name=$1
	shift
	"$@" </dev/null >"$LOGDIR/$name.log.raw" 2>&1
	status=$?
	tr -d '\r' <"$LOGDIR/$name.log.raw" >"$LOGDIR/$name.log"
	rm -f "$LOGDIR/$name.log.raw"
}

# expect NAME STATUS REGEX...: the last run ended with STATUS and its log
# has a line matching each extended REGEX.
expect() {
	local name=$1 want=$2 re
	shift 2
	if [ "$status" != "$want" ]; then
		fail "$name" "exit status $status, expected $want"
		return 1
	fi
	for re in "$@"; do
		if ! grep -q -E -- "$re" "$LOGDIR/$name.log"; then
			fail "$name" "no line matches: $re"
			return 1
		fi
	done
	pass "$name"
}

# refuse NAME REGEX: no line of NAME's log matches REGEX (else a failure).
refuse() {
	if grep -q -E -- "$2" "$LOGDIR/$1.log"; then
		fail "$1" "unexpected line: $(grep -m1 -E -- "$2" "$LOGDIR/$1.log")"
		return 1
	fi
	return 0
}
