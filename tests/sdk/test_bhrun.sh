# bhrun (tools/bhrun/bhrun): each way a run can end gives its own message
# and exit status; the devices and options reach QEMU's command line.
# Systems: tests/sdk/systems/{hello,hm_halt}, the triple-fault image
# (tests/sdk/triple), and tests/qemu/virq_com2 (owns COM2's line).

BHRUN="tools/bhrun/bhrun --qemu $QEMU"
hello=$BUILD/sys/tests/sdk/systems/hello/kernel.elf
hm_halt=$BUILD/sys/tests/sdk/systems/hm_halt/kernel.elf
triple=$BUILD/sdktest/triple.elf
com2=$BUILD/sys/tests/qemu/virq_com2/kernel.elf

run bhrun_halt $BHRUN --frames 3 "$hello"
expect bhrun_halt 0 '^\[hello\] hello from partition 0' \
	'^\[bh\] halt: configured number of major frames done' \
	'^bhrun: the system halted \(QEMU exit status 33\)'

# A config that does not fit the machine: the kernel's boot check panics.
run bhrun_panic $BHRUN --frames 3 "$hello" -- -m 15
expect bhrun_panic 3 '^\[bh\] PANIC: config: partition hello region 0 .* is beyond RAM' \
	'^bhrun: KERNEL PANIC: .*\(QEMU exit status 35\)'

run bhrun_hm_halt $BHRUN "$hm_halt"
expect bhrun_hm_halt 4 'event=divide_error .*action=halt_module' \
	'^bhrun: the health monitor halted the module .*QEMU exit status 37\)'

run bhrun_triple $BHRUN --timeout 10 "$triple"
expect bhrun_triple 5 '^bhrun: the machine reset: a triple fault.*\(QEMU exit status 0 ' \
	'carries no system description'

# (No frames=: the system runs until bhrun stops it.)
run bhrun_timeout $BHRUN --timeout 2 "$hello"
expect bhrun_timeout 124 '^bhrun: timeout: no halt within 2 s'

run bhrun_usage tools/bhrun/bhrun
expect bhrun_usage 2 '^usage: bhrun'
run bhrun_bad_option tools/bhrun/bhrun --frames ten "$hello"
expect bhrun_bad_option 2 "^bhrun: --frames wants a number, not 'ten'"
run bhrun_no_image tools/bhrun/bhrun "$BUILD/no/such/kernel.elf"
expect bhrun_no_image 2 '^bhrun: no such image: '

# Devices from the image: one serial port, or a second one for COM2.
run bhrun_devices $BHRUN -n "$hello"
expect bhrun_devices 0 ' -serial stdio -kernel ' && refuse bhrun_devices '-serial null'
run bhrun_com2 $BHRUN -n --com2 file:com2.txt "$com2"
expect bhrun_com2 0 ' -serial stdio -serial file:com2\.txt -kernel '
run bhrun_com2_cfg $BHRUN -n --cfg tests/qemu/virq_com2/system.cfg "$hello"
expect bhrun_com2_cfg 0 ' -serial stdio -serial null -kernel '

# Options: frames, icount, trace, gdb (no timeout then), QEMU arguments.
run bhrun_options $BHRUN -n --frames 7 --args verbose --icount --trace t.txt \
	--timeout 9 "$hello" -- -d int
expect bhrun_options 0 "^timeout 9 .* -icount shift=0,align=off,sleep=off -debugcon file:t\\.txt .*-append 'frames=7 verbose' -d int\$"
run bhrun_gdb $BHRUN -n --gdb=4321 "$hello"
expect bhrun_gdb 0 "^[^ ]*qemu[^ ]* .* -S -gdb tcp::4321 " "gdb .*kernel\\.elf -ex 'target remote :4321'" &&
	refuse bhrun_gdb '^timeout '

# The kernel trace: a traced system (the demo) fills the file and bhrun
# says how to read it; an untraced one is warned about before it runs.
demo=$BUILD/sys/demo/kernel.elf
trace_file=${TEST_TMP:-$LOGDIR}/bhrun.trace
run bhrun_trace $BHRUN --frames 1 --icount --trace "$trace_file" "$demo"
if ! $BUILD/tools/bhtrace summary "$trace_file" 2>&1 | grep -q '^partition nav$'; then
	fail bhrun_trace "bhtrace cannot read $trace_file"
elif refuse bhrun_trace 'records no trace'; then
	expect bhrun_trace 0 "^bhrun: kernel trace in $trace_file: bhtrace svg[|]json[|]summary " \
		'^\[bh\] trace: [0-9]+ events recorded, 0 lost'
fi
rm -f "$trace_file"
run bhrun_trace_off $BHRUN --frames 1 --trace "$trace_file" "$hello"
expect bhrun_trace_off 0 "^bhrun: warning: this system records no trace .*: $trace_file stays empty" &&
	refuse bhrun_trace_off '^bhrun: kernel trace in '
rm -f "$trace_file"

# Through GRUB: the same system from a rescue ISO (frames= in grub.cfg).
run bhrun_iso $BHRUN --iso --frames 2 "$hello"
expect bhrun_iso 0 '^\[hello\] hello from partition 0' '^bhrun: the system halted'
