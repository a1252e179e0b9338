#!/usr/bin/env bash
# Documents that cannot drift (`make doc-test`, part of `make check`).
#
#   tests/docs/check.sh FILE.md...
#
# A block or table in a document is checked when the line right before it
# is a marker:
#   <!-- doc-check: partition -->         C: compiled and linked as a partition
#                                         against the installed SDK, -Werror
#   <!-- doc-check: partition-run RE -->  the same, then booted alone in a
#                                         system for 5 major frames: a line
#                                         of its output matches RE (ERE)
#   <!-- doc-check: config -->            a system.cfg: `bhcfg check --no-images`
#   <!-- doc-check: output CMD -->        exactly what CMD prints (run at the
#                                         top of the tree, tools on PATH)
#   <!-- doc-check: file PATH -->         exactly the file PATH of the tree
#   <!-- doc-check: names LIST -->        the table below names every member
#                                         of LIST (errors, hm_events,
#                                         hm_actions) of include/bulkhead/abi.h
#                                         in backquotes, and nothing else of
#                                         its kind
#   <!-- doc-check: none WHY -->          deliberately not checked
# Every ```c and ```make block must carry a marker, so that a new one
# cannot slip by unchecked. Prints one PASS or FAIL line per check, then
# "doc snippets: N checked, N failed".
# Environment: BUILD (the SDK is $BUILD/sdk), QEMU.
set -u

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}
ROOT=$(pwd)
SDK=$ROOT/$BUILD/sdk
WORK=$ROOT/$BUILD/doc-check
PATH=$SDK/bin:$PATH
export PKG_CONFIG_PATH=$SDK/lib/pkgconfig
rm -rf "$WORK" && mkdir -p "$WORK"
checked=0
failed=0

pass() {
	echo "PASS $1"
	checked=$((checked + 1))
}

fail() {
	echo "FAIL $1: $2"
	[ -s "$WORK/log" ] && tail -n 12 "$WORK/log" | sed 's/^/    /'
	checked=$((checked + 1))
	failed=$((failed + 1))
}

# ------------------------------------------------------------ the kinds

check_partition() { # where src
	local where=$1 src=$2
	# shellcheck disable=SC2046
	gcc $(pkg-config --cflags bulkhead-partition) -O2 -Wall -Wextra -Werror \
		-c "$src" -o "$src.o" >"$WORK/log" 2>&1 &&
		gcc -o "$src.elf" "$src.o" $(pkg-config --libs bulkhead-partition) \
			>>"$WORK/log" 2>&1
}

# A system of one partition: the snippet, 100 Hz tick, privileged.
check_partition_run() { # where src regex
	local src=$2 re=$3 dir
	check_partition "$1" "$src" || return 1
	dir=$(dirname "$src")
	cp "$src.elf" "$dir/doc.elf"
	cat >"$dir/system.cfg" <<'CFG'
system doc
tick        1ms
major_frame 10ms
partition doc
    image   doc.elf
    memory  0x40000000 256K rwx
    tick    100Hz
    privileged
end
schedule
    window doc 0ms 10ms
end
CFG
	# shellcheck disable=SC2046
	{ bhcfg tables "$dir/system.cfg" -o "$dir/config.c" &&
		bhcfg image "$dir/system.cfg" -o "$dir/images.S" &&
		gcc $(pkg-config --cflags bulkhead-kernel) -c "$dir/config.c" -o "$dir/config.o" &&
		gcc -m32 -c "$dir/images.S" -o "$dir/images.o" &&
		gcc -o "$dir/kernel.elf" "$dir/config.o" "$dir/images.o" \
			$(pkg-config --libs bulkhead-kernel) &&
		bhrun --qemu "$QEMU" --frames 5 --timeout 30 "$dir/kernel.elf" </dev/null; } \
		>"$WORK/log" 2>&1 || return 1
	tr -d '\r' <"$WORK/log" | grep -q -E -- "$re" || {
		echo "no line matches: $re" >>"$WORK/log"
		return 1
	}
}

check_config() { # where src
	bhcfg check --no-images "$2" >"$WORK/log" 2>&1
}

check_output() { # where src cmd...
	local src=$2
	shift 2
	(cd "$ROOT" && PATH=$ROOT/$BUILD/tools:$ROOT/tools/bhrun:$PATH bash -c "$*") \
		>"$WORK/out" 2>"$WORK/log" || { echo "the command failed" >>"$WORK/log"; return 1; }
	diff "$src" "$WORK/out" >>"$WORK/log" 2>&1
}

check_file() { # where src path
	diff "$ROOT/$3" "$2" >"$WORK/log" 2>&1
}

