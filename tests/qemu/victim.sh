# The victim comparison of tests/qemu/run.sh (VICTIM=name in a test.conf),
# sourced by it. A hostile test boots a system in which partition $VICTIM
# runs tests/qemu/guests/hostile_victim next to attackers; its reference is
# the same system with every other partition quiet, built by make into
# $BUILD/sys/DIR/ref/kernel.elf (tests/qemu/mkref.sh). Under icount both
# runs are deterministic, so whatever the attackers did shows as a
# difference in what the victim saw.
#
# The victim prints, besides its ordinary lines, lines of the form
#   VICTIM windows=N digest=XXXXXXXX start=A..B end=C..D cpu=E..F
# (see hostile_victim/main.c): a digest of everything that must be exact
# (kernel times, ticks, timers, memory canary, FPU state) and, over its
# windows, the range of its window starts, of the instants it last ran
# before each window's end and of the instructions it ran in each window,
# all in instructions. The digests must be equal; each range end may move
# by at most VICTIM_LIMIT instructions. And in both runs no window may start
# more than VICTIM_START_MAX instructions late (start is measured against
# a timer upcall, so it is the switch's own cost): what a configuration
# costs every switch (say, thousands of I/O ports) shows in both runs alike.

# Set ref_log to the log of the reference run of test DIR (running it if no
# run of the same image with the same settings was made); 1 if it failed,
# with the reason in msg.
victim_reference() {
	local dir=$1 image=$BUILD/sys/$1/ref/kernel.elf key status
	msg=""
	if [ "$ICOUNT" != 1 ]; then
		msg="VICTIM needs ICOUNT=1"
		return 1
	fi
	if [ ! -f "$image" ]; then
		msg="no reference image $image (make builds it)"
		return 1
	fi
	# What gets loaded, not the debug information (which names the source).
	if ! objcopy -O binary "$image" "$LOGDIR/ref.bin" 2>/dev/null; then
		cp "$image" "$LOGDIR/ref.bin"
	fi
	key=$( (md5sum <"$LOGDIR/ref.bin" && echo "$ARGS|$TIMEOUT|$EXIT_STATUS|${QEMU_EXTRA[*]}") |
		md5sum | cut -c1-12)
	ref_log=$LOGDIR/reference-$key.log
	if [ -z "${ref_runs[$key]:-}" ]; then
		boot "$image" "$ref_log"
		status=$?
		if [ "$status" -ne "$EXIT_STATUS" ]; then
			ref_runs[$key]="reference run: $(status_msg "$status")"
		elif ! msg=$(check_results "$ref_log" "$VICTIM"); then
			ref_runs[$key]="reference run: $msg"
		else
			ref_runs[$key]=ok
		fi
	fi
	ln -sf "$(basename "$ref_log")" "${log%.log}.ref.log"
	if [ "${ref_runs[$key]}" != ok ]; then
		msg="${ref_runs[$key]} (log $ref_log)"
		return 1
	fi
	return 0
}

# |a - b|
victim_abs() {
	local d=$(($1 - $2))
	echo $((d < 0 ? -d : d))
}

# The VICTIM line fields of one line: windows digest s0 s1 e0 e1 c0 c1.
victim_fields() {
	local re='VICTIM windows=([0-9]+) digest=([0-9a-f]{8}) start=(-?[0-9]+)\.\.(-?[0-9]+) end=(-?[0-9]+)\.\.(-?[0-9]+) cpu=(-?[0-9]+)\.\.(-?[0-9]+)$'
	[[ $1 =~ $re ]] || return 1
	echo "${BASH_REMATCH[@]:1}"
}

# Compare the victim in LOG with REF. Success: prints the deviations
# ("victim start N end N cpu N insn vs reference"); failure: the reason.
victim_compare() {
	local log=$1 ref=$2 v=$VICTIM ours theirs i
	local others="^\\[$v\\] |^\\[bh\\] partition $v: " stats="^\\[$v\\] VICTIM "
	ours=$(grep -E -- "$others" "$log" | grep -v -E -- "$stats")
	theirs=$(grep -E -- "$others" "$ref" | grep -v -E -- "$stats")
	if [ "$ours" != "$theirs" ]; then
		echo "the victim's lines differ from the reference run (< here, > reference):"
		diff <(echo "$ours") <(echo "$theirs") | grep '^[<>]' | head -n 6
		return 1
	fi
	local -a a b
	mapfile -t a < <(grep -E -- "$stats" "$log")
	mapfile -t b < <(grep -E -- "$stats" "$ref")
	if [ "${#a[@]}" -eq 0 ] || [ "${#a[@]}" -ne "${#b[@]}" ]; then
		echo "${#a[@]} VICTIM lines here, ${#b[@]} in the reference run"
		return 1
	fi
	local ws=0 we=0 wc=0 late=0 x y
	for i in "${!a[@]}"; do
		if ! x=($(victim_fields "${a[$i]}")) || ! y=($(victim_fields "${b[$i]}")); then
			echo "malformed VICTIM line: ${a[$i]} / ${b[$i]}"
			return 1
		fi
		if [ "${x[0]} ${x[1]}" != "${y[0]} ${y[1]}" ]; then
			echo "victim digest differs: ${a[$i]#*VICTIM } (reference: ${b[$i]#*VICTIM })"
			return 1
		fi
		late=$((x[3] > late ? x[3] : late))
		late=$((y[3] > late ? y[3] : late))
		for k in 2 3; do
			ws=$(( $(victim_abs "${x[$k]}" "${y[$k]}") > ws ? $(victim_abs "${x[$k]}" "${y[$k]}") : ws ))
		done
		for k in 4 5; do
			we=$(( $(victim_abs "${x[$k]}" "${y[$k]}") > we ? $(victim_abs "${x[$k]}" "${y[$k]}") : we ))
		done
		for k in 6 7; do
			wc=$(( $(victim_abs "${x[$k]}" "${y[$k]}") > wc ? $(victim_abs "${x[$k]}" "${y[$k]}") : wc ))
		done
	done
	printf '%s\t%s\t%s\t%s\n' "$name" "$ws" "$we" "$wc" >>"$VICTIM_TSV"
	if [ "$ws" -gt "$VICTIM_LIMIT" ] || [ "$we" -gt "$VICTIM_LIMIT" ] || [ "$wc" -gt "$VICTIM_LIMIT" ]; then
		echo "victim moved: window start by $ws, end by $we, CPU time by $wc instructions (limit $VICTIM_LIMIT)"
		return 1
	fi
	if [ "$late" -gt "$VICTIM_START_MAX" ]; then
		echo "a victim window starts $late instructions late, in both runs (limit $VICTIM_START_MAX)"
		return 1
	fi
	echo "victim start $ws end $we cpu $wc insn vs reference"
	return 0
}
