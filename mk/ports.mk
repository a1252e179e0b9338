# Ported RTOSes (ports/): `make rtems RTEMS_SRC=<tree>` and
# `make freertos FREERTOS_SRC=<tree>` build RTEMS or FreeRTOS with their
# Bulkhead ports outside this tree and run their tests in partitions; with
# no source tree given they print one SKIP line (as in CI). Third-party
# sources are copied into PORTS_WORK and never into the repository.
#
# ext-kernel: a bootable kernel for a system whose system.cfg and partition
# images sit in EXT_SYS (a directory outside the tree); the runners use it.

PORTS_WORK ?= $(abspath $(BUILD))/ports
EXT_SYS ?=

.PHONY: rtems freertos ext-kernel port-parts

# In `make check` they print their SKIP line unless a source tree is given.
CHECK_TARGETS += rtems freertos

# The in-tree partitions the runners put next to the port under test.
port-parts: $(BUILD)/part/port_watch.elf $(BUILD)/part/port_idle.elf $(BHCFG_TOOL) $(KERNEL_OBJS)

rtems: port-parts
	@BUILD=$(BUILD) QEMU=$(QEMU) MAKE="$(MAKE)" RTEMS_SRC="$(RTEMS_SRC)" \
		PORTS_WORK="$(PORTS_WORK)" bash ports/rtems/run-tests.sh $(RTEMS_TESTS)

freertos: port-parts
	@BUILD=$(BUILD) QEMU=$(QEMU) MAKE="$(MAKE)" FREERTOS_SRC="$(FREERTOS_SRC)" \
		PORTS_WORK="$(PORTS_WORK)" bash ports/freertos/run-tests.sh

ifneq ($(EXT_SYS),)
$(EXT_SYS)/config.c: $(EXT_SYS)/system.cfg $(BHCFG_TOOL)
	$(BHCFG_TOOL) tables --image-dir $(EXT_SYS) $< -o $@

$(EXT_SYS)/images.S: $(EXT_SYS)/system.cfg $(BHCFG_TOOL)
	$(BHCFG_TOOL) image --image-dir $(EXT_SYS) $< -o $@

$(EXT_SYS)/config.o: $(EXT_SYS)/config.c
	$(CC32) $(KCFLAGS) -Wno-missing-prototypes -c $< -o $@

$(EXT_SYS)/images.o: $(EXT_SYS)/images.S
	$(CC32) -m32 -c $< -o $@

$(EXT_SYS)/kernel.elf: $(KERNEL_OBJS) $(EXT_SYS)/config.o $(EXT_SYS)/images.o $(KERNEL_LD)
	$(CC32) $(LDFLAGS32) -T $(KERNEL_LD) -o $@ $(KERNEL_OBJS) $(EXT_SYS)/config.o \
		$(EXT_SYS)/images.o -lgcc

ext-kernel: $(EXT_SYS)/kernel.elf
endif
