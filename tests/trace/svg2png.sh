#!/usr/bin/env bash
# svg2png.sh IN.svg OUT.png: render an SVG at its own size with headless
# Chromium (Debian's `chromium`, installed by mk/deps.sh when it can be), in
# a fresh profile, with nothing that talks to the network. Exit status 77
# (a skip for tests/qemu/run.sh) when there is no Chromium to run.
set -eu
svg=$1 png=$2
if ! command -v chromium >/dev/null 2>&1; then
	echo "svg2png: no chromium here (mk/deps.sh could not install it): SVG not rendered"
	exit 77
fi
width=$(sed -n 's/^<svg [^>]* width="\([0-9]*\)".*/\1/p' "$svg")
height=$(sed -n 's/^<svg [^>]* height="\([0-9]*\)".*/\1/p' "$svg")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
	--hide-scrollbars --force-device-scale-factor=1 --window-size="$width,$height" \
	--screenshot="$(realpath -m "$png")" "file://$(realpath "$svg")" >/dev/null 2>&1 || true
if [ ! -s "$png" ]; then
	echo "svg2png: Chromium wrote no picture of $svg"
	exit 1
fi
