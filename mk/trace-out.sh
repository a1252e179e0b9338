#!/bin/sh
# After a run: turn the kernel trace the run wrote into pictures.
#   mk/trace-out.sh BHTRACE DUMP OUTBASE
# writes OUTBASE.svg (timeline), OUTBASE.json (Chrome trace-event format,
# for ui.perfetto.dev or chrome://tracing) and OUTBASE.txt (summary), and
# says where they are. A system without `trace on` writes no dump: nothing
# to do then.
set -eu
bhtrace=$1 dump=$2 out=$3
[ -s "$dump" ] || exit 0
"$bhtrace" svg "$dump" -o "$out.svg"
"$bhtrace" json "$dump" -o "$out.json"
"$bhtrace" summary "$dump" -o "$out.txt"
echo "trace: $out.svg (timeline), $out.json (open in https://ui.perfetto.dev), $out.txt (summary)"
