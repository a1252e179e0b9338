#!/usr/bin/env bash
# The trace of an in-QEMU test, drawn and read back (tests/qemu/run.sh runs
# this as POST_CHECK with TRACE_FILE and BUILD set):
#   - bhtrace svg, rendered to PNG by headless Chromium, then pngcheck: the
#     picture is not blank and every lane shows its colour;
#   - bhtrace json, validated by techeck against the trace-event format;
#   - bhtrace summary, which must name every partition.
# Files are kept next to the log: <test>.svg, .png, .json, .summary.
set -eu
: "${TRACE_FILE:?}" "${BUILD:?}"
base=${TRACE_FILE%.trace}
bhtrace=$BUILD/tools/bhtrace

"$bhtrace" svg "$TRACE_FILE" -o "$base.svg"
"$bhtrace" json "$TRACE_FILE" -o "$base.json"
"$bhtrace" summary "$TRACE_FILE" -o "$base.summary"
"$BUILD/tools/techeck" "$base.json"
for p in $(sed -n 's/.*data-lane="\([^"]*\)".*/\1/p' "$base.svg" | grep -v '^kernel$'); do
	grep -q "^partition $p\$" "$base.summary" || { echo "render: $p missing from the summary"; exit 1; }
done
# No Chromium (status 77): the rest is checked, the picture is skipped.
bash tests/trace/svg2png.sh "$base.svg" "$base.png" || exit $?
"$BUILD/tools/pngcheck" "$base.png" "$base.svg"
echo "render: $base.svg, .png, .json, .summary"
