# Shared by bench/profile.sh and bench/paths.sh (sourced): the symbol and
# instruction-class tables of a benchmark system, and a traced QEMU run.
#
#   trace_tables DIR SYMS CLASSES
#       SYMS: "addr name" of every function symbol of the kernel and of the
#       partition images DIR/system.cfg names, sorted; CLASSES: "addr class"
#       of every instruction icount counts as one but hardware does not:
#       io (in, out, ins, outs), cr3 (a write to cr3), fpu (fxsave, fxrstor,
#       fnsave, frstor).
#   trace_cmd DIR LOG
#       sets TRACE_CMD to the command that boots DIR's image under icount,
#       one instruction per translation block, logging every executed
#       address of the kernel and partitions to LOG (a file or a FIFO).
#       Reads bench.conf for ARGS and QEMU_EXTRA.

trace_images() {
	local dir=$1
	echo "$BUILD/sys/$dir/kernel.elf"
	sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$dir/system.cfg" |
		sort -u | sed "s|^|$BUILD/part/|"
}

trace_tables() {
	local dir=$1 syms=$2 classes=$3 f
	trace_images "$dir" | while IFS= read -r f; do
		nm -n "$f" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }'
	done | sort >"$syms"
	trace_images "$dir" | while IFS= read -r f; do
		objdump -d --no-show-raw-insn "$f" | awk '
			/^ *[0-9a-f]+:\t/ {
				a = $1; sub(/:$/, "", a); m = $2
				if (m ~ /^(in|out|ins|outs)[bwl]?$/) print a, "io"
				else if (m ~ /^mov/ && $3 ~ /,%cr3$/) print a, "cr3"
				else if (m ~ /^(fxsave|fxrstor|fnsave|frstor)$/) print a, "fpu"
			}'
	done | sort -u >"$classes"
}

trace_cmd() {
	local dir=$1 log=$2
	ARGS="" TIMEOUT=30 QEMU_EXTRA=()
	# shellcheck disable=SC1091
	[ -f "$dir/bench.conf" ] && source "$dir/bench.conf"
	# shellcheck disable=SC2054 # the commas belong to QEMU's option syntax
	TRACE_CMD=(timeout "${TRACE_TIMEOUT:-300}" "$QEMU" -display none -no-reboot -m 256
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial null
		-icount shift=0,align=off,sleep=off -singlestep -d exec,nochain
		-dfilter 0x100000..0x3fffffff,0x40000000..0xbfffffff -D "$log"
		-kernel "$BUILD/sys/$dir/kernel.elf" -append "$ARGS" "${QEMU_EXTRA[@]}")
}
