#!/usr/bin/env bash
# The reference system of a hostile test (tests/qemu/victim.sh):
#
#   tests/qemu/mkref.sh VICTIM system.cfg > ref/system.cfg
#
# The same system with every partition but VICTIM running
# hostile_quiet.elf (a partition that only spins) and without their `hm`
# lines (a quiet partition raises no event); memory, devices, ports,
# privileges and the schedule stay as they are, so the kernel's work for
# the victim is the same in both. The system is renamed `reference`: the
# victim measures from its first window, so boot-time differences (image
# sizes, the name printed) do not count.
set -eu
victim=$1
awk -v victim="$victim" -v quiet=hostile_quiet.elf '
	function indent(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
	/^[ \t]*system[ \t]/ { print indent($0) "system reference"; next }
	/^[ \t]*partition[ \t]/ { name = $2; print; next }
	/^[ \t]*end([ \t]|$)/ { name = ""; print; next }
	name != "" && name != victim && /^[ \t]*image[ \t]/ { print indent($0) "image   " quiet; next }
	name != "" && name != victim && /^[ \t]*hm[ \t]/ { next }
	{ print }
' "$2"
