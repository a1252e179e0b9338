#!/bin/sh
# Install or uninstall the Bulkhead SDK file by file (make sdk, make
# install, make uninstall), never touching what it did not install.
#
#   mk/install.sh install DEST LIST     install the files LIST names
#   mk/install.sh uninstall DEST        remove what the last install put
#
# LIST has one line per file: "MODE SOURCE RELATIVE-DESTINATION". DEST is
# the prefix (with DESTDIR in front). What was installed is recorded in
# DEST/share/bulkhead/manifest ("file PATH" and "dir PATH" for each
# directory the install created), so that
#   - a file that exists but is not in the manifest (someone else's) is
#     never replaced: the install stops before changing anything, naming
#     it (FORCE=1 replaces such files and adopts them);
#   - re-installing copies only files whose contents changed, and removes
#     the files a previous install put that are no longer part of the SDK;
#   - uninstall removes the manifest's files, then the directories it
#     created if they are empty, and nothing else.
set -eu

MANIFEST_REL=share/bulkhead/manifest

die() {
	echo "install: $*" >&2
	exit 1
}

# "file"/"dir" entries of the manifest at $1, one path per line.
manifest_paths() {
	[ -f "$1" ] && sed -n "s/^$2 //p" "$1" || true
}

in_list() { # path list-file
	grep -qxF -- "$1" "$2"
}

# Creates DEST/$1 and its missing parents, recording each new one in $2.
# (POSIX sh has no local variables: md_ names are this function's.)
make_dirs() {
	md_path=""
	md_ifs=$IFS
	IFS=/
	for md_part in $1; do
		md_path=${md_path:+$md_path/}$md_part
		if [ ! -d "$DEST/$md_path" ]; then
			[ -e "$DEST/$md_path" ] && die "$DEST/$md_path is in the way (not a directory)"
			mkdir "$DEST/$md_path"
			echo "$md_path" >>"$2"
		fi
	done
	IFS=$md_ifs
}

# An SDK installed before the manifest existed (it left DEST/.installed):
# the files it put are ours to replace or remove.
legacy_files() {
	[ -f "$DEST/.installed" ] || return 0
	echo .installed
	for f in bulkhead.mk lib/libbhguest.a lib/librtos.a lib/partition.ld \
		lib/pkgconfig/bulkhead-partition.pc; do
		[ -f "$DEST/$f" ] && echo "$f"
	done
	for d in include/bulkhead include/rtos; do
		[ -d "$DEST/$d" ] && (cd "$DEST" && find "$d" -maxdepth 1 -type f -name '*.h')
	done
	return 0
}

do_install() {
	list=$1
	[ -f "$list" ] || die "no file list $list"
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$DEST"
	manifest_paths "$DEST/$MANIFEST_REL" file >"$work/old_files"
	manifest_paths "$DEST/$MANIFEST_REL" dir >"$work/dirs"
	[ -f "$DEST/$MANIFEST_REL" ] || legacy_files >>"$work/old_files"
	: >"$work/new_files"

	# Check everything first: nothing is changed if anything is wrong.
	conflicts=""
	while read -r mode src rel; do
		[ -n "$rel" ] || continue
		[ -f "$src" ] || die "missing $src (build it first)"
		echo "$rel" >>"$work/new_files"
		dst=$DEST/$rel
		[ -d "$dst" ] && die "$dst is a directory"
		if [ -e "$dst" ] && ! in_list "$rel" "$work/old_files" &&
			! cmp -s "$src" "$dst" && [ "${FORCE:-0}" != 1 ]; then
			conflicts="$conflicts $dst"
		fi
	done <"$list"
	in_list "$MANIFEST_REL" "$work/new_files" && die "the list names the manifest"
	if [ -n "$conflicts" ]; then
		echo "install: these files exist and were not installed by Bulkhead;" >&2
		echo "install: nothing was changed (FORCE=1 replaces them):" >&2
		for f in $conflicts; do echo "    $f" >&2; done
		exit 1
	fi

	changed=0
	while read -r mode src rel; do
		[ -n "$rel" ] || continue
		make_dirs "$(dirname "$rel")" "$work/dirs"
		dst=$DEST/$rel
		if cmp -s "$src" "$dst" 2>/dev/null && [ "$(stat -c %a "$dst")" = "$mode" ]; then
			continue
		fi
		cp "$src" "$dst.bhtmp" && chmod "$mode" "$dst.bhtmp" && mv -f "$dst.bhtmp" "$dst"
		changed=$((changed + 1))
	done <"$list"

	# Files of the previous install that are no longer in the SDK.
	removed=0
	while read -r rel; do
		if ! in_list "$rel" "$work/new_files" && [ -f "$DEST/$rel" ]; then
			rm -f "$DEST/$rel"
			removed=$((removed + 1))
		fi
	done <"$work/old_files"

	make_dirs "$(dirname "$MANIFEST_REL")" "$work/dirs"
	{
		echo "# Files and directories the Bulkhead SDK installed here (mk/install.sh)."
		sed 's/^/file /' "$work/new_files"
		sort -u "$work/dirs" | sed 's/^/dir /'
	} >"$DEST/$MANIFEST_REL.bhtmp"
	mv -f "$DEST/$MANIFEST_REL.bhtmp" "$DEST/$MANIFEST_REL"
	echo "install: $(wc -l <"$work/new_files") files in $DEST ($changed copied, $removed old ones removed)"
}

do_uninstall() {
	m=$DEST/$MANIFEST_REL
	[ -f "$m" ] || die "no Bulkhead SDK installed in $DEST (no $m)"
	n=0
	for rel in $(manifest_paths "$m" file); do
		if [ -f "$DEST/$rel" ]; then
			rm -f "$DEST/$rel"
			n=$((n + 1))
		fi
	done
	dirs=$(manifest_paths "$m" dir | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-)
	rm -f "$m"
	# Deepest directories first; rmdir leaves any that holds something.
	for rel in $dirs; do
		rmdir "$DEST/$rel" 2>/dev/null || true
	done
	echo "install: removed $n files from $DEST"
}

[ $# -ge 2 ] || die "usage: mk/install.sh install DEST LIST | uninstall DEST"
DEST=$2
case $1 in
install)
	[ $# -eq 3 ] || die "usage: mk/install.sh install DEST LIST"
	do_install "$3"
	;;
uninstall)
	do_uninstall
	;;
*) die "unknown command $1" ;;
esac