# The names of LIST in the ABI header, one per line.
abi_names() {
	local abi=$ROOT/include/bulkhead/abi.h
	case $1 in
	errors) sed -n '/^enum bh_error {/,/^};/s/^\s*\(BH_E[A-Z0-9]*\) = -[0-9]*,.*/\1/p' "$abi" ;;
	hm_events) sed -n '/^#define BH_HM_EVENTS(X)/,/[^\\]$/s/.*X([0-9]*, [A-Z_]*, \([a-z_]*\)).*/\1/p' "$abi" |
		grep -v '^none$' ;;
	hm_actions) sed -n '/^#define BH_HM_ACTIONS(X)/,/[^\\]$/s/.*X([0-9]*, [A-Z_]*, \([a-z_]*\)).*/\1/p' "$abi" ;;
	*) return 1 ;;
	esac
}

check_names() { # where src list
	local src=$2 list=$3 name names
	names=$(abi_names "$list") || { echo "unknown list $list" >"$WORK/log"; return 1; }
	[ -n "$names" ] || { echo "no $list found in abi.h" >"$WORK/log"; return 1; }
	: >"$WORK/log"
	for name in $names; do
		grep -q -- "\`$name\`" "$src" || echo "missing: $name" >>"$WORK/log"
	done
	# The first column of each row must be one of them.
	sed -n 's/^| `\([A-Za-z0-9_]*\)`.*/\1/p' "$src" | while read -r name; do
		echo "$names" | grep -qx -- "$name" || echo "not in abi.h: $name" >>"$WORK/log"
	done
	[ ! -s "$WORK/log" ]
}

# ------------------------------------------------------ the extraction

# run_check FILE LINE KIND ARGS BLOCKFILE
run_check() {
	local file=$1 line=$2 kind=$3 args=$4 src=$5 where="$1:$2 ($3)"
	local dir=$WORK/$(basename "$file" .md)-$line
	mkdir -p "$dir"
	case $kind in
	partition) mv "$src" "$dir/main.c" && check_partition "$where" "$dir/main.c" ;;
	partition-run) mv "$src" "$dir/main.c" && check_partition_run "$where" "$dir/main.c" "$args" ;;
	config) mv "$src" "$dir/system.cfg" && check_config "$where" "$dir/system.cfg" ;;
	output) check_output "$where" "$src" "$args" ;;
	file) check_file "$where" "$src" "$args" ;;
	names) check_names "$where" "$src" "$args" ;;
	*) echo "unknown kind $kind" >"$WORK/log" && false ;;
	esac && pass "$where" || fail "$where" "$kind $args"
}

# Splits FILE into its marked blocks and tables; checks each.
check_doc() {
	local file=$1 n=0 line kind args marker="" in_block=0 in_table=0 start=0 lang
	local block=$WORK/block
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		if [ "$in_block" = 1 ]; then
			if [[ $line =~ ^\`\`\` ]]; then
				in_block=0
				[ -n "$marker" ] && run_check "$file" "$start" "$kind" "$args" "$block"
				marker=""
			else
				printf '%s\n' "$line" >>"$block"
			fi
			continue
		fi
		if [ "$in_table" = 1 ]; then
			if [[ $line =~ ^\| ]]; then
				printf '%s\n' "$line" >>"$block"
				continue
			fi
			in_table=0
			run_check "$file" "$start" "$kind" "$args" "$block"
			marker=""
		fi
		if [[ $line =~ ^\`\`\`(.*)$ ]]; then
			lang=${BASH_REMATCH[1]}
			in_block=1
			start=$n
			: >"$block"
			if [ -z "$marker" ] && { [ "$lang" = c ] || [ "$lang" = make ]; }; then
				fail "$file:$n" "a \`\`\`$lang block without a doc-check marker"
			fi
			[ "$kind" = none ] && marker=""
			continue
		fi
		if [[ $line =~ ^\| ]] && [ "$kind" = names ] && [ -n "$marker" ]; then
			in_table=1
			start=$n
			printf '%s\n' "$line" >"$block"
			continue
		fi
		if [[ $line =~ ^\<!--\ doc-check:\ ([a-z-]+)\ ?(.*)\ --\>$ ]]; then
			marker=$n
			kind=${BASH_REMATCH[1]}
			args=${BASH_REMATCH[2]}
			continue
		fi
		[ -n "$marker" ] && [ "$kind" != names ] && {
			fail "$file:$marker" "the marker is not right before a block"
			marker=""
		}
		[ -n "$marker" ] && [ "$kind" = names ] && [ -n "$line" ] && {
			fail "$file:$marker" "the marker is not right before a table"
			marker=""
		}
		kind=""
	done <"$file"
	[ "$in_table" = 1 ] && run_check "$file" "$start" "$kind" "$args" "$block"
	return 0
}

for f in "$@"; do
	check_doc "$f"
done
echo "doc snippets: $checked checked, $failed failed"
[ "$failed" -eq 0 ]
