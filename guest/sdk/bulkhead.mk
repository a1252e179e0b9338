# Bulkhead partition SDK: include this from a partition's Makefile.
#
#   SDK ?= /path/to/sdk
#   include $(SDK)/bulkhead.mk
#   $(eval $(call bh_partition,myapp,main.c other.c))
#
# builds $(BH_OUT)/myapp.elf (BH_OUT defaults to ./build), linked at
# 0x40000000 with the executive (librtos.a) and the guest library
# (libbhguest.a). Give it to a system configuration as `image myapp.elf`.
# Variables you may set: BH_CC, BH_CFLAGS (optimisation, warnings), BH_OUT,
# BH_EXTRA_LIBS.

BH_SDK := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BH_CC ?= gcc
BH_OUT ?= build
BH_CFLAGS ?= -O2 -g -Wall -Wextra
BH_EXTRA_LIBS ?=

BH_TARGET_CFLAGS := -m32 -ffreestanding -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -std=c11 -I$(BH_SDK)/include
BH_LDFLAGS := -m32 -nostdlib -no-pie -static -Wl,--build-id=none \
	-T $(BH_SDK)/lib/partition.ld
BH_LIBS := $(BH_SDK)/lib/librtos.a $(BH_SDK)/lib/libbhguest.a

$(BH_OUT)/%.o: %.c
	@mkdir -p $(@D)
	$(BH_CC) $(BH_TARGET_CFLAGS) $(BH_CFLAGS) -MMD -MP -c $< -o $@

# $(call bh_partition,NAME,SOURCES): NAME.elf from the C sources.
define bh_partition
all: $(BH_OUT)/$(1).elf

$(BH_OUT)/$(1).elf: $(patsubst %.c,$(BH_OUT)/%.o,$(2)) $(BH_LIBS)
	$(BH_CC) $(BH_LDFLAGS) -o $$@ $(patsubst %.c,$(BH_OUT)/%.o,$(2)) \
		$(BH_EXTRA_LIBS) $(BH_LIBS) -lgcc

clean::
	rm -f $(BH_OUT)/$(1).elf $(patsubst %.c,$(BH_OUT)/%.o,$(2)) \
		$(patsubst %.c,$(BH_OUT)/%.d,$(2))

-include $(patsubst %.c,$(BH_OUT)/%.d,$(2))
endef

.DEFAULT_GOAL := all
.PHONY: all clean
