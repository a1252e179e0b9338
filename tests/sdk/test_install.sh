# The SDK as an integrator gets it: `make install` into a prefix that
# already holds other software's files, which must survive install,
# re-install and uninstall untouched; then the example system
# (examples/system) and the porting walk-through (examples/porting),
# copied outside the tree, built and booted with that installed SDK only;
# pkg-config; a C library linked beside the guest
# library without clashing.

work=$TEST_TMP/install
prefix=$work/prefix
mk="$MAKE --no-print-directory"
rm -rf "$work" && mkdir -p "$work"

# check NAME WHY CMD...: passes if CMD succeeds.
check() {
	local name=$1 why=$2
	shift 2
	if "$@" >>"$LOGDIR/$name.log" 2>&1; then pass "$name"; else fail "$name" "$why"; fi
}

foreign_sums() {
	(cd "$1" && for f in bin/tool include/string.h include/bulkhead/vendor.h lib/libfoo.a \
		lib/pkgconfig/foo.pc share/doc/README; do md5sum "$f"; done)
}
mkdir -p "$prefix/bin" "$prefix/include/bulkhead" "$prefix/lib/pkgconfig" "$prefix/share/doc"
echo "a tool" >"$prefix/bin/tool"
echo "/* the system's string.h */" >"$prefix/include/string.h"
echo "/* a vendor header */" >"$prefix/include/bulkhead/vendor.h"
echo "an archive" >"$prefix/lib/libfoo.a"
echo "Name: foo" >"$prefix/lib/pkgconfig/foo.pc"
echo "docs" >"$prefix/share/doc/README"
foreign_sums "$prefix" >"$work/foreign.md5"

run install_foreign $mk install PREFIX="$prefix"
expect install_foreign 0 '^install: [0-9]+ files in .* \([0-9]+ copied, 0 old ones removed\)'
: >"$LOGDIR/install_foreign_kept.log"
check install_foreign_kept "foreign files changed" \
	cmp "$work/foreign.md5" <(foreign_sums "$prefix")
check install_layout "an SDK file is missing" test -x "$prefix/bin/bhcfg" -a -x "$prefix/bin/bhrun" \
	-a -x "$prefix/bin/bhtrace" \
	-a -f "$prefix/include/bulkhead/bh.h" -a -f "$prefix/include/bulkhead/io.h" \
	-a -f "$prefix/include/bulkhead/cmos_rtc.h" -a -f "$prefix/include/bulkhead/libc/string.h" \
	-a -f "$prefix/include/bulkhead/kernel/bh/config.h" -a -f "$prefix/include/rtos/rt.h" \
	-a -f "$prefix/lib/libbhkernel.a" -a -f "$prefix/lib/libbhguest.a" \
	-a -f "$prefix/lib/libbhrtos.a" -a -f "$prefix/share/bulkhead/bulkhead.mk" \
	-a -f "$prefix/share/bulkhead/kernel.ld" -a -f "$prefix/share/bulkhead/partition.ld" \
	-a -f "$prefix/lib/pkgconfig/bulkhead-partition.pc" -a ! -e "$prefix/bulkhead.mk"
check install_no_bench "a benchmark kernel was installed" \
	test -z "$(ls "$prefix/lib" | grep bench)"

# Someone else's file where the SDK would put one: nothing is changed.
other=$work/other
mkdir -p "$other/bin" && echo "not ours" >"$other/bin/bhcfg"
run install_conflict $mk install PREFIX="$other"
expect install_conflict 2 'were not installed by Bulkhead' "^    $other/bin/bhcfg\$" &&
	refuse install_conflict '^install: [0-9]+ files'
check install_conflict_untouched "the install changed something" \
	test "$(cat "$other/bin/bhcfg")" = "not ours" -a ! -e "$other/include" -a ! -e "$other/share"

run install_again $mk install PREFIX="$prefix"
expect install_again 0 '\(0 copied, 0 old ones removed\)'
# A file an older SDK installed and this one no longer has goes away.
echo "file lib/libbhold.a" >>"$prefix/share/bulkhead/manifest"
echo old >"$prefix/lib/libbhold.a"
run install_stale $mk install PREFIX="$prefix"
expect install_stale 0 '\(0 copied, 1 old ones removed\)' &&
	check install_stale_gone "the old file is still there" test ! -e "$prefix/lib/libbhold.a"

run install_destdir $mk install DESTDIR="$work/stage" PREFIX=/opt/bulkhead
expect install_destdir 0 "files in $work/stage/opt/bulkhead " &&
	check install_destdir_files "nothing under DESTDIR/PREFIX" test -x "$work/stage/opt/bulkhead/bin/bhrun"

# --------------------------------------- a whole system, outside the tree

cp -r examples/system "$work/example"
run sdk_system_build $mk -C "$work/example" SDK="$prefix" V=1
expect sdk_system_build 0 "-T $prefix/share/bulkhead/kernel.ld" &&
	refuse sdk_system_build "$(pwd)"
