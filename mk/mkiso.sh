#!/bin/sh
# Wrap a kernel image in a GRUB rescue ISO that boots it with Multiboot.
#   mk/mkiso.sh KERNEL.elf "ARGS" OUT.iso
set -eu
kernel=$1 args=$2 out=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub" "$(dirname "$out")"
cp "$kernel" "$dir/boot/bulkhead.elf"
cat >"$dir/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
menuentry "Bulkhead" {
	multiboot /boot/bulkhead.elf $args
	boot
}
CFG
grub-file --is-x86-multiboot "$kernel"
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1
