# The driver that tests/image/bench_free.sh and trace_free.sh share: code
# that must exist only in some kernel images (the benchmark module, the
# trace) is looked for in every image.
#
#   image_check NAME IMAGE... -- SPECIAL-IMAGE...
#
# The caller defines:
#   unwanted IMG   print the names of IMG's symbols that belong to the code
#                  (one line each, nothing when there are none)
#   insns IMG      print how many of the code's telltale instructions IMG has
#   REQUIRED       the symbols every special image must have
# An image before `--` must have neither symbols nor instructions; every one
# after it must have all of REQUIRED and at least one instruction (so that
# the check can see the code at all). Prints one line per failure and a
# summary; returns 1 on any failure or when no image was given.

check_without() {
	local img=$1 syms
	syms=$(unwanted "$img" | tr '\n' ' ')
	if [ -n "$syms" ] || [ "$(insns "$img")" -ne 0 ]; then
		echo "FAIL $img: $CODE in an image that must not have it: ${syms}$INSN_NAMES x$(insns "$img")"
		return 1
	fi
}

check_with() {
	local img=$1 s missing=""
	for s in $REQUIRED; do
		"$NM" "$img" | grep -q -w "$s" || missing="$missing $s"
	done
	if [ -n "$missing" ] || [ "$(insns "$img")" -eq 0 ]; then
		echo "FAIL $img: $CODE image without$missing ($INSN_NAMES x$(insns "$img"))"
		return 1
	fi
}

image_check() {
	local name=$1 mode=without img bad=0 n=0
	shift
	for img in "$@"; do
		if [ "$img" = -- ]; then
			mode=with
			continue
		fi
		n=$((n + 1))
		"check_$mode" "$img" || bad=$((bad + 1))
	done
	echo "$name: $n images checked, $bad failed"
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}