run sdk_system_run $mk -C "$work/example" SDK="$prefix" run
expect sdk_system_run 0 '^\[sensors\] tick [0-9]+: batch 15, average' \
	'^\[sensors\]   thread logger \(priority 10\)' \
	'^\[hm\] t=[0-9]+ns partition=com2 event=page_fault .*addr=0x50000000 .*action=restart_warm' \
	'^\[com2\] partition 1: start condition 3, 3 lines sent so far' \
	'^\[com2\] 6 lines sent on COM2' \
	'^\[supervisor\] window 30: com2 is normal, 1 health events, 1 restarts' \
	'^\[bh\] halt: module halt hypercall' '^bhrun: the system halted'
# COM2 was there (the partition owns line 3) and carried its lines.
run sdk_system_com2 "$prefix/bin/bhrun" --com2 "file:$work/com2.txt" \
	"$work/example/build/example/kernel.elf"
expect sdk_system_com2 0 '^bhrun: the system halted' &&
	check sdk_system_com2_text "COM2 did not carry the 6 lines" \
		test "$(tr -d '\r' <"$work/com2.txt" | grep -c '^COM2 line [0-5]$')" = 6

# The porting walk-through (docs/porting.md), from its folder alone.
cp -r examples/porting "$work/porting"
run sdk_porting $mk -C "$work/porting" SDK="$prefix" run FRAMES=120
expect sdk_porting 0 '^\[myos\] myos up in partition 0, tick 10000 us' '^\[myos\] tick 100$' \
	'^\[bh\] partition myos: mode=normal ' '^bhrun: the system halted'

# pkg-config: a partition compiled and linked by hand.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
check sdk_pkgconfig "pkg-config build failed" sh -c "
	gcc \$(pkg-config --cflags bulkhead-partition) -c examples/out-of-tree/main.c \
		-o '$work/pc.o' &&
	gcc -o '$work/pc.elf' '$work/pc.o' \$(pkg-config --libs bulkhead-partition) &&
	$prefix/bin/bhcfg check --image-dir '$work' --image-dir . examples/out-of-tree/system.cfg 2>&1 |
		grep -q rtos_example.elf || true
	test \"\$(pkg-config --modversion bulkhead-kernel)\" = \"\$(pkg-config --modversion bulkhead-partition)\""
unset PKG_CONFIG_PATH

# A C library beside the guest library (as newlib beside an RTOS port):
# its memcpy and memset win, the guest library's weak ones step aside.
mkdir -p "$work/clash"
cat >"$work/clash/libc.c" <<'C'
#include <stddef.h>
int libc_calls;
void *memcpy(void *d, const void *s, size_t n)
{
	char *dp = d;
	const char *sp = s;
	libc_calls++;
	while (n--) *dp++ = *sp++;
	return d;
}
void *memset(void *d, int c, size_t n)
{
	char *dp = d;
	libc_calls++;
	while (n--) *dp++ = (char)c;
	return d;
}
C
cat >"$work/clash/main.c" <<'C'
#include <bulkhead/bh.h>
#include <string.h>
int main(uint32_t c, uint32_t id)
{
	char a[8] = "abc", b[8];
	memcpy(b, a, sizeof(a));
	bh_printf("%u %u %s\n", c, id, b); /* the guest library needs strlen too */
	return (int)strlen(b);
}
C
cat >"$work/clash/Makefile" <<'M'
include $(SDK)/share/bulkhead/bulkhead.mk
$(BH_OUT)/libc.a: libc.c
	$(BH_CC) -m32 -ffreestanding -O2 -c libc.c -o $(BH_OUT)/libc.o && ar rcs $@ $(BH_OUT)/libc.o
clash_LIBS = $(BH_OUT)/libc.a
$(BH_OUT)/clash.elf: $(BH_OUT)/libc.a
$(eval $(call bh_partition,clash,main.c))
M
run sdk_libc_beside $mk -C "$work/clash" SDK="$prefix"
expect sdk_libc_beside 0 'LD .*clash\.elf' &&
	check sdk_libc_beside_wins "the guest library's memcpy was used" sh -c \
		"nm '$work/clash/build/clash.elf' | grep -q ' T memcpy\$' &&
		 ! nm '$work/clash/build/clash.elf' | grep -q ' W memcpy\$'"

# ------------------------------------------------------------- uninstall

run uninstall $mk uninstall PREFIX="$prefix"
expect uninstall 0 '^install: removed [0-9]+ files from '
check uninstall_kept_foreign "foreign files changed" cmp "$work/foreign.md5" <(foreign_sums "$prefix")
check uninstall_clean "SDK files or directories left" sh -c "
	test \"\$(cd '$prefix' && find . -type f | sort | tr '\n' ' ')\" = \
		'./bin/tool ./include/bulkhead/vendor.h ./include/string.h ./lib/libfoo.a ./lib/pkgconfig/foo.pc ./share/doc/README ' &&
	test ! -e '$prefix/share/bulkhead' -a ! -e '$prefix/include/rtos' -a ! -e '$prefix/include/bulkhead/libc'"
