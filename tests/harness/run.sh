#!/usr/bin/env bash
# Tests of the QEMU test harness itself (tests/qemu/run.sh), over canned
# logs: each tests/harness/cases/<case>/ holds a test.conf, `log` (what
# "QEMU" prints; fake_qemu.sh replays it, "#!status N" on its first line
# sets the exit status), optionally `ref.log` (the reference run of a
# VICTIM test) and `verdict`: "PASS" or "FAIL <regex the reason must
# match>". Prints one line per case and "harness: N cases checked, N
# failed"; status 1 if any case got another verdict.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0

for c in "$here"/cases/*/; do
	c=${c%/}
	rel=tests/harness/cases/$(basename "$c")
	n=$((n + 1))
	build=$tmp/$(basename "$c")
	mkdir -p "$build/sys/$rel/ref"
	cp "$c/log" "$build/sys/$rel/kernel.elf"
	[ -f "$c/ref.log" ] && cp "$c/ref.log" "$build/sys/$rel/ref/kernel.elf"
	out=$(cd "$root" && BUILD=$build QEMU="$here/fake_qemu.sh" bash tests/qemu/run.sh "$rel" 2>&1)
	read -r want why <"$c/verdict"
	got=$(echo "$out" | grep -E '^(PASS|FAIL) ' | head -n 1)
	case $want in
	PASS) [[ $got == PASS* ]] && ok=1 || ok=0 ;;
	*) [[ $got == FAIL* ]] && [[ $got =~ $why ]] && ok=1 || ok=0 ;;
	esac
	if [ "$ok" = 1 ]; then
		echo "ok   $(basename "$c"): $got"
	else
		echo "BAD  $(basename "$c"): expected $want ${why:-}, harness said:"
		echo "$out" | sed 's/^/    /'
		bad=$((bad + 1))
	fi
done
echo "harness: $n cases checked, $bad failed"
[ "$bad" -eq 0 ]
