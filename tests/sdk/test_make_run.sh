# `make run SYSTEM=` and `make debug SYSTEM=`: any folder with a system.cfg,
# in the tree or outside it; a folder without one is an error, never the
# demo; QEMU_ARGS reach QEMU; a clean debugging run ends without an error.

mk="$MAKE --no-print-directory"

run make_run_tree $mk run SYSTEM=tests/sdk/systems/hello FRAMES=3
expect make_run_tree 0 '^\[bh\] Bulkhead .* system .hello.' '^\[hello\] hello from partition 0' \
	'^bhrun: the system halted'

run make_run_missing $mk run SYSTEM=tests/sdk/no_such_system
expect make_run_missing 2 'SYSTEM=tests/sdk/no_such_system: there is no tests/sdk/no_such_system/system\.cfg' &&
	refuse make_run_missing '^\[bh\]'

# A system whose image nothing in the tree builds (examples/porting is
# built with the SDK's make fragment instead): a clear error, not a boot.
run make_run_no_source $mk run SYSTEM=examples/porting
expect make_run_no_source 2 'SYSTEM=examples/porting: nothing builds myos\.elf' &&
	refuse make_run_no_source '^\[bh\]'

run make_run_qemu_args $mk run SYSTEM=tests/sdk/systems/hello FRAMES=3 QEMU_ARGS="-m 15"
expect make_run_qemu_args 2 '^bhrun: KERNEL PANIC'

# A system outside the tree with its partition in a subfolder.
ext=$TEST_TMP/ext
mkdir -p "$ext/sdk_ext"
sed 's/sdk_hello\.elf/sdk_ext.elf/; s/^system hello/system ext/' \
	tests/sdk/systems/hello/system.cfg >"$ext/system.cfg"
cp tests/sdk/systems/hello/sdk_hello/main.c "$ext/sdk_ext/"
run make_run_outside $mk run SYSTEM="$ext" FRAMES=2
expect make_run_outside 0 "system .ext." '^\[hello\] hello from partition 0' '^bhrun: the system halted'
# Its objects and image were built under $BUILD, at its own path.
rm -rf "$BUILD/sys/ext$ext" "$BUILD/gobj$ext"

# make debug: QEMU waits for GDB; GDB continues to the end; make is happy.
port=$((20000 + $$ % 20000))
$mk debug SYSTEM=tests/sdk/systems/hello FRAMES=2 GDB_PORT=$port \
	</dev/null >"$LOGDIR/make_debug.log" 2>&1 &
debug_pid=$!
for _ in $(seq 50); do
	grep -q "target remote :$port" "$LOGDIR/make_debug.log" && break
	sleep 0.2
done
sleep 0.5
timeout 60 gdb -q -batch -nx -ex "target remote :$port" -ex continue \
	"$BUILD/sys/tests/sdk/systems/hello/kernel.elf" >"$LOGDIR/make_debug_gdb.log" 2>&1
wait "$debug_pid"
status=$?
expect make_debug 0 '^\[hello\] hello from partition 0' '^bhrun: the system halted' &&
	refuse make_debug 'Error [0-9]'
