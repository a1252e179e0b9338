# Tests of the QEMU test harness itself (tests/harness: tests/qemu/run.sh
# run over canned logs by a stand-in for QEMU), part of `make check`.

.PHONY: harness-test
harness-test:
	@echo "== harness-test"
	@bash tests/harness/run.sh

CHECK_TARGETS += harness-test
